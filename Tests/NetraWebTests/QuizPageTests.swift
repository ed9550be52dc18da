import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("An ASN takes the quiz and the attempt is kept", .serialized)
struct QuizPageTests {
    @Test("answering every question right scores full marks and stores the attempt under the ASN's NIP")
    func fullMarks() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            #expect(try await client.send(.GET, "/kuis").status == .seeOther)
            try await client.login("asn", "netra-asn")
            let page = try await client.send(.GET, "/kuis")
            let html = page.body.string
            let seedText = try #require(html.range(of: #"name="seed" value=""#).map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
            let questions = Quiz.draw(from: try Rulebook.bundled(), count: 10, seed: UInt64(seedText)!)
            #expect(questions.allSatisfy { html.contains("jawaban_\($0.id)") })
            var form = ["csrf": client.csrf!, "seed": seedText]
            for question in questions { form["jawaban_\(question.id)"] = question.answer.rawValue }
            let result = try await client.send(.POST, "/kuis", form: form)
            #expect(result.body.string.contains("Nilai Anda: 10 dari 10"))
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "asn").first())
            let attempts = try await QuizStore.attempts(userID: user.id!, on: app.db)
            #expect(attempts.count == 1 && attempts[0].score == 10 && attempts[0].passed && attempts[0].asnNIP == user.asnNIP)
        }
    }

    @Test("unanswered questions count as wrong and a forged seed is refused")
    func partialAndForged() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.login("kadisdik", "netra-kadisdik")
            let page = try await client.send(.GET, "/kuis")
            let html = page.body.string
            let seedText = try #require(html.range(of: #"name="seed" value=""#).map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
            let result = try await client.send(.POST, "/kuis", form: ["csrf": client.csrf!, "seed": seedText])
            #expect(result.body.string.contains("Nilai Anda: 0 dari 10"))
            #expect(result.body.string.contains("(tidak dijawab)"))
            let forged = try await client.send(.POST, "/kuis", form: ["csrf": client.csrf!, "seed": "bukan-angka"])
            #expect(forged.status == .badRequest)
        }
    }
}
