public struct Sanction: Codable, Sendable, Equatable {
    public let level: SanctionLevel
    public let citation: String?
    public let detail: String
    /// Who bears it: the ASN (default) or the candidate who involved them.
    public let subject: Subject
    public let confirmed: Bool

    public enum Subject: String, Codable, Sendable { case asn, calon }

    enum CodingKeys: String, CodingKey { case level, citation, detail, subject, confirmed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(SanctionLevel.self, forKey: .level)
        citation = try container.decodeIfPresent(String.self, forKey: .citation)
        detail = try container.decode(String.self, forKey: .detail)
        subject = try container.decodeIfPresent(Subject.self, forKey: .subject) ?? .asn
        confirmed = try container.decodeIfPresent(Bool.self, forKey: .confirmed) ?? true
    }
}

public struct RuleExample: Codable, Sendable, Equatable {
    public let date: LocalDate
    public let text: String
}

/// One prohibition of one legal instrument, valid for a period, with the behaviour it names.
public struct Rule: Codable, Sendable, Equatable, Identifiable {
    public struct Examples: Codable, Sendable, Equatable {
        public let prohibited: [RuleExample]
        public let allowed: [RuleExample]
    }

    public let id: String
    public let behaviour: Behaviour
    public let title: String
    public let explanation: String
    public let citations: [String]
    public let sanctions: [Sanction]
    public let phases: [ElectionPhase]
    public let validFrom: LocalDate
    public let validUntil: LocalDate?
    /// False where the legal fact behind the rule is not verified against the primary text; shown to users.
    public let confirmed: Bool
    public let note: String?
    public let examples: Examples
    /// Filled from the instrument when loading.
    public internal(set) var instrument: String = ""
    public internal(set) var appliesTo: [EmploymentStatus] = []
    /// The kinds of election (`pilkada`, `pemilu`) the rule governs; empty means every kind.
    public internal(set) var elections: [String] = []

    enum CodingKeys: String, CodingKey {
        case id, behaviour, title, explanation, citations, sanctions, phases
        case validFrom = "valid_from", validUntil = "valid_until", confirmed, note, examples, appliesTo = "applies_to", elections, instrument
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        behaviour = try container.decode(Behaviour.self, forKey: .behaviour)
        title = try container.decode(String.self, forKey: .title)
        explanation = try container.decode(String.self, forKey: .explanation)
        citations = try container.decode([String].self, forKey: .citations)
        sanctions = try container.decode([Sanction].self, forKey: .sanctions)
        phases = try container.decode([ElectionPhase].self, forKey: .phases)
        validFrom = try container.decode(LocalDate.self, forKey: .validFrom)
        validUntil = try container.decodeIfPresent(LocalDate.self, forKey: .validUntil)
        confirmed = try container.decodeIfPresent(Bool.self, forKey: .confirmed) ?? true
        note = try container.decodeIfPresent(String.self, forKey: .note)
        examples = try container.decode(Examples.self, forKey: .examples)
        appliesTo = try container.decodeIfPresent([EmploymentStatus].self, forKey: .appliesTo) ?? []
        elections = try container.decodeIfPresent([String].self, forKey: .elections) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(behaviour, forKey: .behaviour)
        try container.encode(title, forKey: .title)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(citations, forKey: .citations)
        try container.encode(sanctions, forKey: .sanctions)
        try container.encode(phases, forKey: .phases)
        try container.encode(validFrom, forKey: .validFrom)
        try container.encodeIfPresent(validUntil, forKey: .validUntil)
        try container.encode(confirmed, forKey: .confirmed)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(appliesTo, forKey: .appliesTo)
        try container.encode(elections, forKey: .elections)
        try container.encode(examples, forKey: .examples)
        try container.encode(instrument, forKey: .instrument)
    }

    /// Whether the rule is in force on `date`, in that date's phase of an election of `kind`, for a person of `status`.
    public func applies(on date: LocalDate, phase: ElectionPhase, status: EmploymentStatus, election kind: String) -> Bool {
        validFrom <= date && (validUntil.map { date <= $0 } ?? true) && phases.contains(phase) && appliesTo.contains(status)
            && (elections.isEmpty || elections.contains(kind))
    }
}

/// The legal instrument a rulebook file encodes.
public struct Instrument: Codable, Sendable, Equatable {
    public let id: String
    public let short: String
    public let title: String
    public let enacted: LocalDate
    public let source: String?
    public let note: String?
    public let appliesTo: [EmploymentStatus]
    public let elections: [String]?
    /// For an instrument that disciplines its statuses in place of another (PPPK under PP 49/2018 rather than
    /// PP 94/2021): what a citation of the other reads as for them.
    public let discipline: Discipline?

    public struct Discipline: Codable, Sendable, Equatable {
        /// The short name of the instrument this one stands in for ("PP 94/2021").
        public let replaces: String
        public let citation: String
        public let confirmed: Bool
    }

    enum CodingKeys: String, CodingKey { case id, short, title, enacted, source, note, appliesTo = "applies_to", elections, discipline }
}
