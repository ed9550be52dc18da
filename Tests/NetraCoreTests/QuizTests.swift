import Testing
@testable import NetraCore

@Suite("An ASN takes the socialization quiz")
struct QuizTests {
    let rulebook = try! Rulebook.bundled()

    @Test("the same seed draws the same balanced questions from distinct rules")
    func drawing() {
        let first = Quiz.draw(from: rulebook, count: 10, seed: 42)
        #expect(first == Quiz.draw(from: rulebook, count: 10, seed: 42))
        #expect(first != Quiz.draw(from: rulebook, count: 10, seed: 43))
        #expect(first.count == 10)
        #expect(first.filter { $0.answer == .dilarang }.count == 5)
        #expect(Set(first.map(\.ruleID)).count == 10)
    }

    @Test("grading counts correct answers and passes at 80%")
    func grading() {
        let questions = Quiz.draw(from: rulebook, count: 10, seed: 7)
        var answers = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0.answer) })
        #expect(Quiz.grade(questions, answers: answers).score == 10)
        answers[questions[0].id] = questions[0].answer == .boleh ? .dilarang : .boleh
        answers[questions[1].id] = nil
        let result = Quiz.grade(questions, answers: answers)
        #expect(result.score == 8 && result.passed)
        answers[questions[2].id] = questions[2].answer == .boleh ? .dilarang : .boleh
        #expect(!Quiz.grade(questions, answers: answers).passed)
    }

    @Test("every quiz answer agrees with what the guide itself says")
    func answersAgreeWithGuide() throws {
        let guide = try Guide.bundled()
        for question in Quiz.allQuestions(from: rulebook) {
            #expect(guide.answer(text: question.text, on: question.date).verdict == question.answer, "\(question.id)")
        }
    }
}
