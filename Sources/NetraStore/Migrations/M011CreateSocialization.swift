import FluentKit
import SQLKit

/// Socialization events on neutrality and the ASN who attended them.
struct M011CreateSocialization: AsyncMigration {
    var name: String { "M011CreateSocialization" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SocializationEventModel.schema)
            .id()
            .field("title", .string, .required)
            .field("held_on", .string, .required)
            .field("place", .string, .required)
            .field("organizer", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .double, .required)
            .create()
        try await database.schema(SocializationAttendanceModel.schema)
            .id()
            .field("event_id", .uuid, .required, .references(SocializationEventModel.schema, "id"))
            .field("asn_nip", .string, .required)
            .unique(on: "event_id", "asn_nip")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "attendance_nip_idx").on(SocializationAttendanceModel.schema).column("asn_nip").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SocializationAttendanceModel.schema).delete()
        try await database.schema(SocializationEventModel.schema).delete()
    }
}
