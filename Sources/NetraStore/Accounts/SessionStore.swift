import Crypto
import FluentKit
import Foundation
import NetraCore
import SQLKit

/// A live session as its owner sees it on the sessions page.
public struct ActiveSession: Sendable, Equatable {
    /// The stored hash, which names the session on the sessions page without revealing its id.
    public let idHash: String
    public let userID: UUID
    public let csrf: String
    public let createdAt: Date
    public let lastSeenAt: Date
    public let address: String?
    public let agent: String?
}

/// Signed-in sessions, kept on the server by the SHA-256 of their id. A session ends when it has been
/// idle or alive too long (`SessionPolicy`), when its owner signs out, or when they end all their sessions.
public struct SessionStore: Sendable {
    let database: any Database
    let policy: SessionPolicy
    let now: @Sendable () -> Date

    public init(database: any Database, policy: SessionPolicy = SessionPolicy(), now: @escaping @Sendable () -> Date) {
        self.database = database
        self.policy = policy
        self.now = now
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }

    /// Records a new session for `token` (made by the caller's token source); expired sessions of
    /// anybody are purged on the way, so the table stays small without a separate job.
    public func start(token: String, csrf: String, userID: UUID, address: String?, agent: String?) async throws {
        try await purgeExpired()
        let session = SessionModel()
        let timestamp = now().timeIntervalSince1970
        session.id = Self.hash(token)
        session.userID = userID
        session.csrf = csrf
        session.createdAt = timestamp
        session.lastSeenAt = timestamp
        session.address = address.map { String($0.prefix(64)) }
        session.agent = agent.map { String($0.prefix(200)) }
        try await session.create(on: database)
    }

    /// The live session `token` names, its last-seen time moved on; an expired one is deleted and nil.
    public func find(token: String) async throws -> ActiveSession? {
        guard let session = try await SessionModel.find(Self.hash(token), on: database) else { return nil }
        let timestamp = now().timeIntervalSince1970
        if policy.isExpired(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: timestamp) {
            try await session.delete(on: database)
            return nil
        }
        if timestamp - session.lastSeenAt >= policy.touchEvery {
            session.lastSeenAt = timestamp
            try await session.update(on: database)
        }
        return Self.active(session)
    }

    public func end(token: String) async throws {
        try await SessionModel.query(on: database).filter(\.$id == Self.hash(token)).delete()
    }

    /// Ends one of `userID`'s sessions by its hash; false when they have no such session.
    @discardableResult
    public func end(idHash: String, of userID: UUID) async throws -> Bool {
        let query = SessionModel.query(on: database).filter(\.$id == idHash).filter(\.$userID == userID)
        guard try await query.count() > 0 else { return false }
        try await query.delete()
        return true
    }

    /// Ends every session of `userID`, except the one hashed `kept` when given.
    public func endAll(of userID: UUID, except kept: String? = nil) async throws {
        let query = SessionModel.query(on: database).filter(\.$userID == userID)
        if let kept { query.filter(\.$id != kept) }
        try await query.delete()
    }

    /// `userID`'s live sessions, most recently used first.
    public func list(of userID: UUID) async throws -> [ActiveSession] {
        let timestamp = now().timeIntervalSince1970
        return try await SessionModel.query(on: database).filter(\.$userID == userID).sort(\.$lastSeenAt, .descending).all()
            .filter { !policy.isExpired(createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, now: timestamp) }
            .map(Self.active)
    }

    /// Deletes every expired session.
    public func purgeExpired() async throws {
        let timestamp = now().timeIntervalSince1970
        try await SessionModel.query(on: database).group(.or) { group in
            group.filter(\.$lastSeenAt <= timestamp - policy.idle).filter(\.$createdAt <= timestamp - policy.absolute)
        }.delete()
    }

    private static func active(_ session: SessionModel) -> ActiveSession {
        ActiveSession(idHash: session.id!, userID: session.userID, csrf: session.csrf,
                      createdAt: Date(timeIntervalSince1970: session.createdAt), lastSeenAt: Date(timeIntervalSince1970: session.lastSeenAt),
                      address: session.address, agent: session.agent)
    }
}

/// Sign-in attempts counted in the database per key (a user name, an address) under a
/// `LoginThrottlePolicy`. The count is raised and checked in one statement, so parallel guesses cannot
/// all slip through on the same old count.
public struct LoginThrottleStore: Sendable {
    static let table = "login_throttle"
    let database: any Database
    let now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date) {
        self.database = database
        self.now = now
    }

    /// Counts one attempt for `key`; false when the key must still wait, and then nothing is counted.
    public func claim(_ key: String, under policy: LoginThrottlePolicy) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let timestamp = now().timeIntervalSince1970
        try await sql.raw("DELETE FROM \(ident: Self.table) WHERE last_attempt < \(bind: timestamp - policy.forgetAfter)").run()
        try await sql.insert(into: Self.table).columns("key", "attempts", "not_before", "last_attempt")
            .values(SQLBind(key), SQLBind(0), SQLBind(0.0), SQLBind(timestamp)).ignoringConflicts(with: "key").run()
        // The new count n = attempts + 1; from n ≥ freeAttempts on, the next attempt waits min(cap, (n − free + 1) × step).
        let free = policy.freeAttempts
        let rows = try await sql.raw("""
            UPDATE \(ident: Self.table) SET attempts = attempts + 1, last_attempt = \(bind: timestamp),
              not_before = CASE WHEN attempts + 1 < \(bind: free) THEN 0.0
                                WHEN (attempts + 2 - \(bind: free)) * \(bind: policy.step) >= \(bind: policy.cap) THEN \(bind: timestamp + policy.cap)
                                ELSE \(bind: timestamp) + (attempts + 2 - \(bind: free)) * \(bind: policy.step) END
            WHERE key = \(bind: key) AND not_before <= \(bind: timestamp)
            RETURNING attempts
            """).all()
        return !rows.isEmpty
    }

    /// A successful sign-in: the user name starts afresh.
    public func clear(_ key: String) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("DELETE FROM \(ident: Self.table) WHERE key = \(bind: key)").run()
    }

    /// A successful sign-in from an address gives its attempt back, so an office behind one address
    /// where everybody signs in each morning is not slowed down by its own successes.
    public func giveBack(_ key: String, under policy: LoginThrottlePolicy) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("""
            UPDATE \(ident: Self.table) SET attempts = attempts - 1,
              not_before = CASE WHEN attempts - 1 < \(bind: policy.freeAttempts) THEN 0.0 ELSE not_before END
            WHERE key = \(bind: key) AND attempts > 0
            """).run()
    }
}
