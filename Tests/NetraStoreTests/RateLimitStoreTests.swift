import FluentKit
import Foundation
@testable import NetraStore
import SQLKit
import Testing

@Suite("Public-form limits are one limit for every instance")
struct RateLimitStoreTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("two instances on one database share each address's window; another address and another limit are apart; old windows are cleared")
    func sharedWindows() async throws {
        try await TestStore.withStore { host in
            let other = try StoreHost(location: host.location)
            defer { Task { await other.shutdown() } }
            final class Clock: @unchecked Sendable { var now = RateLimitStoreTests.start }
            let clock = Clock()
            let first = RateLimitStore(database: host.database, now: { clock.now })
            let second = RateLimitStore(database: other.database, now: { clock.now })
            // Twelve requests from one address, at once, half through each instance: ten pass, as with one instance.
            let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    let store = index % 2 == 0 ? first : second
                    group.addTask { try await store.allow("198.51.100.7", under: "lapor", limit: 10, window: 600) }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(answers.filter { $0 }.count == 10)
            #expect(try await second.allow("203.0.113.9", under: "lapor", limit: 10, window: 600), "another address has its own window")
            #expect(try await first.allow("198.51.100.7", under: "status", limit: 30, window: 600), "another limit has its own window")
            // Ten minutes on, the window has closed: the address is counted afresh and the closed windows are gone.
            clock.now = Self.start.addingTimeInterval(601)
            #expect(try await second.allow("198.51.100.7", under: "lapor", limit: 10, window: 600))
            let sql = try #require(host.database as? any SQLDatabase)
            let rows = try await sql.raw("SELECT key FROM rate_windows ORDER BY key").all().map { try $0.decode(column: "key", as: String.self) }
            #expect(rows == ["lapor:198.51.100.7", "status:198.51.100.7"])
        }
    }
}

@Suite("Instances started together migrate once")
struct MigrationLockTests {
    @Test("three instances migrating one empty PostgreSQL database at once: each migration runs once, none fails (SQLite serves one instance)")
    func concurrentMigrations() async throws {
        try await TestStore.withStore { host in
            guard !host.location.isSQLite else { return }
            try await host.revertAll()
            let hosts = try (0..<3).map { _ in try StoreHost(location: host.location) }
            defer { for other in hosts { Task { await other.shutdown() } } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for other in hosts { group.addTask { try await other.migrate() } }
                try await group.waitForAll()
            }
            let sql = try #require(host.database as? any SQLDatabase)
            let twice = try await sql.raw("SELECT name FROM _fluent_migrations GROUP BY name HAVING COUNT(*) > 1").all()
            #expect(twice.isEmpty)
            #expect(try await sql.raw("SELECT COUNT(*) AS n FROM rate_windows").first()?.decode(column: "n", as: Int.self) == 0)
        }
    }
}
