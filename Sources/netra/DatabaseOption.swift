import ArgumentParser
import Foundation
import NetraStore

/// `--database`, falling back to NETRA_DATABASE_URL and then ./netra.sqlite.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "Path SQLite, sqlite://PATH, atau postgres://… (bawaan: NETRA_DATABASE_URL, lalu ./netra.sqlite)")
    var database: String?

    func location() throws -> DatabaseLocation {
        do {
            return try DatabaseLocation(database ?? ProcessInfo.processInfo.environment["NETRA_DATABASE_URL"])
        } catch {
            throw ValidationError(String(describing: error))
        }
    }

    /// Runs `body` on a migrated database and always shuts the connections down.
    func withStore<T>(_ body: (StoreHost) async throws -> T) async throws -> T {
        let host = try StoreHost(location: try location())
        do {
            try await host.migrate()
            let result = try await body(host)
            await host.shutdown()
            return result
        } catch {
            await host.shutdown()
            throw error
        }
    }
}

/// A message for the person at the terminal, then a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
