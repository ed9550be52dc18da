import FluentKit

/// Circulars from BKPSDM and each unit head's acknowledgement (which forwards the circular below).
struct M012CreateCirculars: AsyncMigration {
    var name: String { "M012CreateCirculars" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CircularModel.schema)
            .id()
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("issued_on", .string, .required)
            .field("issued_by", .string, .required)
            .create()
        try await database.schema(CircularAcknowledgementModel.schema)
            .id()
            .field("circular_id", .uuid, .required, .references(CircularModel.schema, "id"))
            .field("unit_id", .uuid, .required)
            .field("acknowledged_by", .string, .required)
            .field("acknowledged_at", .double, .required)
            .unique(on: "circular_id", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CircularAcknowledgementModel.schema).delete()
        try await database.schema(CircularModel.schema).delete()
    }
}
