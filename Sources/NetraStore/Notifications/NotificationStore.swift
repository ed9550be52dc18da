import FluentKit
import Foundation
import NetraCore

/// One notification as the in-app list shows it.
public struct NotificationItem: Sendable, Codable, Equatable {
    public let kind: NoticeKind
    public let message: String
    public let link: String
    public let createdAt: Date
}

/// Notifications for the people who must act: a row in Netra for the unit (or the PPK), and an e-mail in
/// the outbox for each active account on it that has an address. Written inside the caller's transaction,
/// so a notification exists exactly when what it tells about happened.
public enum NotificationStore {
    /// Who is told: the head(s) of a unit, or the PPK.
    public enum Audience: Sendable, Equatable {
        case unit(UUID)
        case ppk
    }

    public static func post(_ notice: Notice, caseID: UUID, to audience: Audience, at date: Date, on db: any Database) async throws {
        let notification = NotificationModel()
        notification.id = UUID()
        notification.caseID = caseID
        if case .unit(let id) = audience { notification.unitID = id }
        notification.kind = notice.kind.rawValue
        notification.message = notice.subject + ". " + notice.body
        notification.link = notice.link
        notification.createdAt = date.timeIntervalSince1970
        try await notification.create(on: db)
        for account in try await accounts(of: audience, on: db) {
            guard let email = account.email, !email.isEmpty else { continue }
            try await OutboxStore.enqueue(kind: notice.kind, notificationID: notification.id, recipient: email, sealed: false,
                                          label: account.displayName, subject: notice.subject, body: notice.body, link: notice.link,
                                          at: date, on: db)
        }
    }

    /// A report's new status, e-mailed to its reporter when they left an address and asked for it. The
    /// address is kept sealed in the outbox as in the report.
    public static func postToReporter(_ notice: Notice, sealedAddress: String, at date: Date, on db: any Database) async throws {
        try await OutboxStore.enqueue(kind: notice.kind, notificationID: nil, recipient: sealedAddress, sealed: true, label: "Pelapor",
                                      subject: notice.subject, body: notice.body, link: notice.link, at: date, on: db)
    }

    /// The newest notifications for a signed-in account: its unit's, or the PPK's.
    public static func recent(role: Role, unitID: UUID?, limit: Int = 10, on database: any Database) async throws -> [NotificationItem] {
        var query = NotificationModel.query(on: database)
        switch role {
        case .supervisor:
            guard let unitID else { return [] }
            query = query.filter(\.$unitID == unitID)
        case .ppk:
            query = query.filter(\.$unitID == nil)
        default:
            return []
        }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all().map { row in
            NotificationItem(kind: NoticeKind(rawValue: row.kind) ?? .reminder, message: row.message,
                             link: row.link ?? "/kasus/\(row.caseID.uuidString.lowercased())", createdAt: Date(timeIntervalSince1970: row.createdAt))
        }
    }

    private static func accounts(of audience: Audience, on db: any Database) async throws -> [UserModel] {
        let query = UserModel.query(on: db).filter(\.$active == true)
        switch audience {
        case .unit(let id):
            // Supervisors named on the unit, and one without a stated unit whom the registry names its head.
            let supervisors = try await query.filter(\.$role == Role.supervisor.rawValue).all()
            let head = try await UnitModel.find(id, on: db)?.headNIP
            return supervisors.filter { $0.unitID == id || ($0.unitID == nil && head != nil && $0.asnNIP == head) }
        case .ppk: return try await query.filter(\.$role == Role.ppk.rawValue).all()
        }
    }
}
