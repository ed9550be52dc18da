import Foundation
import NetraCore
import Vapor

/// A fixed-window limit per client address for the public forms (reports, status look-ups). In memory:
/// each instance limits on its own, which bounds abuse without a shared store (sign-in attempts are
/// counted in the database instead, `LoginThrottleStore`).
actor RateLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var counts: [String: (start: Date, count: Int)] = [:]

    init(limit: Int, per window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Whether one more request from `key` is allowed now; counts it.
    func allow(_ key: String, now: Date = Date()) -> Bool {
        if counts.count > 50_000 { counts = counts.filter { now.timeIntervalSince($0.value.start) < window } }
        var entry = counts[key] ?? (now, 0)
        if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
        entry.count += 1
        counts[key] = entry
        return entry.count <= limit
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
        guard await limiter.allow(clientKey) else {
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
