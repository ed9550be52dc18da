import FluentKit
import Foundation
import NetraCore
import NetraStore
import NetraWeb
import SQLKit
import Testing
import VaporTesting

/// #19 items 3 and 4: sign-in guessing is slowed by atomic counts with one answer for every failure;
/// sessions live on the server by hash, expire, and can be ended by their owner and the admin.
@Suite("Sign-in throttling and server-side sessions", .serialized)
struct SessionSecurityTests {
    static let failure = "nama pengguna atau kata sandi salah, atau terlalu banyak percobaan"

    /// The real session lifetimes (the shared test setup stretches them for journeys that move the clock by weeks).
    func withAdjustedApp(_ clock: TestClock, adjust: @escaping (inout WebSettings) -> Void, _ body: (Application) async throws -> Void) async throws {
        try await withDemoApp(adjust: { $0.clock = clock.webClock; $0.sessions = SessionPolicy(); adjust(&$0) }) { app, _ in try await body(app) }
    }

    func withApp(_ clock: TestClock, _ body: (Application) async throws -> Void) async throws {
        try await withAdjustedApp(clock, adjust: { _ in }, body)
    }

    func attempts(_ key: String, on app: Application) async throws -> Int? {
        let sql = try #require(app.db as? any SQLDatabase)
        return try await sql.raw("SELECT attempts FROM login_throttle WHERE key = \(bind: key)").first()?.decode(column: "attempts", as: Int.self)
    }

    @Test("the sign-in form makes no session: two thousand visits leave no row; its token lives in a signed cookie")
    func noSessionBeforeSignIn() async throws {
        try await withApp(TestClock("2026-12-03T02:00:00Z")) { app in
            for _ in 0..<2_000 {
                var visitor = WebClient(app)
                try await visitor.send(.GET, "/masuk")
                #expect(visitor.cookies["netra_session"] == nil)
            }
            #expect(try await SessionModel.query(on: app.db).count() == 0)
            var visitor = WebClient(app)
            try await visitor.send(.GET, "/masuk")
            let cookie = try #require(visitor.cookies["netra_form"])
            let token = try #require(visitor.csrf)
            #expect(cookie.hasPrefix(token + "."))
            // A planted cookie with the attacker's own token and no valid signature is refused.
            visitor.cookies["netra_form"] = "pilihan-penyerang.tanda-palsu"
            let forged = try await visitor.send(.POST, "/masuk", form: ["csrf": "pilihan-penyerang", "username": "admin", "password": "netra-admin"])
            #expect(forged.status == .forbidden)
            #expect(visitor.cookies["netra_session"] == nil)
        }
    }

