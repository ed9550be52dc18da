/// What a unit head states for one period about the neutrality supervision of their subtree.
public struct SupervisionStatement: Codable, Sendable, Equatable {
    /// Briefings on neutrality held (apel, sosialisasi, pengarahan).
    public var briefings: Int
    /// Checks of staff's social-media accounts done.
    public var mediaChecks: Int
    /// Neutrality pledges collected.
    public var pledges: Int
    public var otherActivities: String?
    /// Alleged violations found, each in a sentence or two; none when `nihil`.
    public var incidents: [String]
    /// "Nihil": nothing found in the period.
    public var nihil: Bool

    public init(briefings: Int = 0, mediaChecks: Int = 0, pledges: Int = 0, otherActivities: String? = nil, incidents: [String] = [], nihil: Bool = false) {
        self.briefings = briefings
        self.mediaChecks = mediaChecks
        self.pledges = pledges
        self.otherActivities = otherActivities
        self.incidents = incidents
        self.nihil = nihil
    }

    public struct Problem: Sendable, Equatable, Codable {
        public let field: String
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// Every problem of a refused statement, each naming its field.
    public struct Refusal: Error, Sendable, Equatable {
        public let problems: [Problem]

        public init(problems: [Problem]) {
            self.problems = problems
        }
    }

    public static let maxIncidents = 20

    /// The statement trimmed, or every problem at once: either "nihil" or at least one incident, not both.
    public func validated() -> Result<SupervisionStatement, Refusal> {
        var problems: [Problem] = []
        var clean = self
        clean.otherActivities = otherActivities.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        clean.incidents = incidents.map(\.trimmingSpaces).filter { !$0.isEmpty }
        for (field, label, value) in [("pengarahan", "Jumlah pengarahan", briefings), ("pemeriksaan_medsos", "Jumlah pemeriksaan media sosial", mediaChecks),
                                      ("ikrar", "Jumlah ikrar", pledges)] where !(0...100_000).contains(value) {
            problems.append(Problem(field: field, message: "\(label) harus bilangan 0–100.000."))
        }
        if (clean.otherActivities?.count ?? 0) > 2_000 {
            problems.append(Problem(field: "kegiatan_lain", message: "Kegiatan lain terlalu panjang (maksimal 2.000 karakter)."))
        }
        if clean.incidents.count > Self.maxIncidents {
            problems.append(Problem(field: "temuan", message: "Paling banyak \(Self.maxIncidents) temuan dalam satu laporan; laporkan sisanya sebagai laporan biasa."))
        }
        if let long = clean.incidents.first(where: { $0.count > 2_000 }) {
            problems.append(Problem(field: "temuan", message: "Uraian temuan terlalu panjang (maksimal 2.000 karakter): \(long.prefix(40))…"))
        }
        if let short = clean.incidents.first(where: { $0.count < 10 }) {
            problems.append(Problem(field: "temuan", message: "Uraikan temuan \"\(short)\" (minimal 10 karakter)."))
        }
        switch (clean.nihil, clean.incidents.isEmpty) {
        case (true, false): problems.append(Problem(field: "nihil", message: "Laporan bertanda nihil tidak boleh memuat temuan; hapus tanda nihil atau temuannya."))
        case (false, true): problems.append(Problem(field: "nihil", message: "Tuliskan temuan dugaan pelanggaran, atau centang \"Nihil\" bila tidak ada."))
        default: break
        }
        return problems.isEmpty ? .success(clean) : .failure(Refusal(problems: problems))
    }
}

/// Where one unit's statement for a period stands, as the roll-up shows it.
public enum StatementStanding: String, Codable, Sendable, CaseIterable {
    /// Filed by its due date.
    case filed = "tepat_waktu"
    /// Filed after its due date.
    case late = "terlambat"
    /// Not filed and past its due date, or marked missing by the head above.
    case missing = "tidak_masuk"
    /// Not filed yet, not yet due.
    case awaited = "belum_masuk"

    public var title: String {
        switch self {
        case .filed: "Tepat waktu"
        case .late: "Terlambat"
        case .missing: "Tidak masuk"
        case .awaited: "Belum masuk"
        }
    }

    public static func of(filedOn: LocalDate?, due: LocalDate, markedMissing: Bool, today: LocalDate) -> StatementStanding {
        if let filedOn { return filedOn > due ? .late : .filed }
        return markedMissing || today > due ? .missing : .awaited
    }

    /// A statement is due the working day after its period ends, one more for each level of reporting units
    /// below the unit, so that each head has a day after the units under them.
    public static func due(periodEnd: LocalDate, levelsBelow: Int, workingDays: WorkingDays) -> LocalDate {
        workingDays.adding(1 + levelsBelow, to: periodEnd)
    }
}
