import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing

/// The sign-in counts and sessions on each database (SQLite here, PostgreSQL again in CI).
@Suite("Sign-in counts and sessions in the database")
struct SessionStoreTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: Double = 1_800_000_000
        var now: Date { lock.withLock { Date(timeIntervalSince1970: seconds) } }
        func advance(_ by: Double) { lock.withLock { seconds += by } }
    }

    @Test("parallel claims are counted one by one: exactly the free attempts pass, the delay grows, a success clears the name")
    func throttle() async throws {
        try await TestStore.withStore { host in
            let clock = Clock()
            let throttle = LoginThrottleStore(database: host.database, now: { clock.now })
            let passed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 { group.addTask { try await throttle.claim("pengguna:admin", under: .perAccount) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(passed == 5)
            clock.advance(29)
            #expect(try await throttle.claim("pengguna:admin", under: .perAccount) == false)
            clock.advance(2)
            #expect(try await throttle.claim("pengguna:admin", under: .perAccount))
            clock.advance(59)
            #expect(try await throttle.claim("pengguna:admin", under: .perAccount) == false)
            clock.advance(2)
            #expect(try await throttle.claim("pengguna:admin", under: .perAccount))
            try await throttle.clear("pengguna:admin")
            #expect(try await throttle.claim("pengguna:admin", under: .perAccount))
            // An address gets a success back, so its own sign-ins never slow it.
            let office = LoginThrottlePolicy(freeAttempts: 2)
            for _ in 0..<10 {
                #expect(try await throttle.claim("alamat:10.0.0.1", under: office))
                try await throttle.giveBack("alamat:10.0.0.1", under: office)
            }
        }
    }

    @Test("a session is found by its token, never by its stored hash, and expires when idle or old")
    func sessions() async throws {
        try await TestStore.withStore { host in
            let clock = Clock()
            let store = SessionStore(database: host.database, policy: SessionPolicy(idle: 100, absolute: 300, touchEvery: 10), now: { clock.now })
            let user = UUID()
            try await store.start(token: "rahasia-sesi", csrf: "c", userID: user, address: "10.0.0.1", agent: "uji")
            #expect(try await store.find(token: "rahasia-sesi")?.userID == user)
            #expect(try await store.find(token: SessionStore.hash("rahasia-sesi")) == nil)
            for _ in 0..<4 {
                clock.advance(60)
                #expect(try await store.find(token: "rahasia-sesi") != nil)
            }
            clock.advance(60)
            #expect(try await store.find(token: "rahasia-sesi") == nil)
            try await store.start(token: "kedua", csrf: "c", userID: user, address: nil, agent: nil)
            clock.advance(100)
            #expect(try await store.list(of: user).isEmpty)
            #expect(try await store.find(token: "kedua") == nil)
        }
    }
}
