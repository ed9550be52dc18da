import FluentKit
import Foundation
import NetraCore
import SQLKit

/// The append-only audit log. Appends happen inside the caller's transaction, so a change and its
/// record commit together. Appends queue for the end of the chain: SQLite has one writer at a time, and
/// on PostgreSQL a transaction-scoped advisory lock makes concurrent appends wait for each other instead
/// of taking the same sequence number (which refused reports under load).
public enum AuditLog {
    /// The advisory lock key that serializes appends on PostgreSQL ("NTRAUDIT" in ASCII).
    static let appendLockKey: Int64 = 0x4E54_5241_5544_4954

    /// Written with SQLKit rather than the Fluent model: every report and every step of a case appends here,
    /// and the model's reflection was a fifth of the intake's time.
    public static func append(actor: String, action: String, subject: String, details: [String: String], at date: Date,
                              on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: appendLockKey))").run()
        }
        let last = try await sql.select().columns("sequence", "at", "actor", "action", "subject", "details", "previous_hash", "hash")
            .from(AuditEventModel.schema).orderBy("sequence", .descending).limit(1).first()
        let previous = try last.map { row in
            AuditRecord(sequence: try row.decode(column: "sequence", as: Int.self), at: try row.decode(column: "at", as: String.self),
                        actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                        subject: try row.decode(column: "subject", as: String.self), details: try row.decode(column: "details", as: String.self),
                        previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let sealed = AuditChain.seal(after: previous, at: timestamp(date), actor: actor, action: action, subject: subject,
                                     details: String(decoding: try encoder.encode(details), as: UTF8.self))
        try await sql.insert(into: AuditEventModel.schema)
            .columns("sequence", "at", "actor", "action", "subject", "details", "previous_hash", "hash")
            .values(SQLBind(sealed.sequence), SQLBind(sealed.at), SQLBind(sealed.actor), SQLBind(sealed.action), SQLBind(sealed.subject),
                    SQLBind(sealed.details), SQLBind(sealed.previousHash), SQLBind(sealed.hash))
            .run()
    }

    public static func records(subject: String? = nil, on database: any Database) async throws -> [AuditRecord] {
        let query = AuditEventModel.query(on: database).sort(\.$id)
        if let subject { query.filter(\.$subject == subject) }
        return try await query.all().map(record(from:))
    }

    public static func verify(on database: any Database) async throws -> AuditVerification {
        AuditChain.verify(try await records(on: database))
    }

    static func record(from model: AuditEventModel) -> AuditRecord {
        AuditRecord(sequence: model.id!, at: model.at, actor: model.actor, action: model.action, subject: model.subject,
                    details: model.details, previousHash: model.previousHash, hash: model.hash)
    }

    /// UTC with milliseconds ("2026-11-23T21:57:35.123Z"); a value style, so no formatter is built per call.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The instant a `timestamp` names.
    public static func date(of timestamp: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp)
    }
}
