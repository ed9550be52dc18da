import Fluent
import NetraCore
import NetraStore
import Vapor

/// Signing in and out. Five wrong passwords lock an account for 15 minutes; an address that fails too
/// often (trying one password on many accounts) is refused for the rest of a 10-minute window.
struct AuthController: RouteCollection {
    static let maxFailures = 5
    static let lockSeconds: Double = 15 * 60
    let failures: RateLimiter

    init(settings: WebSettings) {
        failures = RateLimiter(limit: settings.loginFailuresPerWindow, per: 600)
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("masuk", use: form)
        routes.post("masuk", use: login)
        routes.post("keluar", use: logout)
    }

    struct LoginForm: Content {
        var username: String
        var password: String
        var lanjut: String?
    }

    struct LoginPage: Encodable {
        var username: String
        var next: String
        var error: String?
    }

    @Sendable
    func form(req: Request) async throws -> View {
        let next = safeNext(req.query[String.self, at: "lanjut"])
        return try await req.view.render("login", PageContext(req: req, title: "Masuk", body: LoginPage(username: "", next: next), hasForm: true))
    }

    @Sendable
    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = safeNext(form.lanjut)
        func refuse(_ message: String, status: HTTPResponseStatus = .unauthorized) async throws -> Response {
            if status == .unauthorized { await failures.record(req.clientKey) }
            let page = PageContext(req: req, title: "Masuk", body: LoginPage(username: form.username, next: next, error: message), hasForm: true)
            let response = try await req.view.render("login", page).encodeResponse(for: req)
            response.status = status
            return response
        }
        guard await !failures.isExhausted(req.clientKey) else {
            return try await refuse("Terlalu banyak percobaan masuk yang gagal dari alamat Anda. Tunggu 10 menit lalu coba lagi.", status: .tooManyRequests)
        }
        let username = form.username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let user = try await UserModel.query(on: req.db).filter(\.$username == username).first() else {
            // Hashing anyway keeps the response time of unknown names like that of known ones.
            _ = try? await req.password.async.hash(form.password)
            return try await refuse("Nama pengguna atau kata sandi salah.")
        }
        let now = req.clock.now().timeIntervalSince1970
        if let until = user.lockedUntil, until > now {
            return try await refuse("Akun dikunci sementara karena terlalu banyak percobaan. Coba lagi setelah \(Int((until - now) / 60) + 1) menit.")
        }
        guard try await req.password.async.verify(form.password, created: user.passwordHash), user.active else {
            user.failedLogins += 1
            if user.failedLogins >= Self.maxFailures {
                user.lockedUntil = now + Self.lockSeconds
                user.failedLogins = 0
            }
            try await user.save(on: req.db)
            return try await refuse("Nama pengguna atau kata sandi salah.")
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: req.db)
        // A new session id on every sign-in, so an id planted before login is worthless afterwards.
        if let old = req.session.id { try await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data[ViewerMiddleware.sessionKey] = user.id!.uuidString
        req.session.data[ViewerMiddleware.versionKey] = String(user.sessionVersion)
        req.session.data[CSRFMiddleware.sessionKey] = CSRFMiddleware.newToken()
        return req.redirect(to: user.mustChangePassword ? AccountController.path : next)
    }

    @Sendable
    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/")
    }

    /// Only local paths, so the login page cannot be used to send people elsewhere.
    /// Only a plain path on this server: one leading slash, printable ASCII without spaces or backslashes. A tab
    /// or a second slash after the first would let a browser read the rest as another host.
    private func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              raw.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }) else { return "/registri" }
        return raw
    }
}