    @Test("only the hash of a session id is stored: a copy of the database signs nobody in")
    func hashedSessionIDs() async throws {
        try await withApp(TestClock("2026-12-03T02:00:00Z")) { app in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let cookie = try #require(admin.cookies["netra_session"])
            let rows = try await SessionModel.query(on: app.db).all()
            #expect(rows.count == 1 && rows[0].id == SessionStore.hash(cookie) && rows[0].id != cookie)
            var thief = WebClient(app)
            thief.cookies["netra_session"] = try #require(rows[0].id)
            #expect(try await thief.send(.GET, "/pengguna").status == .seeOther)
            #expect(try await admin.send(.GET, "/pengguna").status == .ok)
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await sql.raw("SELECT name FROM sqlite_master WHERE name = '_fluent_sessions'").all().isEmpty)
        }
    }

    @Test("wrong password, unknown name, disabled account and too many tries all get the same answer")
    func oneMessage() async throws {
        try await withApp(TestClock("2026-12-03T02:00:00Z")) { app in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            #expect(try await admin.send(.POST, "/pengguna/asn/nonaktifkan", form: ["csrf": admin.csrf!]).status == .seeOther)
            var bodies: [String] = []
            for (name, password) in [("bupati", "salah-sekali"), ("tidak.ada", "salah-sekali"), ("asn", "netra-asn")] {
                var client = WebClient(app)
                let answer = try await client.login(name, password)
                #expect(answer.status == .unauthorized)
                #expect(answer.body.string.contains(Self.failure))
                bodies.append(answer.body.string.replacingOccurrences(of: name, with: "NAMA"))
            }
            for _ in 0..<6 { var client = WebClient(app); try await client.login("kadinkes", "salah-sekali") }
            var late = WebClient(app)
            let throttled = try await late.login("kadinkes", "netra-kadinkes")
            #expect(throttled.status == .unauthorized && throttled.body.string.contains(Self.failure))
            bodies.append(throttled.body.string.replacingOccurrences(of: "kadinkes", with: "NAMA"))
            // Beyond the CSRF token the pages are the same: nothing tells which accounts exist.
            let stripped = bodies.map { $0.replacingOccurrences(of: #"name="csrf" value="[^"]*""#, with: "", options: .regularExpression) }
            #expect(Set(stripped).count == 1)
        }
    }

    @Test("after five wrong guesses the right password waits a growing delay, then signs in; it is never locked for good")
    func progressiveDelay() async throws {
        let clock = TestClock("2026-12-03T02:00:00Z")
        try await withApp(clock) { app async throws in
            var guesser = WebClient(app)
            for _ in 0..<5 { #expect(try await guesser.login("bupati", "tebakan-salah").status == .unauthorized) }
            var owner = WebClient(app)
            #expect(try await owner.login("bupati", "netra-ppk").status == .unauthorized)
            clock.set("2026-12-03T02:00:31Z")
            #expect(try await guesser.login("bupati", "tebakan-salah").status == .unauthorized)
            // The sixth guess made the next one wait 60 s.
            clock.set("2026-12-03T02:01:00Z")
            #expect(try await owner.login("bupati", "netra-ppk").status == .unauthorized)
            clock.set("2026-12-03T02:01:32Z")
            #expect(try await owner.login("bupati", "netra-ppk").status == .seeOther)
            #expect(try await attempts("pengguna:bupati", on: app) == nil)
        }
    }

    @Test("forty parallel wrong guesses: the count rises by each, and only the free attempts are checked")
    func parallelGuesses() async throws {
        try await withApp(TestClock("2026-12-03T02:00:00Z")) { app in
            var template = WebClient(app)
            try await template.send(.GET, "/masuk")
            let client = template
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        var guesser = client
                        return try await guesser.send(.POST, "/masuk", form: ["csrf": client.csrf!, "username": "admin", "password": "tebakan-salah"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .unauthorized })
            // Five claims passed the check (the fifth set a delay); every later one was refused before the password.
            #expect(try await attempts("pengguna:admin", on: app) == 5)
            var owner = WebClient(app)
            #expect(try await owner.login("admin", "netra-admin").status == .unauthorized)
        }
    }

    @Test("an address that guesses one password on many names is slowed, a right password included, and gets no session")
    func addressLimit() async throws {
        try await withAdjustedApp(TestClock("2026-12-03T02:00:00Z"), adjust: { $0.loginFailuresPerWindow = 3 }) { app in
            var client = WebClient(app)
            for username in ["bupati", "kadisdik", "tidakada"] { #expect(try await client.login(username, "tebakan").status == .unauthorized) }
            let refused = try await client.login("admin", "netra-admin")
            #expect(refused.status == .unauthorized && refused.body.string.contains(Self.failure))
            #expect(try await client.send(.GET, "/registri").status != .ok)
        }
    }

    @Test("a session ends after two idle hours, and twelve hours after sign-in however busy")
    func expiry() async throws {
        let clock = TestClock("2026-12-03T01:00:00Z")
        try await withApp(clock) { app in
            var idle = WebClient(app)
            try await idle.login("admin", "netra-admin")
            clock.set("2026-12-03T02:59:00Z")
            #expect(try await idle.send(.GET, "/registri").status == .ok)
            clock.set("2026-12-03T05:00:00Z")
            #expect(try await idle.send(.GET, "/registri").status == .seeOther)
            #expect(idle.cookies["netra_session"] == nil)

            var busy = WebClient(app)
            try await busy.login("admin", "netra-admin")
            for hour in 6...16 {
                clock.set(String(format: "2026-12-03T%02d:00:00Z", hour))
                #expect(try await busy.send(.GET, "/registri").status == .ok)
            }
            clock.set("2026-12-03T17:00:00Z")
            #expect(try await busy.send(.GET, "/registri").status == .seeOther)
            // Signing in purges what has expired.
            var next = WebClient(app)
            try await next.login("admin", "netra-admin")
            #expect(try await SessionModel.query(on: app.db).count() == 1)
        }
    }

    @Test("the account page lists one's sessions; one is ended from another device, then all; disabling an account ends its sessions")
    func endingSessions() async throws {
        try await withApp(TestClock("2026-12-03T02:00:00Z")) { app in
            var laptop = WebClient(app), phone = WebClient(app)
            try await laptop.login("kadisdik", "netra-kadisdik")
            try await phone.send(.GET, "/masuk")
            try await phone.send(.POST, "/masuk", form: ["csrf": phone.csrf!, "username": "kadisdik", "password": "netra-kadisdik"],
                                 headers: ["User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile"])
            let page = try await laptop.send(.GET, "/akun")
            #expect(page.body.string.contains("Chrome di Android") && page.body.string.contains("Sesi ini"))
            #expect(page.body.string.contains("3 Desember 2026 pukul 09.00 WIB") && page.body.string.contains("setelah 2 jam tanpa kegiatan dan paling lama 12 jam"))
            let phoneHash = SessionStore.hash(try #require(phone.cookies["netra_session"]))
            // Another account cannot end it.
            var other = WebClient(app)
            try await other.login("kadinkes", "netra-kadinkes")
            #expect(try await other.send(.POST, "/akun/sesi", form: ["csrf": other.csrf!, "sesi": phoneHash]).status == .notFound)
            #expect(try await phone.send(.GET, "/registri").status == .ok)
            #expect(try await laptop.send(.POST, "/akun/sesi", form: ["csrf": laptop.csrf!, "sesi": phoneHash]).status == .seeOther)
            #expect(try await phone.send(.GET, "/registri").status == .seeOther)

            try await phone.login("kadisdik", "netra-kadisdik")
            #expect(try await laptop.send(.POST, "/akun/keluar-semua", form: ["csrf": laptop.csrf!]).status == .seeOther)
            #expect(try await phone.send(.GET, "/registri").status == .seeOther)
            #expect(try await laptop.send(.GET, "/registri").status == .seeOther)

            try await phone.login("kadisdik", "netra-kadisdik")
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            #expect(try await admin.send(.POST, "/pengguna/kadisdik/nonaktifkan", form: ["csrf": admin.csrf!]).status == .seeOther)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "kadisdik").first())
            #expect(try await SessionModel.query(on: app.db).filter(\.$userID == user.id!).count() == 0)
            #expect(try await phone.send(.GET, "/registri").status == .seeOther)
        }
    }
}
