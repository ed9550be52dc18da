import Foundation
import NetraCore
import NetraStore
import Vapor

/// A fixed-window limit per client address for the public forms (reports, status look-ups), counted in the
/// database (`RateLimitStore`) so that several instances behind one proxy hold one limit between them.
struct RateLimiter: Sendable {
    /// Names the limit's windows ("lapor", "status").
    let name: String
    let limit: Int
    let window: TimeInterval

    init(_ name: String, limit: Int, per window: TimeInterval) {
        self.name = name
        self.limit = limit
        self.window = window
    }
}

struct TrustedProxiesKey: StorageKey { typealias Value = TrustedProxies }

extension Request {
    /// The client address used for rate limits and the per-address sign-in limit: the socket's, or behind a
    /// trusted proxy the one it forwarded.
    var clientKey: String {
        let proxies = application.storage[TrustedProxiesKey.self] ?? .none
        let forwardedFor = headers[.xForwardedFor].flatMap(TrustedProxies.forwardedFor(header:))
        let forwarded = headers[.forwarded].flatMap(TrustedProxies.forwarded(header:))
        return proxies.client(socket: remoteAddress?.ipAddress, forwardedFor: forwardedFor, forwarded: forwarded) ?? "unknown"
    }

    func enforce(_ limiter: RateLimiter) async throws {
        let store = RateLimitStore(database: db, now: clock.now)
        guard try await store.allow(clientKey, under: limiter.name, limit: limiter.limit, window: limiter.window) else {
            throw Abort(.tooManyRequests, reason: "Terlalu banyak permintaan dari alamat Anda. Tunggu beberapa menit lalu coba lagi.")
        }
    }
}

/// The door of a public route: the address's rate limit and the declared body size are checked before a
/// byte of the body is read, so requests over either are answered at once (429, 413) and their bodies never
/// reach memory. A body without a declared size is cut off by the route's own collection limit.
struct UploadGate: AsyncMiddleware {
    let limiter: RateLimiter
    let maxBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await request.enforce(limiter)
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > maxBytes {
            throw Abort(.payloadTooLarge, reason: "Kiriman melebihi \(maxBytes / 1_048_576) MB; kirim berkas yang lebih kecil atau lebih sedikit.")
        }
        return try await next.respond(to: request)
    }
}
