import FluentPostgresDriver
import Logging
import NIOCore
import NIOPosix

/// Instances started together on one PostgreSQL database migrate one after the other: the first holds a
/// session advisory lock while it migrates, the others wait for it and then find nothing left to do. The lock
/// is held on a connection opened for it alone, outside the pool, so the migrations (which take connections
/// from the pool) never wait for the very connection that holds the lock; and it goes with that connection, so
/// an instance that dies mid-way frees it. SQLite serves one instance and needs no lock.
public enum MigrationLock {
    /// An arbitrary key that names "Netra's schema" among advisory locks.
    static let key: Int64 = 0x4E45_5452_414D_4947 // "NETRAMIG"

    public static func hold<T: Sendable>(for location: DatabaseLocation, logger: Logger,
                                         _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard case .postgres(let url) = location else { return try await body() }
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 0, logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger)
            let result = try await body()
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
