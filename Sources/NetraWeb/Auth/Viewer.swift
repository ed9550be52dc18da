import Fluent
import NetraCore
import NetraStore
import Vapor

/// The signed-in person making a request, with what their role lets them see.
struct Viewer: Sendable {
    let userID: UUID
    let username: String
    let displayName: String
    let role: Role
    let unitID: UUID?
    let unitPath: String?
    let unitName: String?
    let nip: String?
    /// A password set by the admin (or a reset) must be replaced before anything else is done.
    let mustChangePassword: Bool

    /// The viewer as the case workflow and the audit trail name them.
    var actor: CaseActor { CaseActor(userID: userID, name: displayName, role: role) }

    var registryScope: RegistryScope {
        switch role {
        case .admin, .ppk, .bawaslu: .all
        case .supervisor: unitPath.map { .subtree(path: $0) } ?? .nothing
        case .asn: nip.map { .person(nip: $0) } ?? .nothing
        }
    }

    func may(_ permission: Permission) -> Bool { role.may(permission) }

    struct Key: StorageKey { typealias Value = Viewer }
}

extension Request {
    var viewer: Viewer? { storage[Viewer.Key.self] }

    /// The viewer, or 401 for the API / a redirect to the login page for pages. A viewer who must first
    /// replace their password is sent to `/akun` (403 on the API).
    func requireViewer() throws -> Viewer {
        guard let viewer else {
            if url.path.hasPrefix("/api/") { throw Abort(.unauthorized, reason: "Silakan masuk terlebih dahulu.") }
            throw Abort.redirect(to: "/masuk?lanjut=" + (url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"))
        }
        if viewer.mustChangePassword && url.path != AccountController.path {
            if url.path.hasPrefix("/api/") { throw Abort(.forbidden, reason: "Ganti kata sandi Anda lebih dulu di /akun.") }
            throw Abort.redirect(to: AccountController.path)
        }
        return viewer
    }

    func require(_ permission: Permission) throws -> Viewer {
        try require(permission, or: permission)
    }

    /// A viewer holding either permission.
    func require(_ permission: Permission, or alternative: Permission) throws -> Viewer {
        let viewer = try requireViewer()
        guard viewer.may(permission) || viewer.may(alternative) else { throw Abort(.forbidden, reason: "Peran Anda tidak diizinkan melakukan tindakan ini.") }
        return viewer
    }
}

extension Request {
    /// Accounts, hashing passwords with the application's bcrypt off the event loop.
    var accounts: AccountStore {
        AccountStore(database: db, hashPassword: { [self] in try await self.password.async.hash($0) }, now: { [clock] in clock.now() })
    }
}
