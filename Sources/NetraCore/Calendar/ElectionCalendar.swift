import Foundation
import Yams

/// An election's timetable, loaded from `Calendars/<id>.yaml`. A new election is a new file.
public struct ElectionCalendar: Sendable, Codable, Equatable {
    public struct Stage: Sendable, Codable, Equatable {
        public let id: String
        public let name: String
        public let start: LocalDate
        public let end: LocalDate
        public let source: String?

        public init(id: String, name: String, start: LocalDate, end: LocalDate, source: String? = nil) {
            self.id = id
            self.name = name
            self.start = start
            self.end = end
            self.source = source
        }
    }

    public let id: String
    public let name: String
    public let kind: String
    public let regulation: String?
    public let stages: [Stage]
    /// False where the dates are not verified against the primary text.
    public let confirmed: Bool?

    public init(id: String, name: String, kind: String, regulation: String?, stages: [Stage], confirmed: Bool? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.regulation = regulation
        self.stages = stages
        self.confirmed = confirmed
    }

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case missingStage(calendar: String, stage: String)
        public var description: String {
            switch self {
            case .missingStage(let calendar, let stage): "Kalender \(calendar) tidak memiliki tahap wajib \"\(stage)\"."
            }
        }
    }

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }

    /// The stages that fix the phases; every election calendar must have them.
    public static let requiredStages = ["penetapan", "kampanye", "masa_tenang", "pemungutan"]
    /// Their names as forms and messages print them.
    public static let requiredStageNames = ["penetapan": "Penetapan pasangan calon", "kampanye": "Masa kampanye",
                                            "masa_tenang": "Masa tenang", "pemungutan": "Pemungutan suara"]

    /// The calendar whose timetable is nearest `date` (the one it falls in, if any).
    public static func nearest(_ calendars: [ElectionCalendar], to date: LocalDate) -> ElectionCalendar? {
        calendars.min { $0.distance(to: date) < $1.distance(to: date) }
    }

    public func validated() throws -> ElectionCalendar {
        for required in Self.requiredStages where stage(required) == nil {
            throw Problem.missingStage(calendar: id, stage: required)
        }
        return self
    }

    /// The phase of `date`: before the pairs are fixed, before the campaign, campaign, quiet period,
    /// voting day, or after.
    public func phase(on date: LocalDate) -> ElectionPhase {
        let fixing = stage("penetapan")!.start
        let campaign = stage("kampanye")!
        let quiet = stage("masa_tenang")!
        let voting = stage("pemungutan")!.start
        if date < fixing { return .sebelumPenetapan }
        if date < campaign.start { return .sebelumKampanye }
        if date <= campaign.end { return .kampanye }
        if date >= quiet.start && date <= quiet.end { return .masaTenang }
        if date == voting { return .pemungutan }
        return date > voting ? .sesudah : .masaTenang
    }

    public static func load(yaml text: String) throws -> ElectionCalendar {
        try YAMLDecoder().decode(ElectionCalendar.self, from: text).validated()
    }

    public static func bundled(id: String = "pilkada-2024") throws -> ElectionCalendar {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Calendars/\(id).yaml")
        return try load(yaml: String(contentsOf: url, encoding: .utf8))
    }

    /// Every election calendar that ships with Netra (every file but the holidays).
    public static func allBundled() throws -> [ElectionCalendar] {
        let directory = Bundle.module.resourceURL!.appendingPathComponent("Calendars")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("holidays") }.sorted()
            .map { try load(yaml: String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Days between `date` and this election's timetable (0 inside it), to pick the election a date belongs to.
    func distance(to date: LocalDate) -> Int {
        let first = stages.map(\.start).min()!
        let last = stages.map(\.end).max()!
        if date < first { return first.dayNumber - date.dayNumber }
        if date > last { return date.dayNumber - last.dayNumber }
        return 0
    }
}
