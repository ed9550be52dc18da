/// How often unit heads report on their supervision in a phase of the election.
public enum SupervisionRhythm: String, Codable, Sendable, CaseIterable {
    case none = "tidak_ada"
    case daily = "harian"
    case weekly = "mingguan"
    case monthly = "bulanan"

    public var title: String {
        switch self {
        case .none: "Tidak ada laporan"
        case .daily: "Harian"
        case .weekly: "Mingguan (Senin–Minggu)"
        case .monthly: "Bulanan"
        }
    }
}

/// The rhythm chosen for each phase. Phases left out have no statements.
public struct SupervisionRhythms: Codable, Sendable, Equatable {
    public var byPhase: [String: SupervisionRhythm]

    public init(byPhase: [ElectionPhase: SupervisionRhythm]) {
        self.byPhase = Dictionary(uniqueKeysWithValues: byPhase.map { ($0.key.rawValue, $0.value) })
    }

    /// Monthly while pairs are not yet fixed, weekly around the campaign and after voting, daily in the quiet
    /// period and on voting day, when a breach does the most harm.
    public static let standard = SupervisionRhythms(byPhase: [
        .sebelumPenetapan: .monthly, .sebelumKampanye: .weekly, .kampanye: .weekly, .masaTenang: .daily, .pemungutan: .daily, .sesudah: .weekly,
    ])

    public func rhythm(in phase: ElectionPhase) -> SupervisionRhythm { byPhase[phase.rawValue] ?? .none }
}

/// One reporting period: a day, a Monday-to-Sunday week or a month, cut where the phase changes.
public struct SupervisionPeriod: Codable, Sendable, Equatable, Hashable {
    public let start: LocalDate
    public let end: LocalDate
    public let phase: ElectionPhase
    public let rhythm: SupervisionRhythm

    public init(start: LocalDate, end: LocalDate, phase: ElectionPhase, rhythm: SupervisionRhythm) {
        self.start = start
        self.end = end
        self.phase = phase
        self.rhythm = rhythm
    }

    /// "14 Oktober 2024 – 20 Oktober 2024 (masa kampanye)", or one date for a daily period.
    public var title: String {
        let span = start == end ? start.indonesianLong : "\(start.indonesianLong) – \(end.indonesianLong)"
        return "\(span) (\(phase.title))"
    }
}

/// The periods of one election, from its first stage to its last (the seeds ask for supervision before, during
/// and after the campaign), under the rhythms the admin set.
public struct SupervisionSchedule: Sendable {
    public let calendar: ElectionCalendar
    public let rhythms: SupervisionRhythms

    public init(calendar: ElectionCalendar, rhythms: SupervisionRhythms) {
        self.calendar = calendar
        self.rhythms = rhythms
    }

    public var firstDay: LocalDate { calendar.stages.map(\.start).min()! }
    public var lastDay: LocalDate { calendar.stages.map(\.end).max()! }

    /// The period that `day` falls in; nil outside the election or where the phase has no statements.
    public func period(containing day: LocalDate) -> SupervisionPeriod? {
        guard day >= firstDay, day <= lastDay else { return nil }
        let phase = calendar.phase(on: day)
        let rhythm = rhythms.rhythm(in: phase)
        var start: LocalDate, end: LocalDate
        switch rhythm {
        case .none: return nil
        case .daily: (start, end) = (day, day)
        case .weekly: (start, end) = (day.adding(days: 1 - day.isoWeekday), day.adding(days: 7 - day.isoWeekday))
        case .monthly:
            start = LocalDate(year: day.year, month: day.month, day: 1)!
            end = LocalDate(year: day.year, month: day.month, day: LocalDate.daysIn(month: day.month, year: day.year))!
        }
        // Cut to the phase and to the election, so a period has one phase and one rhythm.
        while start < day && (start < firstDay || calendar.phase(on: start) != phase) { start = start.adding(days: 1) }
        while end > day && (end > lastDay || calendar.phase(on: end) != phase) { end = end.adding(days: -1) }
        return SupervisionPeriod(start: start, end: end, phase: phase, rhythm: rhythm)
    }

    /// The period starting on `start`, when `start` begins one.
    public func period(startingOn start: LocalDate) -> SupervisionPeriod? {
        period(containing: start).flatMap { $0.start == start ? $0 : nil }
    }

    /// Every period that has ended by `day` or contains it, newest first, at most `limit`.
    public func periods(through day: LocalDate, limit: Int = 60) -> [SupervisionPeriod] {
        var found: [SupervisionPeriod] = []
        var cursor = min(day, lastDay)
        while cursor >= firstDay, found.count < limit {
            if let period = period(containing: cursor) {
                found.append(period)
                cursor = period.start.adding(days: -1)
            } else {
                cursor = cursor.adding(days: -1)
            }
        }
        return found
    }
}
