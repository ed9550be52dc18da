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
        // Suites run in parallel; with one shared PostgreSQL database they must take turns.
        let shared = !location.isSQLite
        if shared { await SharedDatabaseLock.shared.acquire() }
        defer { if shared { Task { await SharedDatabaseLock.shared.release() } } }
        do {
            return try await StoreHost.withMigrated(location, resetFirst: shared, body)
        } catch {
            // PostgreSQL errors hide their details from `description`; tests need them.
            throw TestStoreFailure(description: String(reflecting: error))
        }
    }

    static func registryFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NetraCoreTests/Fixtures/registry/\(name)").standardized.path
    }
}

struct TestStoreFailure: Error, CustomStringConvertible {
    let description: String
}

/// A FIFO lock for async code: one test at a time on the shared database.
actor SharedDatabaseLock {
    static let shared = SharedDatabaseLock()
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
