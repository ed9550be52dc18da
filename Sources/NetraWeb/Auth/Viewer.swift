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

    /// The viewer, or 401 for the API / a redirect to the login page for pages.
    func requireViewer() throws -> Viewer {
        guard let viewer else {
            if url.path.hasPrefix("/api/") { throw Abort(.unauthorized, reason: "Silakan masuk terlebih dahulu.") }
            throw Abort.redirect(to: "/masuk?lanjut=" + (url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"))
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

/// Loads the signed-in user named by the session, once per request.
struct ViewerMiddleware: AsyncMiddleware {
    static let sessionKey = "user"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Touching `request.session` creates a session; anonymous visitors without a cookie get none.
        if request.cookies[SessionSettings.cookieName] != nil, let text = request.session.data[Self.sessionKey], let id = UUID(uuidString: text),
           let user = try await UserModel.find(id, on: request.db), let role = user.userRole {
            var unit: UnitModel?
            if let unitID = user.unitID { unit = try await UnitModel.find(unitID, on: request.db) }
            request.storage[Viewer.Key.self] = Viewer(
                userID: id, username: user.username, displayName: user.displayName, role: role,
                unitID: user.unitID, unitPath: unit?.path, unitName: unit?.name, nip: user.asnNIP
            )
        }
        return try await next.respond(to: request)
    }
}
