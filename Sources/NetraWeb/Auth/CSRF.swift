import Vapor

enum SessionSettings {
    static let cookieName = "netra_session"
}

extension Request {
    /// The session's anti-forgery token, created on first use.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = CSRFMiddleware.newToken()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}

/// Refuses state-changing requests that do not carry the session's token, as a form field `csrf` or an
/// `X-CSRF-Token` header. A request without a session cookie has no ambient authority to abuse, so the
/// public API and the anonymous report forms pass without one (the login form does not: it is
/// protected against login forgery).
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let fieldName = "csrf"
    static let headerName = "X-CSRF-Token"

    static func newToken() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method) else { return try await next.respond(to: request) }
        let hasSessionCookie = request.cookies[SessionSettings.cookieName] != nil
        if !hasSessionCookie && (request.url.path.hasPrefix("/api/") || request.url.path.hasPrefix("/lapor")) {
            return try await next.respond(to: request)
        }
        let expected = request.session.data[Self.sessionKey]
        var sent = request.headers.first(name: Self.headerName)
        if sent == nil, request.headers.contentType == .urlEncodedForm || request.headers.contentType?.type == "multipart" {
            if request.body.data == nil { _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get() }
            sent = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let sent, Self.equalInConstantTime(expected, sent) else {
            throw Abort(.forbidden, reason: "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu coba lagi.")
        }
        return try await next.respond(to: request)
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
