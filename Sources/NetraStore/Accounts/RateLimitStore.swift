import FluentKit
import Foundation
import SQLKit

/// Fixed-window counts per client address for the public forms, kept in the database so that every instance
/// behind the proxy counts the same requests: two instances give the answers one would. The table holds only
/// windows still open; older ones are cleared as new requests come.
public struct RateLimitStore: Sendable {
    static let table = "rate_windows"
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// Counts one request of `client` under the limit named `name` ("lapor") in its window of `window` seconds;
    /// false when that makes more than `limit`. Windows of different limits never mix.
    public func allow(_ client: String, under name: String, limit: Int, window: TimeInterval) async throws -> Bool {
        let timestamp = now().timeIntervalSince1970
        let prefix = name + ":", key = prefix + client
        return try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.sqlRequired }
            try await sql.raw("DELETE FROM \(ident: Self.table) WHERE key LIKE \(bind: prefix + "%") AND window_start <= \(bind: timestamp - window)").run()
            try await sql.insert(into: Self.table).columns("key", "window_start", "count")
                .values(SQLBind(key), SQLBind(timestamp), SQLBind(0)).ignoringConflicts(with: "key").run()
            // One statement raises and reads the count, so parallel requests cannot all read the same old one.
            let rows = try await sql.raw("UPDATE \(ident: Self.table) SET count = count + 1 WHERE key = \(bind: key) RETURNING count").all()
            guard let count = try rows.first?.decode(column: "count", as: Int.self) else { return false }
            return count <= limit
        }
    }
}
