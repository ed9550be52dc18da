import Crypto
import Foundation
import NetraCore
import NetraStore
import Vapor

/// The cookies that carry a signed-in session and, before sign-in, the sign-in form's anti-forgery token.
enum SessionSettings {
    static let cookieName = "netra_session"
    static let formCookieName = "netra_form"
}

/// What the session layer needs from the settings: cookie flags, lifetimes and the key that signs the
/// pre-sign-in form cookie.
struct SessionConfiguration: Sendable {
    let secureCookies: Bool
    let policy: SessionPolicy
    let formKey: SymmetricKey
    let tokens: TokenSource

    struct Key: StorageKey { typealias Value = SessionConfiguration }

    func sessionCookie(_ token: String) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: Int(policy.absolute), path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// `token.signature`: the token is random, the signature an HMAC under `formKey`, so a cookie forged
    /// or planted without the key is refused.
    func formCookie(_ token: String) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token + "." + signature(of: token), maxAge: 2 * 3600, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .strict)
    }

    func verifiedFormToken(_ cookie: String) -> String? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, CSRFMiddleware.equalInConstantTime(signature(of: String(parts[0])), String(parts[1])) else { return nil }
        return String(parts[0])
    }

    private func signature(of token: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: formKey)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

extension Application {
    var sessionConfiguration: SessionConfiguration { storage[SessionConfiguration.Key.self]! }
}

extension Request {
    var sessionStore: SessionStore {
        SessionStore(database: db, policy: application.sessionConfiguration.policy, now: { [clock] in clock.now() })
    }

    /// The live session this request came with, if any.
    var currentSession: ActiveSession? { storage[CurrentSessionKey.self] }

    /// Starts a session for `userID` and sets its cookie on `response`. Any session the request came
    /// with ends first, so an id planted before sign-in is worthless afterwards.
    func startSession(for userID: UUID, on response: Response) async throws {
        if let token = cookies[SessionSettings.cookieName]?.string { try await sessionStore.end(token: token) }
        let configuration = application.sessionConfiguration
        let token = configuration.tokens.make()
        try await sessionStore.start(token: token, csrf: configuration.tokens.make(), userID: userID, address: clientKey,
                                     agent: headers.first(name: .userAgent))
        response.cookies[SessionSettings.cookieName] = configuration.sessionCookie(token)
        response.cookies[SessionSettings.formCookieName] = .expired
    }

    /// Ends the request's session and clears its cookie on `response`.
    func endSession(on response: Response) async throws {
        if let token = cookies[SessionSettings.cookieName]?.string { try await sessionStore.end(token: token) }
        response.cookies[SessionSettings.cookieName] = .expired
    }
}

private struct CurrentSessionKey: StorageKey { typealias Value = ActiveSession }

/// Loads the session named by the cookie and the account it belongs to, once per request. An unknown,
/// expired or disabled account's session gets its cookie cleared. Anonymous visitors get no session.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[SessionSettings.cookieName]?.string else { return try await next.respond(to: request) }
        if let session = try await request.sessionStore.find(token: token), let account = try await request.accounts.signedIn(id: session.userID) {
            request.storage[CurrentSessionKey.self] = session
            request.storage[Viewer.Key.self] = Viewer(
                userID: session.userID, username: account.username, displayName: account.displayName, role: account.role,
                unitID: account.unitID, unitPath: account.unitPath, unitName: account.unitName, nip: account.nip,
                mustChangePassword: account.mustChangePassword
            )
            return try await next.respond(to: request)
        }
        try await request.sessionStore.end(token: token)
        let response = try await next.respond(to: request)
        response.cookies[SessionSettings.cookieName] = .expired
        return response
    }
}
