import FluentKit
import SQLKit

/// The case list is read a page at a time, the last updated first, and a supervisor's cases are those whose
/// unit path starts with their unit's: on PostgreSQL that prefix needs an index of its own (`text_pattern_ops`),
/// as the database's collation keeps `LIKE 'prefix%'` from using the plain one (SQLite's plain index serves).
struct M027AddCaseListIndex: AsyncMigration {
    var name: String { "M027AddCaseListIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("CREATE INDEX cases_updated_idx ON \(ident: CaseModel.schema) (updated_at)").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("CREATE INDEX cases_subject_path_prefix_idx ON \(ident: CaseModel.schema) (subject_unit_path text_pattern_ops)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("DROP INDEX IF EXISTS cases_updated_idx").run()
        try await sql.raw("DROP INDEX IF EXISTS cases_subject_path_prefix_idx").run()
    }
}
