import FluentKit
import SQLKit

/// The public forms' rate-limit windows, shared by every instance.
struct M024CreateRateWindows: AsyncMigration {
    var name: String { "M024CreateRateWindows" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RateLimitStore.table)
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .double, .required)
            .field("count", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("CREATE INDEX rate_windows_start ON \(ident: RateLimitStore.table) (window_start)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RateLimitStore.table).delete()
    }
}
