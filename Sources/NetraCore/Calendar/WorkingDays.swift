import Foundation
import Yams

/// Working days for legal deadlines ("14 hari kerja"): Monday to Friday, less national holidays and
/// collective leave.
public struct WorkingDays: Sendable {
    public struct Holiday: Codable, Sendable, Equatable {
        public let date: LocalDate
        public let name: String
        /// Cuti bersama rather than a national holiday.
        public let leave: Bool?

        public init(date: LocalDate, name: String, leave: Bool? = nil) {
            self.date = date
            self.name = name
            self.leave = leave
        }
    }

    private struct File: Decodable {
        let days: [Holiday]
    }

    public let holidays: [LocalDate: Holiday]

    public init(holidays: [Holiday]) {
        self.holidays = Dictionary(holidays.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// These days with `more` added; a day already listed keeps its name.
    public func adding(holidays more: [Holiday]) -> WorkingDays {
        WorkingDays(holidays: holidays.values.sorted { $0.date < $1.date } + more)
    }

    public static func load(yaml text: String) throws -> WorkingDays {
        WorkingDays(holidays: try YAMLDecoder().decode(File.self, from: text).days)
    }

    public static func bundled() throws -> WorkingDays {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Calendars/holidays-id.yaml")
        return try load(yaml: String(contentsOf: url, encoding: .utf8))
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        date.isoWeekday <= 5 && holidays[date] == nil
    }

    /// The date `count` working days after `start` (start itself not counted).
    public func adding(_ count: Int, to start: LocalDate) -> LocalDate {
        var date = start
        var remaining = count
        while remaining > 0 {
            date = date.adding(days: 1)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// Working days after `start` up to and including `end`.
    public func count(from start: LocalDate, to end: LocalDate) -> Int {
        guard end > start else { return 0 }
        var total = 0
        var date = start.adding(days: 1)
        while date <= end {
            if isWorkingDay(date) { total += 1 }
            date = date.adding(days: 1)
        }
        return total
    }
}
