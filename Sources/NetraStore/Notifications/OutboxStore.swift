import FluentKit
import Foundation
import NetraCore
import SQLKit

/// One e-mail to deliver: a notification for one account, or a report's status for its reporter.
public final class OutboxModel: Model, @unchecked Sendable {
    public static let schema = "outbox"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "notification_id") public var notificationID: UUID?
    @Field(key: "kind") public var kind: String
    /// The address; sealed with the evidence key when it is a reporter's.
    @Field(key: "recipient") public var recipient: String
    @Field(key: "recipient_sealed") public var recipientSealed: Bool
    /// Who it goes to, as the admin's delivery list shows it ("Pelapor" for a reporter).
    @Field(key: "recipient_label") public var recipientLabel: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "link") public var link: String
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Double
    @OptionalField(key: "lease_until") public var leaseUntil: Double?
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Double
    @OptionalField(key: "sent_at") public var sentAt: Double?

    public init() {}
}

/// A claimed delivery, with its address opened.
public struct OutboxDelivery: Sendable, Equatable {
    public let id: UUID
    public let recipient: String
    public let subject: String
    public let body: String
    public let link: String
    /// This attempt's number, from 1.
    public let attempt: Int
}

/// A row of the admin's delivery list. A reporter's address is never shown.
public struct DeliveryRecord: Sendable, Codable, Equatable {
    public let id: UUID
    public let kind: NoticeKind
    public let recipient: String
    public let subject: String
    public let status: DeliveryStatus
    public let attempts: Int
    public let lastError: String?
    public let createdAt: Date
    public let sentAt: Date?
    public let nextAttemptAt: Date?
}

/// The e-mail outbox: written in the same transaction as what it tells about, claimed by one instance at
/// a time (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer), so that several instances
/// never send the same message twice; a claim whose instance died is taken over when its lease ends.
public enum OutboxStore {
    /// The outcome of one attempt, as the delivery loop reports it.
    public enum Attempt: Sendable, Equatable {
        case sent
        /// Worth trying again later (no connection, a 4xx answer).
        case transientFailure(String)
        /// Refused for good (a 5xx answer, an address the server rejects).
        case permanentFailure(String)
    }

    static func enqueue(kind: NoticeKind, notificationID: UUID?, recipient: String, sealed: Bool, label: String,
                        subject: String, body: String, link: String, at date: Date, on db: any Database) async throws {
        let row = OutboxModel()
        row.notificationID = notificationID
        row.kind = kind.rawValue
        row.recipient = recipient
        row.recipientSealed = sealed
        row.recipientLabel = label
        row.subject = subject
        row.body = body
        row.link = link
        row.status = DeliveryStatus.pending.rawValue
        row.attempts = 0
        row.nextAttemptAt = date.timeIntervalSince1970
        row.createdAt = date.timeIntervalSince1970
        try await row.create(on: db)
    }

    /// Claims up to `limit` deliveries that are due (or whose claim lapsed), counting the attempt.
    public static func claimDue(now: Date, policy: DeliveryPolicy, limit: Int = 20, vault: EvidenceVault,
                                on database: any Database) async throws -> [OutboxDelivery] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let now = now.timeIntervalSince1970
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let pending = DeliveryStatus.pending.rawValue, sending = DeliveryStatus.sending.rawValue
        let rows = try await sql.raw("""
            UPDATE \(ident: OutboxModel.schema) SET status = \(bind: sending), attempts = attempts + 1, lease_until = \(bind: now + policy.lease)
            WHERE id IN (SELECT id FROM \(ident: OutboxModel.schema)
                         WHERE (status = \(bind: pending) AND next_attempt_at <= \(bind: now))
                            OR (status = \(bind: sending) AND lease_until < \(bind: now))
                         ORDER BY next_attempt_at LIMIT \(bind: limit)\(lock))
            RETURNING id, recipient, recipient_sealed, subject, body, link, attempts
            """).all()
        return try rows.map { row in
            let stored = try row.decode(column: "recipient", as: String.self)
            let sealed = try row.decode(column: "recipient_sealed", as: Bool.self)
            return OutboxDelivery(id: try row.decode(column: "id", as: UUID.self), recipient: sealed ? try vault.open(text: stored) : stored,
                                  subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: String.self),
                                  link: try row.decode(column: "link", as: String.self), attempt: try row.decode(column: "attempts", as: Int.self))
        }
    }

    /// Records how an attempt ended: sent, waiting for the next try, or failed for good.
    public static func record(_ attempt: Attempt, of delivery: OutboxDelivery, policy: DeliveryPolicy, at date: Date,
                              on database: any Database) async throws {
        guard let row = try await OutboxModel.find(delivery.id, on: database) else { return }
        row.leaseUntil = nil
        switch attempt {
        case .sent:
            row.status = DeliveryStatus.sent.rawValue
            row.sentAt = date.timeIntervalSince1970
            row.lastError = nil
        case .transientFailure(let message):
            row.lastError = String(message.prefix(500))
            if let wait = policy.wait(afterAttempts: row.attempts) {
                row.status = DeliveryStatus.pending.rawValue
                row.nextAttemptAt = date.timeIntervalSince1970 + wait
            } else {
                row.status = DeliveryStatus.failed.rawValue
            }
        case .permanentFailure(let message):
            row.lastError = String(message.prefix(500))
            row.status = DeliveryStatus.failed.rawValue
        }
        try await row.save(on: database)
    }

    /// The admin's view, newest first; `status` narrows it.
    public static func list(status: DeliveryStatus?, limit: Int, offset: Int, on database: any Database) async throws -> (rows: [DeliveryRecord], total: Int) {
        var query = OutboxModel.query(on: database)
        if let status { query = query.filter(\.$status == status.rawValue) }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(offset..<(offset + limit)).all()
        return (rows.map(record), total)
    }

    /// How many deliveries stand at each status.
    public static func counts(on database: any Database) async throws -> [DeliveryStatus: Int] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("SELECT status, COUNT(*) AS n FROM \(ident: OutboxModel.schema) GROUP BY status").all()
        var counts: [DeliveryStatus: Int] = [:]
        for row in rows {
            if let status = DeliveryStatus(rawValue: try row.decode(column: "status", as: String.self)) { counts[status] = try row.decode(column: "n", as: Int.self) }
        }
        return counts
    }

    private static func record(_ row: OutboxModel) -> DeliveryRecord {
        let status = DeliveryStatus(rawValue: row.status) ?? .pending
        return DeliveryRecord(id: row.id!, kind: NoticeKind(rawValue: row.kind) ?? .assignment,
                              recipient: row.recipientSealed ? row.recipientLabel : "\(row.recipientLabel) <\(row.recipient)>",
                              subject: row.subject, status: status, attempts: row.attempts, lastError: row.lastError,
                              createdAt: Date(timeIntervalSince1970: row.createdAt), sentAt: row.sentAt.map(Date.init(timeIntervalSince1970:)),
                              nextAttemptAt: status == .pending ? Date(timeIntervalSince1970: row.nextAttemptAt) : nil)
    }
}
