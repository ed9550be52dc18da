import FluentKit

/// Files the case team adds (letters received, statements, photos), each with a visibility.
struct M007CreateCaseFiles: AsyncMigration {
    var name: String { "M007CreateCaseFiles" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CaseFileModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, .id, onDelete: .restrict))
            .field("sha256", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("file_name", .string, .required)
            .field("visibility", .string, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("added_at", .double, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseFileModel.schema).delete()
    }
}
