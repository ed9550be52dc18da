import Foundation

/// Indonesia's three time zones. A region shows every time, and prints the hour of a summons, in its own.
public enum RegionTimeZone: String, Sendable, Codable, CaseIterable {
    case wib, wita, wit

    public var utcOffsetHours: Int {
        switch self {
        case .wib: 7
        case .wita: 8
        case .wit: 9
        }
    }

    /// "WIB", as written after an hour.
    public var abbreviation: String { rawValue.uppercased() }

    public var title: String {
        switch self {
        case .wib: "WIB (UTC+7) — Sumatra, Jawa, Kalimantan Barat dan Kalimantan Tengah"
        case .wita: "WITA (UTC+8) — Bali, Nusa Tenggara, Kalimantan Selatan, Timur dan Utara, Sulawesi"
        case .wit: "WIT (UTC+9) — Maluku dan Papua"
        }
    }

    /// The zone of a region by its Kemendagri code, from the province it lies in (Permendagri on wilayah codes;
    /// the zones of Keppres 41/1987); WIB for a code it does not know.
    public static func of(regionCode code: String) -> RegionTimeZone {
        let province = Int(code.prefix { $0 != "." }) ?? 0
        switch province {
        case 51, 52, 53, 63, 64, 65, 71...76: return .wita
        case 81, 82, 91...99: return .wit
        default: return .wib
        }
    }
}

extension Date {
    /// "3 Desember 2026 pukul 13.44 WIB": an instant as the region reads it, in its time zone.
    public func indonesianDateTime(in zone: RegionTimeZone) -> String {
        let seconds = Int(timeIntervalSince1970.rounded(.down)) + zone.utcOffsetHours * 3600
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let hour = secondOfDay / 3600, minute = secondOfDay % 3600 / 60
        return LocalDate(instant: self, utcOffsetHours: zone.utcOffsetHours).indonesianLong + " pukul "
            + "\(hour.zeroPadded(2)).\(minute.zeroPadded(2)) \(zone.abbreviation)"
    }
}

extension LocalDate {
    /// The region's day of a stored instant (seconds since 1970).
    public init(timestamp: Double, in zone: RegionTimeZone) {
        self.init(instant: Date(timeIntervalSince1970: timestamp), utcOffsetHours: zone.utcOffsetHours)
    }
}
