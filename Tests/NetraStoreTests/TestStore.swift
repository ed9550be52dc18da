import FluentKit
import Foundation
import NetraCore
import NetraStore

/// A migrated database for one test: a fresh SQLite file, or — when NETRA_TEST_DATABASE_URL names a
/// PostgreSQL server, as in CI — that database emptied and migrated again.
enum TestStore {
    static func withStore<T>(_ body: (StoreHost) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netra-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let location: DatabaseLocation
        if let url = ProcessInfo.processInfo.environment["NETRA_TEST_DATABASE_URL"], !url.isEmpty {
            location = try DatabaseLocation(url)
        } else {
            location = .sqlite(path: directory.appendingPathComponent("netra.sqlite").path)
        }
        let host = try StoreHost(location: location)
        do {
            if !location.isSQLite { try await host.revertAll() }
            try await host.migrate()
            let result = try await body(host)
            await host.shutdown()
            return result
        } catch {
            await host.shutdown()
            throw error
        }
    }

    static func registryFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NetraCoreTests/Fixtures/registry/\(name)").standardized.path
    }
}
