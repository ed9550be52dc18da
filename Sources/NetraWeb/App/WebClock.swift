import Foundation
import NetraCore
import Vapor

/// The application's "now": the live clock in production, a fixed or advancing one in tests, so that
/// deadlines and working days can be tested without waiting.
public struct WebClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
    }

    /// Today in WIB (UTC+7), the day the region is living.
    public var today: LocalDate {
        LocalDate(instant: now())
    }

    struct Key: StorageKey { typealias Value = WebClock }
}

extension Request {
    var clock: WebClock { application.storage[WebClock.Key.self] ?? WebClock() }
}
