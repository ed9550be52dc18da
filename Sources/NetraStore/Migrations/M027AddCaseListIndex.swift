import FluentKit
import SQLKit

/// The case list is read a page at a time, the last updated first.
struct M027AddCaseListIndex: AsyncMigration {
    var name: String { "M027AddCaseListIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("CREATE INDEX cases_updated_idx ON \(ident: CaseModel.schema) (updated_at)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("DROP INDEX IF EXISTS cases_updated_idx").run()
    }
}
