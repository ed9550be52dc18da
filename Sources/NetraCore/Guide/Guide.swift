/// The guide's answer to "may an ASN do this on this date?".
public struct GuideAnswer: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable { case dilarang, boleh }

    public let verdict: Verdict
    public let behaviours: [Behaviour]
    public let citations: [String]
    /// Sanctions on the ASN, heaviest first (the candidate's own liability is in the rules, not here).
    public let sanctions: [SanctionLevel]
    public let explanation: String
    public let phase: ElectionPhase
    /// The election whose timetable was used (`pilkada-2024`, `pemilu-2024`, …).
    public let election: String
    public let status: EmploymentStatus
    /// Ids of the rules that apply.
    public let rules: [String]
    /// What in the description raised each behaviour.
    public let triggers: [DetectedBehaviour]
    /// Ids of applying rules whose legal basis is not verified against the primary text.
    public let unconfirmed: [String]
    public let exoneration: Exoneration?
}

/// "Boleh atau Tidak?": evaluates a behaviour, or a free-text description, against the rulebook on a date.
public struct Guide: Sendable {
    public let rulebook: Rulebook
    public let calendars: [ElectionCalendar]

    public init(rulebook: Rulebook, calendars: [ElectionCalendar]) {
        precondition(!calendars.isEmpty, "the guide needs at least one election calendar")
        self.rulebook = rulebook
        self.calendars = calendars
    }

    public static func bundled() throws -> Guide {
        Guide(rulebook: try Rulebook.bundled(), calendars: try ElectionCalendar.allBundled())
    }

    /// Structured question: these behaviours, by a person of this status, on this date; `election` is a
    /// kind (`pilkada`, `pemilu`) or a calendar id, otherwise the election nearest the date.
    public func answer(behaviours: [Behaviour], status: EmploymentStatus, on date: LocalDate, election: String? = nil) -> GuideAnswer {
        let calendar = self.calendar(named: election, on: date)
        return evaluate(behaviours.map { DetectedBehaviour(behaviour: $0, phrases: []) }, exoneration: nil, status: status,
                        on: date, calendar: calendar)
    }

    /// Free text: an Indonesian description of what someone did. The status is read from the text
    /// (PPPK, CPNS) when not given, PNS otherwise; the election from the offices it names (bupati,
    /// presiden, DPRD…), otherwise the one nearest the date.
    public func answer(text: String, on date: LocalDate, status: EmploymentStatus? = nil) -> GuideAnswer {
        let tokens = TokenizedText(text)
        if Self.isVillageElection(tokens) {
            let calendar = self.calendar(named: nil, on: date)
            let status = status ?? Self.status(in: tokens)
            return GuideAnswer(verdict: .boleh, behaviours: [], citations: GuideMessages.villageElectionCitations, sanctions: [],
                               explanation: GuideMessages.explanation(verdict: .boleh, rules: [], phase: calendar.phase(on: date), status: status,
                                                                      exoneration: .villageElection),
                               phase: calendar.phase(on: date), election: calendar.id, status: status, rules: [], triggers: [],
                               unconfirmed: [], exoneration: .villageElection)
        }
        let calendar = self.calendar(named: Self.electionKind(in: tokens), on: date)
        let detection = ActivityDetector().detect(tokens, phase: calendar.phase(on: date))
        return evaluate(detection.behaviours, exoneration: detection.exoneration, status: status ?? Self.status(in: tokens),
                        on: date, calendar: calendar)
    }

    /// The calendar with this id or kind nearest the date, or of any kind when nil.
    public func calendar(named election: String?, on date: LocalDate) -> ElectionCalendar {
        let candidates = calendars.filter { election == nil || $0.id == election || $0.kind == election }
        return ElectionCalendar.nearest(candidates.isEmpty ? calendars : candidates, to: date)!
    }

    private func evaluate(_ detected: [DetectedBehaviour], exoneration: Exoneration?, status: EmploymentStatus, on date: LocalDate,
                          calendar: ElectionCalendar) -> GuideAnswer {
        let phase = calendar.phase(on: date)
        var applying: [Rule] = []
        var kept: [DetectedBehaviour] = []
        for item in detected {
            let rules = rulebook.rules(for: item.behaviour).filter { $0.applies(on: date, phase: phase, status: status, election: calendar.kind) }
            guard !rules.isEmpty else { continue }
            applying += rules
            kept.append(item)
        }
        let read = applying.map { rule in (rule, rule.citations.map { rulebook.citation($0, for: status) }) }
        let citations = read.flatMap { $0.1.map(\.text) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let sanctions = Set(applying.flatMap(\.sanctions).filter { $0.subject == .asn && $0.level != .administratif }.map(\.level)).sorted()
        let verdict: GuideAnswer.Verdict = kept.isEmpty ? .boleh : .dilarang
        return GuideAnswer(
            verdict: verdict, behaviours: kept.map(\.behaviour), citations: citations, sanctions: sanctions,
            explanation: GuideMessages.explanation(verdict: verdict, rules: applying, phase: phase, status: status, exoneration: exoneration),
            phase: phase, election: calendar.id, status: status, rules: applying.map(\.id), triggers: kept,
            unconfirmed: read.filter { rule, cited in !rule.confirmed || rule.sanctions.contains { !$0.confirmed } || cited.contains { !$0.confirmed } }.map(\.0.id),
            exoneration: exoneration
        )
    }

    /// Which kind of election a description is about, from the offices and words it names.
    static func electionKind(in text: TokenizedText) -> String? {
        let pemilu = text.contains(any: ["capres", "cawapres", "pilpres", "presiden", "caleg", "legislatif", "pileg", "pemilu", "calon anggota", "dpr ri", "anggota dpr", "anggota dprd", "anggota dpd"])
        let pilkada = text.contains(any: ["bupati", "wakil bupati", "wali kota", "walikota", "gubernur", "pilkada", "pilbup", "pilgub", "pilwalkot", "cabup", "cagub", "kepala daerah", "pemilihan kepala"])
        if pemilu && !pilkada { return "pemilu" }
        if pilkada && !pemilu { return "pilkada" }
        return nil
    }

    /// Whether a description is about the election of a kepala desa (its candidates, campaign or vote) rather than
    /// a Pemilu or a Pilkada; a kepala desa who takes sides in a Pilkada is a Pilkada question, and stays one.
    static func isVillageElection(_ text: TokenizedText) -> Bool {
        let village = text.contains(any: ["pilkades", "pemilihan kepala desa", "pemilihan kades", "calon kepala desa", "calon kades",
                                          "cakades", "balon kades", "kampanye kades", "pemungutan suara pilkades"])
        let other = text.contains(any: ["bupati", "wali kota", "walikota", "gubernur", "pilkada", "pilbup", "pilgub", "presiden", "capres",
                                        "caleg", "pemilu", "dprd", "dpr ri", "anggota dpr", "anggota dpd", "pasangan calon", "paslon"])
        return village && !other
    }

    static func status(in text: TokenizedText) -> EmploymentStatus {
        if text.contains(any: ["pppk", "p3k"]) { return .pppk }
        if text.contains(any: ["cpns"]) { return .cpns }
        return .pns
    }
}
