/// A socialization quiz drawn from the rulebook's own examples: each question is a described act on a
/// date, and the answer is whether it is allowed. Drawn from a seed, so a submitted quiz can be
/// regraded from its seed and question ids alone.
public struct QuizQuestion: Sendable, Codable, Equatable, Identifiable {
    public let id: String
    public let text: String
    public let date: LocalDate
    public let answer: GuideAnswer.Verdict
    public let ruleID: String
    public let ruleTitle: String
    public let citations: [String]
}

public struct QuizResult: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public let question: QuizQuestion
        public let given: GuideAnswer.Verdict?
        public var correct: Bool { given == question.answer }
    }

    public let items: [Item]
    public var score: Int { items.filter(\.correct).count }
    public var total: Int { items.count }
    public var passed: Bool { total > 0 && score * 100 >= Quiz.passPercent * total }
}

public enum Quiz {
    /// The share of correct answers that passes, in percent.
    public static let passPercent = 80

    /// Every question the rulebook can ask, one per example.
    public static func allQuestions(from rulebook: Rulebook) -> [QuizQuestion] {
        rulebook.rules.flatMap { rule in
            rule.examples.prohibited.enumerated().map { index, example in
                QuizQuestion(id: "\(rule.id):dilarang:\(index)", text: example.text, date: example.date, answer: .dilarang,
                             ruleID: rule.id, ruleTitle: rule.title, citations: rule.citations)
            } + rule.examples.allowed.enumerated().map { index, example in
                QuizQuestion(id: "\(rule.id):boleh:\(index)", text: example.text, date: example.date, answer: .boleh,
                             ruleID: rule.id, ruleTitle: rule.title, citations: rule.citations)
            }
        }
    }

    /// `count` questions, half allowed and half prohibited, from distinct behaviours where possible.
    public static func draw(from rulebook: Rulebook, count: Int = 10, seed: UInt64) -> [QuizQuestion] {
        var random = SeededRandom(seed: seed)
        let all = allQuestions(from: rulebook)
        var chosen: [QuizQuestion] = []
        var usedRules = Set<String>()
        for verdict in [GuideAnswer.Verdict.dilarang, .boleh] {
            let pool = all.filter { $0.answer == verdict }.shuffled(using: &random)
            let want = verdict == .dilarang ? (count + 1) / 2 : count / 2
            var taken = 0
            for question in pool where taken < want && !usedRules.contains(question.ruleID) {
                chosen.append(question)
                usedRules.insert(question.ruleID)
                taken += 1
            }
            for question in pool where taken < want && !chosen.contains(question) {
                chosen.append(question)
                taken += 1
            }
        }
        return chosen.shuffled(using: &random)
    }

    /// Grades answers given by question id; unknown ids are ignored, unanswered questions count as wrong.
    public static func grade(_ questions: [QuizQuestion], answers: [String: GuideAnswer.Verdict]) -> QuizResult {
        QuizResult(items: questions.map { QuizResult.Item(question: $0, given: answers[$0.id]) })
    }
}
