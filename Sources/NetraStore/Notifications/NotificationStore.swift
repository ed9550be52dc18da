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
/// the outbox for each active account supervising it that has an address. Written inside the caller's transaction,
/// so a notification exists exactly when what it tells about happened.
public enum NotificationStore {
    /// Who is told: the head(s) of a unit, the PPK, or the BKPSDM team (a case whose ASN is not yet identified).
    public enum Audience: Sendable, Equatable {
        case unit(UUID)
        case ppk
        case team
    }

    public static func post(_ notice: Notice, caseID: UUID, to audience: Audience, at date: Date, on db: any Database) async throws {
        // The team sees every such case on its own pages; it is told by e-mail only.
        if audience == .team { return try await email(notice, toRole: .admin, at: date, on: db) }
        let (unitID, accounts) = try await recipients(of: audience, on: db)
        let notification = NotificationModel()
        notification.id = UUID()
        notification.caseID = caseID
        notification.unitID = unitID
        notification.kind = notice.kind.rawValue
        notification.message = notice.body
        notification.link = notice.link
        notification.createdAt = date.timeIntervalSince1970
        try await notification.create(on: db)
        try await email(notice, to: accounts, notificationID: notification.id, at: date, on: db)
    }

    /// A report's new status, e-mailed to its reporter when they left an address and asked for it. The
    /// address is kept sealed in the outbox as in the report.
    public static func postToReporter(_ notice: Notice, sealedAddress: String, at date: Date, on db: any Database) async throws {
        try await OutboxStore.enqueue(kind: notice.kind, notificationID: nil, recipient: sealedAddress, sealed: true, label: "Pelapor",
                                      subject: notice.subject, body: notice.body, link: notice.link, at: date, on: db)
    }

    /// An e-mail (without an in-app row: the inbox shows what is due) to the supervisors of exactly this unit.
    public static func email(_ notice: Notice, toHeadsOf unitID: UUID, at date: Date, on db: any Database) async throws {
        let supervisors = try await UserModel.query(on: db).filter(\.$active == true).filter(\.$role == Role.supervisor.rawValue).all()
        let head = try await UnitModel.find(unitID, on: db)?.headNIP
        try await email(notice, to: supervisors.filter { Self.supervises($0, unitID: unitID, headNIP: head) }, at: date, on: db)
    }

    /// An e-mail to every active account of a role (the BKPSDM team for a top unit's missing statement).
    public static func email(_ notice: Notice, toRole role: Role, at date: Date, on db: any Database) async throws {
        try await email(notice, to: try await UserModel.query(on: db).filter(\.$active == true).filter(\.$role == role.rawValue).all(), at: date, on: db)
    }

    private static func email(_ notice: Notice, to accounts: [UserModel], notificationID: UUID? = nil, at date: Date, on db: any Database) async throws {
        for account in accounts {
            guard let email = account.email, !email.isEmpty else { continue }
            try await OutboxStore.enqueue(kind: notice.kind, notificationID: notificationID, recipient: email, sealed: false, label: account.displayName,
                                          subject: notice.subject, body: notice.body, link: notice.link, at: date, on: db)
        }
    }

    /// Supervisors named on the unit, and one without a stated unit whom the registry names its head.
    private static func supervises(_ account: UserModel, unitID: UUID?, headNIP: String?) -> Bool {
        account.unitID == unitID || (account.unitID == nil && headNIP != nil && account.asnNIP == headNIP)
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

    /// The unit whose heads act for `audience`: the unit itself or the first above it with an account; nil for the PPK.
    public static func actingUnit(for audience: Audience, on db: any Database) async throws -> UUID? {
        try await recipients(of: audience, on: db).unitID
    }

    /// The unit whose accounts are told, and those accounts. A unit whose head has no account is supervised
    /// by the first unit above it that has one, as "Perlu tindakan" shows it; with none up to the top, the PPK.
    private static func recipients(of audience: Audience, on db: any Database) async throws -> (unitID: UUID?, accounts: [UserModel]) {
        let active = UserModel.query(on: db).filter(\.$active == true)
        if audience == .team { return (nil, try await active.filter(\.$role == Role.admin.rawValue).all()) }
        if case .unit(let id) = audience, let unit = try await UnitModel.find(id, on: db) {
            let ids = unit.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) }
            let path = try await UnitModel.query(on: db).filter(\.$id ~~ ids).sort(\.$depth, .descending).all()
            let supervisors = try await active.copy().filter(\.$role == Role.supervisor.rawValue).all()
            for level in path {
                let heads = supervisors.filter { Self.supervises($0, unitID: level.id, headNIP: level.headNIP) }
                if !heads.isEmpty { return (level.id, heads) }
            }
        }
        return (nil, try await active.filter(\.$role == Role.ppk.rawValue).all())
    }
}
