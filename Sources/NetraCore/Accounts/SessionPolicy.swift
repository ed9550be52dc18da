import Foundation

/// How long a signed-in session lives on the server. A session ends after `idle` seconds without a
/// request, and in any case `absolute` seconds after sign-in, so a stolen or forgotten session dies on
/// its own. `touchEvery` bounds how often a request rewrites the last-seen time.
public struct SessionPolicy: Sendable, Equatable {
    public var idle: TimeInterval
    public var absolute: TimeInterval
    public var touchEvery: TimeInterval

    public init(idle: TimeInterval = 2 * 3600, absolute: TimeInterval = 12 * 3600, touchEvery: TimeInterval = 60) {
        self.idle = idle
        self.absolute = absolute
        self.touchEvery = touchEvery
    }

    public func isExpired(createdAt: TimeInterval, lastSeenAt: TimeInterval, now: TimeInterval) -> Bool {
        now - lastSeenAt >= idle || now - createdAt >= absolute
    }
}

/// The slowing-down of password guessing. Every sign-in attempt is counted per submitted user name and
/// per address before the password is checked; the first `freeAttempts` go at once, each later one must
/// wait a delay that grows by `step` per attempt up to `cap` (the n-th attempt, n ≥ `freeAttempts`,
/// makes the next one wait min(cap, (n − freeAttempts + 1) × step)). A success clears the user name's count.
/// Unknown user names are counted the same way, so the answers never tell whether an account exists, and
/// the right password is never locked out for longer than the current delay.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var freeAttempts: Int
    public var step: TimeInterval
    public var cap: TimeInterval
    /// Counts with no attempt for this long are forgotten.
    public var forgetAfter: TimeInterval

    public init(freeAttempts: Int, step: TimeInterval = 30, cap: TimeInterval = 15 * 60, forgetAfter: TimeInterval = 24 * 3600) {
        self.freeAttempts = freeAttempts
        self.step = step
        self.cap = cap
        self.forgetAfter = forgetAfter
    }

    /// Per user name: five attempts, then 30 s, 60 s, … up to 15 minutes between attempts.
    public static let perAccount = LoginThrottlePolicy(freeAttempts: 5)
}
