import FluentKit
import SQLKit

/// Elections in force for screening, and the flags screening raised with their review.
struct M008CreateScreening: AsyncMigration {
    var name: String { "M008CreateScreening" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ScreeningElectionModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("region_name", .string, .required)
            .field("office", .string, .required)
            .field("pairs", .string, .required)
            .field("imported_at", .double, .required)
            .create()
        try await database.schema(ScreeningFlagModel.schema)
            .id()
            .field("post_id", .string, .required)
            .field("platform", .string)
            .field("author", .string, .required)
            .field("posted_at", .string)
            .field("post", .string, .required)
            .field("asn_nip", .string)
            .field("asn_name", .string)
            .field("unit_path", .string, .required)
            .field("election", .string)
            .field("pair", .int)
            .field("score", .double, .required)
            .field("signals", .string, .required)
            .field("spans", .string, .required)
            .field("status", .string, .required)
            .field("dismissal_reason", .string)
            .field("case_id", .uuid)
            .field("reviewed_by", .string)
            .field("created_at", .double, .required)
            .unique(on: "post_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "flags_status_idx").on(ScreeningFlagModel.schema).column("status").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ScreeningFlagModel.schema).delete()
        try await database.schema(ScreeningElectionModel.schema).delete()
    }
}
