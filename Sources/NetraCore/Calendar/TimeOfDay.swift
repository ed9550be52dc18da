/// An hour and minute of the day, as a summons gives it ("pukul 09.00 WIB").
public struct TimeOfDay: Sendable, Codable, Equatable, Comparable {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// "09.00", "9.00", "09:00" or "9" (a whole hour), as typed or as a browser's time input sends it.
    public init?(humanInput: String) {
        let parts = humanInput.trimmingSpaces.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == ":" })
        guard (1...2).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0 else { return nil }
        if parts.count == 2 && parts[1].count != 2 { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// "09.00": the Indonesian way of writing a time.
    public var indonesian: String { "\(hour.zeroPadded(2)).\(minute.zeroPadded(2))" }

    /// "09:00", as a browser's time input takes it.
    public var inputValue: String { "\(hour.zeroPadded(2)):\(minute.zeroPadded(2))" }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = TimeOfDay(humanInput: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Jam harus berformat HH.MM: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(indonesian)
    }
}
