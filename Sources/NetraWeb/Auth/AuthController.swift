import Fluent
import NetraCore
import NetraStore
import Vapor

/// Signing in and out. Every attempt is counted per user name and per address before the password is
/// checked (`LoginThrottlePolicy`): after a few, each further attempt waits a growing delay. Every failure
/// — wrong password, unknown or disabled account, too soon — gets the same answer, so an outsider learns
/// nothing about which accounts exist.
struct AuthController: RouteCollection {
    static let failureMessage = "Tidak dapat masuk: nama pengguna atau kata sandi salah, atau terlalu banyak percobaan. Periksa lalu coba lagi sebentar lagi."
    let perAddress: LoginThrottlePolicy
    /// A hash of no one's password, made at start with the configured cost, checked against when the name
    /// is unknown so that its answer takes as long as a known one's.
    let decoyHash: String

    init(settings: WebSettings, decoyHash: String) {
        perAddress = LoginThrottlePolicy(freeAttempts: settings.loginFailuresPerWindow)
        self.decoyHash = decoyHash
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
        let username = form.username.trimmingCharacters(in: .whitespaces).lowercased()
        let throttle = LoginThrottleStore(database: req.db, now: { [clock = req.clock] in clock.now() })
        let accountKey = "pengguna:" + username, addressKey = "alamat:" + req.clientKey
        guard try await throttle.claim(accountKey, under: .perAccount), try await throttle.claim(addressKey, under: perAddress) else {
            return try await refuse(form, next: next, req: req)
        }
        let account = try await req.accounts.credentials(of: username)
        let matches = try await req.password.async.verify(form.password, created: account?.passwordHash ?? decoyHash)
        guard matches, let userID = account?.id else { return try await refuse(form, next: next, req: req) }
        try await throttle.clear(accountKey)
        try await throttle.giveBack(addressKey, under: perAddress)
        let mustChange = try await req.accounts.signedIn(id: userID)?.mustChangePassword ?? false
        let response = req.redirect(to: mustChange ? AccountController.path : next)
        try await req.startSession(for: userID, on: response)
        return response
    }

    private func refuse(_ form: LoginForm, next: String, req: Request) async throws -> Response {
        let page = PageContext(req: req, title: "Masuk", body: LoginPage(username: form.username, next: next, error: Self.failureMessage), hasForm: true)
        let response = try await req.view.render("login", page).encodeResponse(for: req)
        response.status = .unauthorized
        return response
    }

    @Sendable
    func logout(req: Request) async throws -> Response {
        let response = req.redirect(to: "/")
        try await req.endSession(on: response)
        return response
    }

    /// Only local paths, so the login page cannot be used to send people elsewhere.
    /// Only a plain path on this server: one leading slash, printable ASCII without spaces or backslashes. A tab
    /// or a second slash after the first would let a browser read the rest as another host.
    private func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              raw.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }) else { return InboxController.path }
        return raw
    }
}
