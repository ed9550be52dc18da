import Fluent
import NetraCore
import NetraStore
import Vapor

/// The socialization quiz for signed-in users; an ASN's attempts count towards their unit's coverage.
struct QuizController: RouteCollection {
    let rulebook: Rulebook
    static let questionCount = 10

    func boot(routes: any RoutesBuilder) throws {
        routes.get("kuis", use: form)
        routes.post("kuis", use: submit)
    }

    struct QuizPage: Encodable {
        struct Question: Encodable {
            let id: String
            let number: Int
            let text: String
            let date: String
            let given: String?
            let correct: Bool?
            let answer: String?
            let ruleTitle: String?
            let citations: String?
        }

        struct Attempt: Encodable {
            let score: Int
            let total: Int
            let passed: Bool
            let takenAt: String
        }

        let seed: String
        let questions: [Question]
        let graded: Bool
        let score: Int?
        let total: Int
        let passed: Bool?
        let passPercent: Int
        let attempts: [Attempt]
    }

    @Sendable
    func form(req: Request) async throws -> View {
        let viewer = try req.requireViewer()
        let seed = UInt64.random(in: 1...UInt64(Int64.max))
        let questions = Quiz.draw(from: rulebook, count: Self.questionCount, seed: seed)
        let page = QuizPage(
            seed: String(seed),
            questions: questions.enumerated().map { index, question in
                .init(id: question.id, number: index + 1, text: question.text, date: question.date.indonesianLong, given: nil,
                      correct: nil, answer: nil, ruleTitle: nil, citations: nil)
            },
            graded: false, score: nil, total: questions.count, passed: nil, passPercent: Quiz.passPercent,
            attempts: try await attempts(of: viewer, on: req.db)
        )
        return try await req.view.render("quiz", PageContext(req: req, title: "Kuis Netralitas", body: page))
    }

    @Sendable
    func submit(req: Request) async throws -> View {
        let viewer = try req.requireViewer()
        guard let seedText = try? req.content.get(String.self, at: "seed"), let seed = UInt64(seedText) else {
            throw Abort(.badRequest, reason: "Kuis tidak dikenali; muat ulang halaman kuis.")
        }
        let questions = Quiz.draw(from: rulebook, count: Self.questionCount, seed: seed)
        var answers: [String: GuideAnswer.Verdict] = [:]
        for question in questions {
            if let text = try? req.content.get(String.self, at: "jawaban_\(question.id)"), let verdict = GuideAnswer.Verdict(rawValue: text) {
                answers[question.id] = verdict
            }
        }
        let result = Quiz.grade(questions, answers: answers)
        try await QuizStore.record(result, seed: seed, userID: viewer.userID, nip: viewer.nip, at: req.clock.now(), on: req.db)
        let page = QuizPage(
            seed: seedText,
            questions: result.items.enumerated().map { index, item in
                .init(id: item.question.id, number: index + 1, text: item.question.text, date: item.question.date.indonesianLong,
                      given: item.given?.rawValue, correct: item.correct, answer: item.question.answer.rawValue,
                      ruleTitle: item.question.ruleTitle, citations: item.question.citations.joined(separator: "; "))
            },
            graded: true, score: result.score, total: result.total, passed: result.passed, passPercent: Quiz.passPercent,
            attempts: try await attempts(of: viewer, on: req.db)
        )
        return try await req.view.render("quiz", PageContext(req: req, title: "Hasil Kuis Netralitas", body: page))
    }

    private func attempts(of viewer: Viewer, on database: any Database) async throws -> [QuizPage.Attempt] {
        try await QuizStore.attempts(userID: viewer.userID, on: database).prefix(5).map { attempt in
            let day = LocalDate(instant: Date(timeIntervalSince1970: attempt.takenAt))
            return .init(score: attempt.score, total: attempt.total, passed: attempt.passed, takenAt: day.indonesianLong)
        }
    }
}
