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
                    group.addTask { try await store.allow("lapor:198.51.100.7", limit: 10, window: 600) }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(answers.filter { $0 }.count == 10)
            #expect(try await second.allow("lapor:203.0.113.9", limit: 10, window: 600), "another address has its own window")
            #expect(try await first.allow("status:198.51.100.7", limit: 30, window: 600), "another limit has its own window")
            // Ten minutes on, the window has closed: the address is counted afresh and the closed windows are gone.
            clock.now = Self.start.addingTimeInterval(601)
            #expect(try await second.allow("lapor:198.51.100.7", limit: 10, window: 600))
            let sql = try #require(host.database as? any SQLDatabase)
            let rows = try await sql.raw("SELECT key FROM rate_windows ORDER BY key").all().map { try $0.decode(column: "key", as: String.self) }
            #expect(rows == ["lapor:198.51.100.7", "status:198.51.100.7"])
        }
    }
}
