/// Where one e-mail delivery stands.
public enum DeliveryStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for its (next) attempt.
    case pending
    /// Claimed by one instance, which holds it until its lease ends.
    case sending
    case sent
    /// Refused for good (5xx), or every attempt used.
    case failed

    public var title: String {
        switch self {
        case .pending: "Menunggu"
        case .sending: "Sedang dikirim"
        case .sent: "Terkirim"
        case .failed: "Gagal"
        }
    }
}

/// When to try a delivery again: after a network problem or a 4xx answer, waits that grow from one
/// minute to six hours, then the delivery is given up (about a day in all) and shown as failed.
public struct DeliveryPolicy: Sendable, Equatable {
    /// Seconds to wait after the first, second, … failed attempt.
    public var waits: [Double]
    /// How long a claimed delivery is held before another instance may take it over.
    public var lease: Double

    public init(waits: [Double] = [60, 300, 900, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600], lease: Double = 300) {
        self.waits = waits
        self.lease = lease
    }

    public var maximumAttempts: Int { waits.count + 1 }

    /// Seconds until the next attempt after `attempts` failed ones; nil when no attempt is left.
    public func wait(afterAttempts attempts: Int) -> Double? {
        attempts >= 1 && attempts <= waits.count ? waits[attempts - 1] : nil
    }
}
