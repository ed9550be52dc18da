import FluentKit
import Foundation
import NetraCore
import NetraStore
import NIOConcurrencyHelpers
import Vapor

/// The application's "now": the live clock in production, a fixed or advancing one in tests, so that
/// deadlines and working days can be tested without waiting. It also knows the region's time zone, in
/// which "today" and every shown time are read.
public struct WebClock: Sendable {
    public let now: @Sendable () -> Date
    /// Shared by every copy of this clock: set from the region's settings at start, when they are saved, and
    /// at each run of the periodic job (so another instance follows a change).
    private let zone: NIOLockedValueBox<RegionTimeZone>

    public init(now: @escaping @Sendable () -> Date = Date.init) {
        self.now = now
        zone = NIOLockedValueBox(.wib)
    }

    public var regionTimeZone: RegionTimeZone { zone.withLockedValue { $0 } }

    func use(_ regionTimeZone: RegionTimeZone) {
        zone.withLockedValue { $0 = regionTimeZone }
    }

    /// Reads the region's time zone from its settings (WIB until they are saved).
    func followSettings(on database: any Database) async throws {
        use(try await LetterheadStore.current(on: database)?.zone ?? .wib)
    }

    /// Today in the region's time zone, the day the region is living.
    public var today: LocalDate {
        LocalDate(instant: now(), utcOffsetHours: regionTimeZone.utcOffsetHours)
    }

    struct Key: StorageKey { typealias Value = WebClock }
}

extension Request {
    var clock: WebClock { application.storage[WebClock.Key.self] ?? WebClock() }

    /// The region's time zone, in which every time a page shows is written.
    var regionTimeZone: RegionTimeZone { clock.regionTimeZone }
}
