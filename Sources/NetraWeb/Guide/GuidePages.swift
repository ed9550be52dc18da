import NetraCore

/// The "Boleh atau Tidak?" page: searchable rules and, when asked, the answer to a question.
struct GuidePage: Encodable, Equatable {
    struct SanctionView: Encodable, Equatable {
        let level: String
        let title: String
        let detail: String
        let citation: String?
        let confirmed: Bool
        let subject: String
    }

    struct RuleView: Encodable, Equatable {
        let id: String
        let title: String
        let explanation: String
        let behaviour: String
        let behaviourTitle: String
        let instrument: String
        let citations: [String]
        let sanctions: [SanctionView]
        let phases: [String]
        let appliesTo: String
        let validity: String
        let confirmed: Bool
        let note: String?
        let prohibited: [String]
        let allowed: [String]
    }

    struct RuleLink: Encodable, Equatable {
        let id: String
        let title: String
    }

    struct AnswerView: Encodable, Equatable {
        let prohibited: Bool
        let explanation: String
        let phase: String
        let election: String
        let behaviours: [String]
        let triggers: [String]
        let citations: [String]
        /// Each sanction with what it means ("Hukuman disiplin sedang: pemotongan tunjangan kinerja …").
        let sanctions: [String]
        /// The rules that apply, each linking to its card below.
        let rules: [RuleLink]
        let unconfirmed: Bool
        /// A question about a kepala desa election, which the election laws the guide applies do not govern.
        let outsideElectionLaw: Bool
    }

    let query: String
    let question: String
    let date: String
    let dateError: String?
    let answer: AnswerView?
    let rules: [RuleView]
    let totalRules: Int
    /// Staff also see the rulebook's own codes and which sanctions are not yet confirmed from a primary text;
    /// the public sees the rules in words.
    let forStaff: Bool

    static func make(rulebook: Rulebook, query: String, question: String, date: String, dateError: String?, answer: GuideAnswer?,
                     electionName: String? = nil, forStaff: Bool = false) -> GuidePage {
        let needle = query.lowercased()
        let matching = rulebook.rules.filter { rule in
            needle.isEmpty || [rule.title, rule.explanation, rule.behaviour.rawValue, rule.behaviour.title, rule.instrument]
                .contains { $0.lowercased().contains(needle) } || rule.citations.contains { $0.lowercased().contains(needle) }
        }
        return GuidePage(query: query, question: question, date: date, dateError: dateError, answer: answer.map { AnswerView($0, rulebook: rulebook, electionName: electionName) },
                         rules: matching.map(RuleView.init), totalRules: rulebook.rules.count, forStaff: forStaff)
    }
}

extension GuidePage.RuleView {
    init(_ rule: Rule) {
        self.init(
            id: rule.id, title: rule.title, explanation: rule.explanation, behaviour: rule.behaviour.rawValue,
            behaviourTitle: rule.behaviour.title, instrument: rule.instrument, citations: rule.citations,
            sanctions: rule.sanctions.map {
                GuidePage.SanctionView(level: $0.level.rawValue, title: $0.level.title, detail: $0.detail, citation: $0.citation,
                                       confirmed: $0.confirmed, subject: $0.subject == .calon ? "pasangan calon" : "ASN")
            },
            phases: rule.phases.map(\.title), appliesTo: rule.appliesTo.map(\.rawValue).joined(separator: ", "),
            validity: "berlaku sejak \(rule.validFrom.indonesianLong)" + (rule.validUntil.map { " sampai \($0.indonesianLong)" } ?? ""),
            confirmed: rule.confirmed, note: rule.note,
            prohibited: rule.examples.prohibited.map(\.text), allowed: rule.examples.allowed.map(\.text)
        )
    }
}

extension GuidePage.AnswerView {
    /// `electionName` names the election whose timetable was used, for people; its id is the rulebook's code.
    init(_ answer: GuideAnswer, rulebook: Rulebook, electionName: String?) {
        self.init(
            prohibited: answer.verdict == .dilarang, explanation: answer.explanation, phase: answer.phase.title, election: electionName ?? answer.election,
            behaviours: answer.behaviours.map(\.title),
            triggers: answer.triggers.map { "\($0.behaviour.title): " + $0.phrases.map { "“\($0)”" }.joined(separator: ", ") },
            citations: answer.citations, sanctions: answer.sanctions.map { "\($0.title): \($0.inPlainWords(for: answer.status))" },
            rules: answer.rules.compactMap { id in rulebook.rule(id: id).map { GuidePage.RuleLink(id: id, title: "\($0.title) (\($0.instrument))") } },
            unconfirmed: !answer.unconfirmed.isEmpty,
            outsideElectionLaw: answer.exoneration == .villageElection
        )
    }
}
