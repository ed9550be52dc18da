import FluentKit
import SQLKit

/// Support lists uploaded for the cross-check, the ASN found in them with their review, and the rows
/// the list could not use.
struct M009CreateSupportLists: AsyncMigration {
    var name: String { "M009CreateSupportLists" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SupportListModel.schema)
            .id()
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .double, .required)
            .field("status", .string, .required)
            .field("rows_total", .int, .required)
            .field("rows_done", .int, .required)
            .field("hits", .int, .required)
            .field("rejected", .int, .required)
            .field("error", .string)
            .field("finished_at", .double)
            .create()
        try await database.schema(SupportHitModel.schema)
            .id()
            .field("list_id", .uuid, .required, .references(SupportListModel.schema, "id"))
            .field("support_line", .int, .required)
            .field("nip", .string, .required)
            .field("asn_name", .string)
            .field("unit_path", .string, .required)
            .field("pair", .string, .required)
            .field("method", .string, .required)
            .field("confidence", .double, .required)
            .field("reason", .string, .required)
            .field("row_csv", .string, .required)
            .field("status", .string, .required)
            .field("dismissal_reason", .string)
            .field("case_id", .uuid)
            .field("reviewed_by", .string)
            .create()
        try await database.schema(SupportRejectionModel.schema)
            .id()
            .field("list_id", .uuid, .required, .references(SupportListModel.schema, "id"))
            .field("line", .int, .required)
            .field("reason", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "support_hits_list_idx").on(SupportHitModel.schema).column("list_id").run()
            try await sql.create(index: "support_rejections_list_idx").on(SupportRejectionModel.schema).column("list_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SupportRejectionModel.schema).delete()
        try await database.schema(SupportHitModel.schema).delete()
        try await database.schema(SupportListModel.schema).delete()
    }
}
