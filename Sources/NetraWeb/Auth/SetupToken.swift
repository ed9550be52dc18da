import Foundation
import Vapor

/// The one-time address at which the first admin account is made, when a real region starts Netra on an
/// empty database: no password ships in the code. It lives only in this process's memory, so it is
/// valid until it is used or the server restarts.
actor SetupToken {
    private var token: String?

    init(token: String?) { self.token = token }

    /// The setup address's path while the token is unspent.
    var path: String? { token.map { "/pasang?token=" + $0 } }

    /// Whether `candidate` is the token (compared in constant time).
    func matches(_ candidate: String) -> Bool {
        guard let token else { return false }
        return CSRFMiddleware.equalInConstantTime(token, candidate)
    }

    /// Spends the token if `candidate` is it; a second use, or a race of two, finds it gone.
    func consume(_ candidate: String) -> Bool {
        guard matches(candidate) else { return false }
        token = nil
        return true
    }

    /// Gives a spent token back when the account it was spent on was refused, so the form can be corrected.
    func restore(_ spent: String) {
        token = spent
    }

    struct Key: StorageKey { typealias Value = SetupToken }
}

/// Where secrets come from: the system's random generator in production, a fixed value in tests.
public struct TokenSource: Sendable {
    public let make: @Sendable () -> String

    public init(make: @escaping @Sendable () -> String) { self.make = make }

    /// 32 random bytes, URL-safe base64 without padding (it travels in an address).
    public static let live = TokenSource { CSRFMiddleware.newToken().replacingOccurrences(of: "=", with: "") }
}

extension Application {
    /// The setup address's path and token while no account exists (nil once the first admin is made).
    public var setupPath: String? {
        get async { await storage[SetupToken.Key.self]?.path }
    }
}
