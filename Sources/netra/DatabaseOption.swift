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
        try await StoreHost.withMigrated(try location(), body)
    }
}

/// A message for the person at the terminal, then a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
