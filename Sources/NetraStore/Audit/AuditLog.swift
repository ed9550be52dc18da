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

    public static func append(actor: String, action: String, subject: String, details: [String: String], at date: Date,
                              on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: appendLockKey))").run()
        }
        let last = try await AuditEventModel.query(on: database).sort(\.$id, .descending).first()
        let previous = last.map(record(from:))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let sealed = AuditChain.seal(after: previous, at: timestamp(date), actor: actor, action: action, subject: subject,
                                     details: String(decoding: try encoder.encode(details), as: UTF8.self))
        let model = AuditEventModel()
        model.id = sealed.sequence
        model.at = sealed.at
        model.actor = sealed.actor
        model.action = sealed.action
        model.subject = sealed.subject
        model.details = sealed.details
        model.previousHash = sealed.previousHash
        model.hash = sealed.hash
        try await model.create(on: database)
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

    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
