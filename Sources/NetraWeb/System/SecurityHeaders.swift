import Vapor

/// Headers every response carries. The policy allows scripts from this server only (no inline script or
/// handler: `/aset/netra.js` binds the print buttons), no framing by other sites, no referrer beyond this
/// server, and no content sniffing; with `--secure-cookies` (HTTPS) browsers are told to keep to HTTPS.
/// A handler's own policy (the logo's sandbox) or cache rule is kept.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    let strictTransport: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
        ] + (strictTransport ? [("Strict-Transport-Security", "max-age=31536000; includeSubDomains")] : [])
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.add(name: name, value: value)
        }
        // A signed-in page, and any page of the reporter's (their receipt and secret), stays out of caches.
        if request.viewer != nil || Self.mayShowReceiptSecret(request.url.path), !response.headers.contains(name: .cacheControl) {
            response.headers.add(name: .cacheControl, value: "no-store")
        }
        return response
    }

    static func mayShowReceiptSecret(_ path: String) -> Bool {
        path == "/lapor" || path.hasPrefix("/lapor/") || path.hasPrefix("/api/v1/reports")
    }
}
