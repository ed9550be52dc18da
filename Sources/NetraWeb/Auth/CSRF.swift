import Vapor

extension Request {
    /// The anti-forgery token for this request's forms: the session's when signed in; before sign-in, the
    /// token of the signed form cookie, minted (and set on the response by `CSRFMiddleware`) on first use.
    var csrfToken: String {
        if let session = currentSession { return session.csrf }
        if let token = storage[FormTokenKey.self] { return token.value }
        let configuration = application.sessionConfiguration
        let token = cookies[SessionSettings.formCookieName].flatMap { configuration.verifiedFormToken($0.string) }
        let minted = FormToken(value: token ?? configuration.tokens.make(), isNew: token == nil)
        storage[FormTokenKey.self] = minted
        return minted.value
    }
}

private struct FormToken { let value: String; let isNew: Bool }
private struct FormTokenKey: StorageKey { typealias Value = FormToken }

/// Refuses state-changing requests that do not carry the expected token, as a form field `csrf` or an
/// `X-CSRF-Token` header: the session's when signed in, else the signed form cookie's. A request without a
/// session has no ambient authority to abuse, so the public API and the anonymous report forms pass
/// without one (the sign-in and setup forms do not: they are protected against login forgery).
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "csrf"
    static let headerName = "X-CSRF-Token"

    static func newToken() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await check(request)
        let response = try await next.respond(to: request)
        if let token = request.storage[FormTokenKey.self], token.isNew, request.currentSession == nil {
            response.cookies[SessionSettings.formCookieName] = request.application.sessionConfiguration.formCookie(token.value)
        }
        return response
    }

    private func check(_ request: Request) async throws {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method) else { return }
        if request.currentSession == nil && (request.url.path.hasPrefix("/api/") || request.url.path.hasPrefix("/lapor")) { return }
        let expected = request.currentSession?.csrf
            ?? request.cookies[SessionSettings.formCookieName].flatMap { request.application.sessionConfiguration.verifiedFormToken($0.string) }
        var sent = request.headers.first(name: Self.headerName)
        if sent == nil, request.headers.contentType == .urlEncodedForm || request.headers.contentType?.type == "multipart" {
            // Before sign-in only small forms (sign-in, setup) come here: a large body is not read to find their token.
            let limit = request.currentSession == nil ? 64 * 1024 : request.application.routes.defaultMaxBodySize.value
            if request.body.data == nil { _ = try await request.body.collect(max: limit).get() }
            sent = try? request.content.get(String.self, at: Self.fieldName)
        }
        guard let expected, let sent, Self.equalInConstantTime(expected, sent) else {
            throw Abort(.forbidden, reason: "Formulir kedaluwarsa atau tidak sah (token CSRF). Muat ulang halaman lalu coba lagi.")
        }
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
