import FluentKit
import SQLKit

struct M005CreateCases: AsyncMigration {
    var name: String { "M005CreateCases" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CaseModel.schema)
            .id()
            .field("number", .string, .required)
            .field("report_id", .uuid, .references(ReportModel.schema, .id, onDelete: .restrict))
            .field("source", .string, .required)
            .field("asn_nip", .string)
            .field("asn_name", .string)
            .field("subject_unit_id", .uuid, .references(UnitModel.schema, .id, onDelete: .restrict))
            .field("subject_unit_path", .string, .required)
            .field("assignee_unit_id", .uuid, .references(UnitModel.schema, .id, onDelete: .restrict))
            .field("status", .string, .required)
            .field("behaviours", .string, .required)
            .field("state", .string, .required)
            .field("opened_on", .string, .required)
            .field("due_on", .string)
            .field("escalations", .int, .required)
            .field("last_reminder_on", .string)
            .field("updated_at", .double, .required)
            .unique(on: "number")
            .unique(on: "report_id")
            .create()
        try await database.schema(CaseNoteModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, .id, onDelete: .restrict))
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("visibility", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .double, .required)
            .create()
        try await database.schema(LetterModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, .id, onDelete: .restrict))
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("sequence", .int, .required)
            .field("year", .int, .required)
            .field("issued_on", .string, .required)
            .unique(on: "year", "sequence")
            .create()
        try await database.schema(CounterModel.schema)
            .field("name", .string, .identifier(auto: false))
            .field("last_value", .int, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "cases_status_idx").on(CaseModel.schema).column("status").run()
            try await sql.create(index: "cases_subject_path_idx").on(CaseModel.schema).column("subject_unit_path").run()
            try await sql.create(index: "case_notes_case_idx").on(CaseNoteModel.schema).column("case_id").run()
            try await sql.create(index: "letters_case_idx").on(LetterModel.schema).column("case_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CounterModel.schema).delete()
        try await database.schema(LetterModel.schema).delete()
        try await database.schema(CaseNoteModel.schema).delete()
        try await database.schema(CaseModel.schema).delete()
    }
}
