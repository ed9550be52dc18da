import FluentKit
import SQLKit

struct M004CreateReports: AsyncMigration {
    var name: String { "M004CreateReports" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReportModel.schema)
            .id()
            .field("receipt", .string, .required)
            .field("secret_hash", .string, .required)
            .field("source", .string, .required)
            .field("reference", .string)
            .field("description", .string, .required)
            .field("occurred_on", .string)
            .field("location", .string)
            .field("asn_name", .string)
            .field("asn_nip", .string)
            .field("unit_text", .string)
            .field("links", .string, .required)
            .field("reporter_name", .string)
            .field("reporter_contact", .string)
            .field("status", .string, .required)
            .field("rejection_reason", .string)
            .field("suggested_behaviours", .string, .required)
            .field("received_at", .double, .required)
            .unique(on: "receipt")
            .create()
        try await database.schema(EvidenceModel.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ReportModel.schema, .id, onDelete: .restrict))
            .field("sha256", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("file_name", .string, .required)
            .field("added_at", .double, .required)
            .field("added_by", .string, .required)
            .create()
        try await database.schema(ReportMessageModel.schema)
            .id()
            .field("report_id", .uuid, .required, .references(ReportModel.schema, .id, onDelete: .restrict))
            .field("author", .string, .required)
            .field("visibility", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .double, .required)
            .create()
        try await database.schema(AuditEventModel.schema)
            .field("sequence", .int, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string, .required)
            .field("details", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "evidence_report_idx").on(EvidenceModel.schema).column("report_id").run()
            try await sql.create(index: "evidence_sha_idx").on(EvidenceModel.schema).column("sha256").run()
            try await sql.create(index: "messages_report_idx").on(ReportMessageModel.schema).column("report_id").run()
            try await sql.create(index: "reports_nip_idx").on(ReportModel.schema).column("asn_nip").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEventModel.schema).delete()
        try await database.schema(ReportMessageModel.schema).delete()
        try await database.schema(EvidenceModel.schema).delete()
        try await database.schema(ReportModel.schema).delete()
    }
}
