import NetraCore
import NetraStore
import Vapor

extension Request {
    private struct RegionTimeZoneKey: StorageKey { typealias Value = RegionTimeZone }

    /// The region's time zone from its settings (WIB until they are saved), read once per request.
    func regionTimeZone() async throws -> RegionTimeZone {
        if let zone = storage[RegionTimeZoneKey.self] { return zone }
        let zone = try await LetterheadStore.current(on: db)?.zone ?? .wib
        storage[RegionTimeZoneKey.self] = zone
        return zone
    }
}
