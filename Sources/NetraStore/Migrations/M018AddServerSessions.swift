import FluentKit
import SQLKit

/// Sessions kept by the hash of their id, with their times, so they expire on the server and a copy of
/// the database replays nobody; the per-name and per-address sign-in counts. The old session table
/// (plain ids) is dropped, and with it the users' lock-out fields and session version: sessions are now
/// ended by deleting their rows, sign-ins slowed by the throttle table.
struct M018AddServerSessions: AsyncMigration {
    var name: String { "M018AddServerSessions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SessionModel.schema)
            .field("id_hash", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required)
            .field("csrf", .string, .required)
            .field("created_at", .double, .required)
            .field("last_seen_at", .double, .required)
            .field("address", .string)
            .field("agent", .string)
            .create()
        try await database.schema(LoginThrottleStore.table)
            .field("key", .string, .identifier(auto: false))
            .field("attempts", .int, .required)
            .field("not_before", .double, .required)
            .field("last_attempt", .double, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX sessions_user ON \(ident: SessionModel.schema) (user_id)").run()
            try await sql.raw("DROP TABLE IF EXISTS _fluent_sessions").run()
        }
        for field in ["failed_logins", "locked_until", "session_version"] {
            try await database.schema(UserModel.schema).deleteField(.string(field)).update()
        }
    }

    func revert(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(UserModel.schema).field("failed_logins", .int, .required, .sql(.default(0))).update()
        try await database.schema(UserModel.schema).field("locked_until", .double).update()
        try await database.schema(UserModel.schema).field("session_version", .int, .required, .sql(.default(0))).update()
        try await database.schema(LoginThrottleStore.table).delete()
        try await database.schema(SessionModel.schema).delete()
    }
}
