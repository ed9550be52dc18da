import FluentKit
import SQLKit

/// Accounts that can be disabled, forced to choose a new password, and whose sessions end when either
/// happens (`session_version` is copied into a session at sign-in and compared on every request); units
/// with the code BKPSDM gives them, unique where set.
struct M014AddAccountsAndUnitCodes: AsyncMigration {
    var name: String { "M014AddAccountsAndUnitCodes" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .field("active", .bool, .required, .sql(.default(true)))
            .update()
        try await database.schema(UserModel.schema)
            .field("must_change_password", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema(UserModel.schema)
            .field("session_version", .int, .required, .sql(.default(0)))
            .update()
        try await database.schema(UnitModel.schema).field("code", .string).update()
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.create(index: "units_code_idx").on(UnitModel.schema).column("code").unique().run()
        try await sql.create(index: "units_head_nip_idx").on(UnitModel.schema).column("head_nip").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.drop(index: "units_head_nip_idx").run()
        try await sql.drop(index: "units_code_idx").run()
        try await database.schema(UnitModel.schema).deleteField("code").update()
        // One column per statement: SQLite drops a single column per ALTER TABLE.
        for field in ["session_version", "must_change_password", "active"] {
            try await database.schema(UserModel.schema).deleteField(.string(field)).update()
        }
    }
}
