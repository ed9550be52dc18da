import FluentKit
import SQLKit

struct M003CreateQuizAttempts: AsyncMigration {
    var name: String { "M003CreateQuizAttempts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(QuizAttemptModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, .id, onDelete: .cascade))
            .field("asn_nip", .string)
            .field("seed", .string, .required)
            .field("score", .int, .required)
            .field("total", .int, .required)
            .field("passed", .bool, .required)
            .field("answers", .string, .required)
            .field("taken_at", .double, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "quiz_attempts_nip_idx").on(QuizAttemptModel.schema).column("asn_nip").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(QuizAttemptModel.schema).delete()
    }
}
