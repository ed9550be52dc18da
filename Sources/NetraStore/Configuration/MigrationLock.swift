import FluentKit
import SQLKit

/// Instances started together on one PostgreSQL database migrate one after the other: the first holds a
/// session advisory lock on a connection of its own while it migrates, the others wait for it and then find
/// nothing left to do. The lock goes with the connection, so an instance that dies mid-way frees it. SQLite
/// serves one instance and needs no lock.
public enum MigrationLock {
    /// An arbitrary key that names "Netra's schema" among advisory locks.
    static let key: Int64 = 0x4E45_5452_414D_4947 // "NETRAMIG"

    public static func hold<T: Sendable>(on database: any Database, location: DatabaseLocation,
                                         _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !location.isSQLite else { return try await body() }
        return try await database.withConnection { connection in
            guard let sql = connection as? any SQLDatabase else { throw StoreError.sqlRequired }
            try await sql.raw("SELECT pg_advisory_lock(\(bind: key))").run()
            do {
                let result = try await body()
                try await sql.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                return result
            } catch {
                try? await sql.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                throw error
            }
        }
    }
}
