/// What the public page counts about one case: nothing that names or locates a person beyond the
/// perangkat daerah.
public struct PublicCaseFacts: Sendable, Equatable {
    public let behaviours: [Behaviour]
    public let phase: ElectionPhase
    public let outcome: PublicOutcome
    public let agency: String

    public init(behaviours: [Behaviour], phase: ElectionPhase, outcome: PublicOutcome, agency: String) {
        self.behaviours = behaviours
        self.phase = phase
        self.outcome = outcome
        self.agency = agency
    }
}

/// Where a case ended, as published: still open, stopped, or the sanction decided.
public enum PublicOutcome: Hashable, Sendable {
    case inProgress
    /// Still open after its step's legal deadline (the PPK's 14 working days, say).
    case overdue
    case dismissed
    case sanctioned(SanctionLevel)

    public init(status: CaseStatus, decided: SanctionLevel?, pastDeadline: Bool = false) {
        if status == .dismissed {
            self = .dismissed
        } else if let decided {
            self = .sanctioned(decided)
        } else {
            self = pastDeadline && status.isOpen ? .overdue : .inProgress
        }
    }

    public var title: String {
        switch self {
        case .inProgress: "Masih diproses"
        case .overdue: "Masih diproses, melewati batas waktu"
        case .dismissed: "Dihentikan (tidak terbukti atau tidak cukup bukti)"
        case .sanctioned(let level): "Sanksi: \(level.title)"
        }
    }
}

/// Case counts per published category, before any suppression. A case with several behaviours counts
/// once under each.
public struct PublicCounts: Sendable, Equatable {
    public var total = 0
    public var behaviours: [Behaviour: Int] = [:]
    public var phases: [ElectionPhase: Int] = [:]
    public var outcomes: [PublicOutcome: Int] = [:]
    public var agencies: [String: Int] = [:]

    public init() {}

    public mutating func add(_ facts: PublicCaseFacts, count: Int = 1) {
        total += count
        for behaviour in Set(facts.behaviours) { behaviours[behaviour, default: 0] += count }
        phases[facts.phase, default: 0] += count
        outcomes[facts.outcome, default: 0] += count
        agencies[facts.agency, default: 0] += count
    }
}

/// Aggregate figures for the public page, with small-count suppression: no published cell is below
/// `threshold`, and a suppressed cell cannot be recovered from a published total by subtraction.
public struct PublicFigures: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        public let label: String
        /// nil when suppressed.
        public let count: Int?
    }

    public struct Table: Sendable, Codable, Equatable {
        public let id: String
        public let title: String
        public let cells: [Cell]
        /// The cases the table counts; nil when suppressed.
        public let total: Int?
    }

    public static let threshold = 5

    public let threshold: Int
    public let totalCases: Int?
    public let tables: [Table]

    public init(cases: [PublicCaseFacts]) {
        var counts = PublicCounts()
        for facts in cases { counts.add(facts) }
        self.init(counts: counts)
    }

    public init(counts: PublicCounts) {
        threshold = Self.threshold
        let total = counts.total
        totalCases = total >= Self.threshold ? total : nil
        func table(_ id: String, _ title: String, _ cells: [String: Int]) -> Table {
            Self.suppressed(id: id, title: title, counts: cells, total: total)
        }
        func titled<Key>(_ cells: [Key: Int], _ title: (Key) -> String) -> [String: Int] {
            Dictionary(cells.map { (title($0.key), $0.value) }, uniquingKeysWith: +)
        }
        tables = [
            table("perilaku", "Kasus menurut perilaku yang dilaporkan", titled(counts.behaviours, \.title)),
            table("tahapan", "Kasus menurut tahapan pemilihan saat kasus dibuka", titled(counts.phases, \.title)),
            table("hasil", "Kasus menurut hasil", titled(counts.outcomes, \.title)),
            table("perangkat_daerah", "Kasus menurut perangkat daerah", counts.agencies),
        ]
    }

    /// Cells of 1–4 are withheld; when that leaves exactly one withheld cell beside a published total,
    /// the smallest published cell is withheld too (or, with none left, the total), so no withheld cell
    /// can be derived. Withheld cells are listed by name, so their order tells nothing. Empty cells are left out.
    static func suppressed(id: String, title: String, counts: [String: Int], total: Int) -> Table {
        let ordered = counts.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard total >= threshold else {
            return Table(id: id, title: title, cells: ordered.map(\.key).sorted().map { Cell(label: $0, count: nil) }, total: nil)
        }
        var hidden = Set(ordered.filter { $0.value < threshold }.map(\.key))
        var publishedTotal: Int? = total
        if hidden.count == 1 {
            if let smallest = ordered.last(where: { !hidden.contains($0.key) }) { hidden.insert(smallest.key) } else { publishedTotal = nil }
        }
        let shown = ordered.filter { !hidden.contains($0.key) }.map { Cell(label: $0.key, count: $0.value) }
        return Table(id: id, title: title, cells: shown + hidden.sorted().map { Cell(label: $0, count: nil) }, total: publishedTotal)
    }
}
