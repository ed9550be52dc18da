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
    public let calendar: ElectionCalendar

    public init(rulebook: Rulebook, calendar: ElectionCalendar) {
        self.rulebook = rulebook
        self.calendar = calendar
    }

    public static func bundled() throws -> Guide {
        Guide(rulebook: try Rulebook.bundled(), calendar: try ElectionCalendar.bundled())
    }

    /// Structured question: these behaviours, by a person of this status, on this date.
    public func answer(behaviours: [Behaviour], status: EmploymentStatus, on date: LocalDate) -> GuideAnswer {
        evaluate(DetectedBehaviourList(behaviours.map { DetectedBehaviour(behaviour: $0, phrases: []) }), exoneration: nil, status: status, on: date)
    }

    /// Free text: an Indonesian description of what someone did. The status is read from the text
    /// (PPPK, CPNS) when not given; PNS otherwise.
    public func answer(text: String, on date: LocalDate, status: EmploymentStatus? = nil) -> GuideAnswer {
        let tokens = TokenizedText(text)
        let phase = calendar.phase(on: date)
        let detection = ActivityDetector().detect(tokens, phase: phase)
        return evaluate(DetectedBehaviourList(detection.behaviours), exoneration: detection.exoneration,
                        status: status ?? Self.status(in: tokens), on: date)
    }

    private struct DetectedBehaviourList {
        let items: [DetectedBehaviour]
        init(_ items: [DetectedBehaviour]) { self.items = items }
    }

    private func evaluate(_ detected: DetectedBehaviourList, exoneration: Exoneration?, status: EmploymentStatus, on date: LocalDate) -> GuideAnswer {
        let phase = calendar.phase(on: date)
        var applying: [Rule] = []
        var kept: [DetectedBehaviour] = []
        for item in detected.items {
            let rules = rulebook.rules(for: item.behaviour).filter { $0.applies(on: date, phase: phase, status: status) }
            guard !rules.isEmpty else { continue }
            applying += rules
            kept.append(item)
        }
        let citations = applying.flatMap(\.citations).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let sanctions = Set(applying.flatMap(\.sanctions).filter { $0.subject == .asn && $0.level != .administratif }.map(\.level)).sorted()
        let verdict: GuideAnswer.Verdict = kept.isEmpty ? .boleh : .dilarang
        return GuideAnswer(
            verdict: verdict, behaviours: kept.map(\.behaviour), citations: citations, sanctions: sanctions,
            explanation: GuideMessages.explanation(verdict: verdict, rules: applying, phase: phase, status: status, exoneration: exoneration),
            phase: phase, status: status, rules: applying.map(\.id), triggers: kept,
            unconfirmed: applying.filter { !$0.confirmed || $0.sanctions.contains { !$0.confirmed } }.map(\.id), exoneration: exoneration
        )
    }

    static func status(in text: TokenizedText) -> EmploymentStatus {
        if text.contains(any: ["pppk", "p3k"]) { return .pppk }
        if text.contains(any: ["cpns"]) { return .cpns }
        return .pns
    }
}
