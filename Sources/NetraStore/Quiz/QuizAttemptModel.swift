import FluentKit
import Foundation
import NetraCore

/// One taken quiz: who, when, the score, and each answer (as JSON: question id → "boleh"/"dilarang").
public final class QuizAttemptModel: Model, @unchecked Sendable {
    public static let schema = "quiz_attempts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @OptionalField(key: "asn_nip") public var asnNIP: String?
    @Field(key: "seed") public var seed: String
    @Field(key: "score") public var score: Int
    @Field(key: "total") public var total: Int
    @Field(key: "passed") public var passed: Bool
    @Field(key: "answers") public var answers: String
    @Field(key: "taken_at") public var takenAt: Double

    public init() {}
}

public enum QuizStore {
    /// Records a graded attempt.
    public static func record(_ result: QuizResult, seed: UInt64, userID: UUID, nip: String?, at date: Date,
                              on database: any Database) async throws {
        let attempt = QuizAttemptModel()
        attempt.userID = userID
        attempt.asnNIP = nip
        attempt.seed = String(seed)
        attempt.score = result.score
        attempt.total = result.total
        attempt.passed = result.passed
        let given = Dictionary(uniqueKeysWithValues: result.items.map { ($0.question.id, $0.given?.rawValue ?? "") })
        attempt.answers = String(decoding: try JSONEncoder().encode(given), as: UTF8.self)
        attempt.takenAt = date.timeIntervalSince1970
        try await attempt.create(on: database)
    }

    /// The user's attempts, newest first.
    public static func attempts(userID: UUID, on database: any Database) async throws -> [QuizAttemptModel] {
        try await QuizAttemptModel.query(on: database).filter(\.$userID == userID).sort(\.$takenAt, .descending).all()
    }
}
