import FluentKit
import SQLKit

/// Support lists are claimed by one instance at a time, for a lease, and counted when claimed.
struct M025AddSupportListClaims: AsyncMigration {
    var name: String { "M025AddSupportListClaims" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(SupportListModel.schema).field("claim_token", .string).update()
        try await database.schema(SupportListModel.schema).field("lease_until", .double).update()
        try await database.schema(SupportListModel.schema).field("attempts", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        for column in ["attempts", "lease_until", "claim_token"] {
            try await database.schema(SupportListModel.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
