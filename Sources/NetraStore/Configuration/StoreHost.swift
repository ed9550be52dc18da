import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Fluent without a web server: what the command-line tools and the store tests run on.
public final class StoreHost: Sendable {
    public let location: DatabaseLocation
    public let databases: Databases
    private let logger: Logger

    public init(location: DatabaseLocation, logger: Logger = Logger(label: "netra.store")) throws {
        self.location = location
        self.logger = logger
        databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
        try location.register(on: databases)
    }

    public var database: any Database {
        databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    }

    private func migrator() -> Migrator {
        let migrations = Migrations()
        NetraMigrations.register(on: migrations)
        return Migrator(databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
    }

    /// Brings the schema up to date; safe to run on every start, and from several instances at once.
    public func migrate() async throws {
        try await StoreSettings.apply(to: database, location: location)
        let migrator = migrator()
        try await MigrationLock.hold(for: location, logger: logger) {
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
        }
    }

    public func revertAll() async throws {
        let migrator = migrator()
        try await migrator.setupIfNeeded().get()
        try await migrator.revertAllBatches().get()
    }

    public func shutdown() async {
        await databases.shutdownAsync()
    }
}

/// Connection-wide settings chosen for durability.
public enum StoreSettings {
    /// SQLite runs in WAL mode (readers do not block the writer) with the default `synchronous=FULL`,
    /// so a report acknowledged to its sender survives a crash or power loss.
    public static func apply(to database: any Database, location: DatabaseLocation) async throws {
        guard case .sqlite = location, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}

extension StoreHost {
    /// Opens `location`, brings its schema up to date (after dropping it, with `resetFirst`), runs `body`
    /// and always closes the connections.
    public static func withMigrated<T>(_ location: DatabaseLocation, resetFirst: Bool = false,
                                       _ body: (StoreHost) async throws -> T) async throws -> T {
        let host = try StoreHost(location: location)
        do {
            if resetFirst { try await host.revertAll() }
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
