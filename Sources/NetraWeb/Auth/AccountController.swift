import NetraCore
import NetraStore
import Vapor

/// The first admin (`/pasang`, once), one's own password (`/akun`), and the admin's accounts page
/// (`/pengguna`).
struct AccountController: RouteCollection {
    static let path = "/akun"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("pasang", use: setupForm)
        routes.post("pasang", use: setup)
        routes.get("akun", use: ownAccount)
        routes.post("akun", use: changePassword)
        routes.post("akun", "sesi", use: endSession)
        routes.post("akun", "email", use: changeEmail)
        routes.post("akun", "keluar-semua", use: endAllSessions)
        routes.get("pengguna", use: accounts)
        routes.post("pengguna", use: addAccount)
        routes.post("pengguna", ":username", "nonaktifkan", use: { try await setActive($0, false) })
        routes.post("pengguna", ":username", "aktifkan", use: { try await setActive($0, true) })
        routes.post("pengguna", ":username", "sandi", use: resetPassword)
    }

    // MARK: First admin

    struct SetupForm: Content {
        var token: String
        var username: String
        var nama: String
        var password: String
        var ulang: String
    }

    @Sendable
    func setupForm(req: Request) async throws -> View {
        let token = req.query[String.self, at: "token"] ?? ""
        guard let setup = req.application.storage[SetupToken.Key.self], await setup.matches(token) else { throw Abort(.notFound) }
        return try await req.view.render("setup", PageContext(req: req, title: "Pemasangan", body: SetupPage(token: token), hasForm: true))
    }

    @Sendable
    func setup(req: Request) async throws -> Response {
        let form = try req.content.decode(SetupForm.self)
        guard let setup = req.application.storage[SetupToken.Key.self], await setup.matches(form.token) else { throw Abort(.notFound) }
        var page = SetupPage(token: form.token, username: form.username, name: form.nama)
        if form.password != form.ulang {
            page.error = PasswordPolicy.Problem.mismatch.description
            page.errorField = AccountError.Field.password.rawValue
            return try await render("setup", "Pemasangan", page, status: .unprocessableEntity, req: req)
        }
        // Spent before the account is made, so two submissions at once (a double tap) make one admin; given
        // back when the account is refused, so the form can be corrected.
        guard await setup.consume(form.token), try await !AccountStore.anyAccountExists(on: req.db) else { throw Abort(.notFound) }
        do {
            try await req.accounts.add(AccountRequest(username: form.username, role: .admin, password: form.password, displayName: form.nama),
                                       by: "pemasangan")
        } catch let error as AccountError {
            await setup.restore(form.token)
            page.error = error.message
            page.errorField = error.field.rawValue
            return try await render("setup", "Pemasangan", page, status: .unprocessableEntity, req: req)
        }
        return req.redirect(to: "/masuk?lanjut=/persiapan")
    }

    struct SetupPage: Encodable {
        var token: String
        var username = ""
        var name = ""
        var error: String?
        var errorField: String?
        var minimumLength = PasswordPolicy.minimumLength
    }

    // MARK: One's own account

    struct PasswordForm: Content {
        var lama: String
        var baru: String
        var ulang: String
    }

    struct OwnAccountPage: Encodable {
        var username: String
        var name: String
        var role: String
        var unit: String?
        var nip: String?
        var mustChange: Bool
        var email: String?
        var error: String?
        /// A refused e-mail address, with what was typed.
        var emailError: String?
        var emailTyped: String?
        var changed = false
        var emailChanged = false
        var minimumLength = PasswordPolicy.minimumLength
        var sessions: [SessionRow]
        /// The lifetimes in words ("2 jam"), from the running policy.
        var idleLimit: String
        var absoluteLimit: String
    }

    /// "2 jam", "90 menit": a session lifetime as the page states it.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        return minutes % 60 == 0 ? "\(minutes / 60) jam" : "\(minutes) menit"
    }

    /// One of the viewer's sessions, named by its stored hash.
    struct SessionRow: Encodable {
        var id: String
        var started: String
        var lastSeen: String
        var address: String
        var browser: String
        var current: Bool

        /// A short name for the browser and system in a User-Agent, enough to recognise one's own devices.
        static func browser(of agent: String?) -> String {
            guard let agent, !agent.isEmpty else { return "Tidak diketahui" }
            let browsers = [("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"),
                            ("Chrome/", "Chrome"), ("Safari/", "Safari")]
            let systems = [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS", "macOS"), ("Linux", "Linux")]
            let name = browsers.first { agent.contains($0.0) }?.1
            let system = systems.first { agent.contains($0.0) }?.1
            switch (name, system) {
            case let (name?, system?): return "\(name) di \(system)"
            case let (name?, nil): return name
            case let (nil, system?): return system
            default: return String(agent.prefix(40))
            }
        }
    }

    @Sendable
    func ownAccount(req: Request) async throws -> View {
        let viewer = try req.requireViewer()
        var page = try await ownPage(viewer, changed: req.query[String.self, at: "ganti"] != nil, req: req)
        page.emailChanged = req.query[String.self, at: "email"] != nil
        return try await req.view.render("account", PageContext(req: req, title: "Akun Saya", body: page))
    }

    struct EmailForm: Content {
        var email: String?
    }

    /// The viewer's own address for notifications; an empty field removes it.
    @Sendable
    func changeEmail(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let form = try req.content.decode(EmailForm.self)
        do {
            try await req.accounts.setEmail(viewer.username, to: form.email ?? "", by: viewer.username)
        } catch let error as AccountError {
            var page = try await ownPage(viewer, changed: false, req: req)
            page.emailError = error.message
            page.emailTyped = form.email
            return try await render("account", "Akun Saya", page, status: .unprocessableEntity, req: req)
        }
        return req.redirect(to: Self.path + "?email=1")
    }

    struct SessionForm: Content {
        var sesi: String
    }

    /// Ends one of the viewer's other sessions (a phone left signed in somewhere).
    @Sendable
    func endSession(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let form = try req.content.decode(SessionForm.self)
        guard try await req.sessionStore.end(idHash: form.sesi, of: viewer.userID) else { throw Abort(.notFound, reason: "Sesi itu tidak ada atau sudah berakhir.") }
        return req.redirect(to: Self.path)
    }

    /// Signs the viewer out everywhere, this browser included.
    @Sendable
    func endAllSessions(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        try await req.sessionStore.endAll(of: viewer.userID)
        let response = req.redirect(to: "/masuk")
        response.cookies[SessionSettings.cookieName] = .expired
        return response
    }

    @Sendable
    func changePassword(req: Request) async throws -> Response {
        let viewer = try req.requireViewer()
        let form = try req.content.decode(PasswordForm.self)
        var page = try await ownPage(viewer, changed: false, req: req)
        func refuse(_ message: String) async throws -> Response {
            page.error = message
            return try await render("account", "Akun Saya", page, status: .unprocessableEntity, req: req)
        }
        guard let account = try await req.accounts.credentials(of: viewer.username),
              try await req.password.async.verify(form.lama, created: account.passwordHash) else {
            return try await refuse("Kata sandi lama salah.")
        }
        guard form.baru == form.ulang else { return try await refuse(PasswordPolicy.Problem.mismatch.description) }
        guard form.baru != form.lama else { return try await refuse("Kata sandi baru harus berbeda dari yang lama.") }
        do {
            try await req.accounts.changeOwnPassword(viewer.username, to: form.baru, keepingSession: req.currentSession?.idHash)
        } catch let error as AccountError {
            return try await refuse(error.message)
        }
        return req.redirect(to: Self.path + "?ganti=1")
    }

    private func ownPage(_ viewer: Viewer, changed: Bool, req: Request) async throws -> OwnAccountPage {
        let zone = req.regionTimeZone
        let current = req.currentSession?.idHash
        let policy = req.application.sessionConfiguration.policy
        let sessions = try await req.sessionStore.list(of: viewer.userID).map { session in
            SessionRow(id: session.idHash, started: session.createdAt.indonesianDateTime(in: zone), lastSeen: session.lastSeenAt.indonesianDateTime(in: zone),
                       address: session.address ?? "-", browser: SessionRow.browser(of: session.agent), current: session.idHash == current)
        }
        return OwnAccountPage(username: viewer.username, name: viewer.displayName, role: viewer.role.title, unit: viewer.unitName, nip: viewer.nip,
                              mustChange: viewer.mustChangePassword, email: try await req.accounts.email(of: viewer.userID), changed: changed, sessions: sessions,
                              idleLimit: Self.duration(policy.idle), absoluteLimit: Self.duration(policy.absolute))
    }

    // MARK: The admin's accounts page

    struct AccountForm: Content {
        var username: String
        var nama: String?
        var peran: String
        var nip: String?
        var unit: String?
        var email: String?
        var password: String
    }

    struct AccountsPage: Encodable {
        struct Row: Encodable {
            let username: String
            let name: String
            let role: String
            let nip: String?
            let unit: String?
            let active: Bool
            let mustChange: Bool
        }
        struct RoleChoice: Encodable {
            let value: String
            let title: String
            let selected: Bool
        }
        var rows: [Row]
        var roles: [RoleChoice]
        var form: [String: String] = [:]
        var error: String?
        var errorField: String?
        var notice: String?
        var minimumLength = PasswordPolicy.minimumLength
    }

    @Sendable
    func accounts(req: Request) async throws -> View {
        _ = try req.require(.manageAccounts)
        let notice = req.query[String.self, at: "pesan"].flatMap(Notice.init(rawValue:))?.text
        return try await req.view.render("users", PageContext(req: req, title: "Pengguna", body: try await accountsPage(req, notice: notice)))
    }

    @Sendable
    func addAccount(req: Request) async throws -> Response {
        let viewer = try req.require(.manageAccounts)
        let form = try req.content.decode(AccountForm.self)
        var page = try await accountsPage(req, selectedRole: form.peran)
        page.form = ["username": form.username, "nama": form.nama ?? "", "nip": form.nip ?? "", "unit": form.unit ?? "", "email": form.email ?? ""]
        do {
            guard let role = Role(rawValue: form.peran) else { throw AccountError(field: .role, message: "Pilih peran akun.") }
            // An account made by the admin gets a password only its owner should know: they replace it at first sign-in.
            try await req.accounts.add(AccountRequest(username: form.username, role: role, password: form.password, displayName: form.nama,
                                                      nip: form.nip, unit: form.unit, mustChangePassword: true, email: form.email),
                                      by: viewer.username)
        } catch let error as AccountError {
            page.error = error.message
            page.errorField = error.field.rawValue
            return try await render("users", "Pengguna", page, status: .unprocessableEntity, req: req)
        }
        return req.redirect(to: "/pengguna?pesan=\(Notice.added.rawValue)")
    }

    @Sendable
    func setActive(_ req: Request, _ active: Bool) async throws -> Response {
        let viewer = try req.require(.manageAccounts)
        let username = req.parameters.get("username") ?? ""
        do {
            try await req.accounts.setActive(username, active, by: viewer.username)
        } catch let error as AccountError {
            var page = try await accountsPage(req)
            page.error = error.message
            return try await render("users", "Pengguna", page, status: .unprocessableEntity, req: req)
        }
        return req.redirect(to: "/pengguna?pesan=\((active ? Notice.enabled : Notice.disabled).rawValue)")
    }

    struct ResetForm: Content { var password: String }

    @Sendable
    func resetPassword(req: Request) async throws -> Response {
        let viewer = try req.require(.manageAccounts)
        let username = req.parameters.get("username") ?? ""
        let form = try req.content.decode(ResetForm.self)
        do {
            try await req.accounts.resetPassword(username, to: form.password, by: viewer.username)
        } catch let error as AccountError {
            var page = try await accountsPage(req)
            page.error = "\(username): \(error.message)"
            return try await render("users", "Pengguna", page, status: .unprocessableEntity, req: req)
        }
        return req.redirect(to: "/pengguna?pesan=\(Notice.reset.rawValue)")
    }

    /// What a redirect after a change tells the admin (a code in the address, so a refresh stores nothing).
    enum Notice: String {
        case added = "dibuat", disabled = "nonaktif", enabled = "aktif", reset = "sandi"

        var text: String {
            switch self {
            case .added: "Akun dibuat. Pemiliknya harus mengganti kata sandi saat pertama masuk."
            case .disabled: "Akun dinonaktifkan; sesinya berakhir saat itu juga."
            case .enabled: "Akun diaktifkan kembali."
            case .reset: "Kata sandi diatur ulang; pemiliknya harus menggantinya saat masuk berikutnya."
            }
        }
    }

    private func accountsPage(_ req: Request, selectedRole: String? = nil, notice: String? = nil) async throws -> AccountsPage {
        let rows = try await req.accounts.list().map { account in
            AccountsPage.Row(username: account.username, name: account.name, role: account.role.title, nip: account.nip,
                             unit: account.unitName.map { name in account.unit.map { $0 == name ? name : "\(name) (\($0))" } ?? name },
                             active: account.active, mustChange: account.mustChangePassword)
        }
        let roles = Role.allCases.map { AccountsPage.RoleChoice(value: $0.rawValue, title: $0.title, selected: $0.rawValue == selectedRole) }
        return AccountsPage(rows: rows, roles: roles, notice: notice)
    }

    private func render(_ view: String, _ title: String, _ body: some Encodable, status: HTTPResponseStatus, req: Request) async throws -> Response {
        let response = try await req.view.render(view, PageContext(req: req, title: title, body: body, hasForm: true)).encodeResponse(for: req)
        response.status = status
        return response
    }
}
