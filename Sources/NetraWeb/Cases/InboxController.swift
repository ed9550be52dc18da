import Fluent
import NetraCore
import NetraStore
import Vapor

/// "Perlu tindakan saya" (`/tindakan`, `/api/v1/inbox`): the first page after sign-in — what waits on the
/// signed-in person, most urgent first.
struct InboxController: RouteCollection {
    static let path = "/tindakan"
    let source: InboxSource

    func boot(routes: any RoutesBuilder) throws {
        routes.get("tindakan", use: page)
        routes.get("api", "v1", "inbox", use: json)
    }

    struct Row: Encodable {
        let title: String
        let detail: String
        let link: String
        let deadline: String?
        let overdue: Bool
    }

    /// A recent notification, as the page lists it under what waits.
    struct Notification: Encodable {
        let title: String
        let message: String
        let link: String
        let at: String
    }

    struct Page: Encodable {
        let rows: [Row]
        let notifications: [Notification]
        /// Whether the viewer has an address for e-mailed notifications (shown to those who receive them).
        let hasEmail: Bool
        let receivesNotifications: Bool
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let zone = req.regionTimeZone
        let viewer = try req.requireViewer()
        let rows = try await items(req).map { item in
            Row(title: item.title, detail: item.detail, link: item.link, deadline: Self.deadline(item), overdue: item.overdue)
        }
        let notifications = try await NotificationStore.recent(role: viewer.role, unitID: viewer.unitID, on: req.db).map {
            Notification(title: $0.kind.title, message: $0.message, link: $0.link, at: $0.createdAt.indonesianDateTime(in: zone))
        }
        let email = try await req.accounts.email(of: viewer.userID)
        let page = Page(rows: rows, notifications: notifications, hasEmail: email != nil,
                        receivesNotifications: viewer.role == .supervisor || viewer.role == .ppk)
        return try await req.view.render("inbox", PageContext(req: req, title: "Perlu Tindakan Saya", body: page))
    }

    @Sendable
    func json(req: Request) async throws -> [InboxItem] {
        try await items(req)
    }

    private func items(_ req: Request) async throws -> [InboxItem] {
        try await source.items(for: try req.requireViewer(), req: req)
    }

    /// "Batas 10 Desember 2026 · 5 hari kerja lagi", "… · hari ini", "… · lewat 2 hari kerja".
    static func deadline(_ item: InboxItem) -> String? {
        guard let due = item.dueOn, let left = item.workingDaysLeft else { return nil }
        let when = switch left {
        case ..<0: "lewat \(-left) hari kerja"
        case 0: "hari ini"
        default: "\(left) hari kerja lagi"
        }
        return "Batas \(due.indonesianLong) · \(when)"
    }
}
extension InboxItem: Content {}

/// Where the inbox's items come from, shared by the page, the API and the count in the navigation bar.
struct InboxSource: Sendable {
    let workingDays: WorkingDays
    let deadlines: DeadlinePolicy
    /// The shipped election timetables, for the supervision periods.
    let calendars: [ElectionCalendar]

    struct Key: StorageKey { typealias Value = InboxSource }

    func items(for viewer: Viewer, req: Request) async throws -> [InboxItem] {
        try await ask(viewer, req, InboxStore.items)
    }

    func count(for viewer: Viewer, req: Request) async throws -> Int {
        try await ask(viewer, req, InboxStore.count)
    }

    /// Calls the store with what it needs to know about the region and the viewer.
    private func ask<Answer>(_ viewer: Viewer, _ req: Request,
                             _ question: (InboxViewer, LocalDate, RegionTimeZone, WorkingDays, DeadlinePolicy, SupervisionSchedule?, any Database) async throws -> Answer)
    async throws -> Answer {
        let supervision = viewer.role == .supervisor ? try await req.supervisionSchedule(shipped: calendars) : nil
        return try await question(InboxViewer(viewer), req.clock.today, req.regionTimeZone, try await ElectionStore.workingDays(workingDays, on: req.db),
                                  deadlines, supervision, req.db)
    }
}

extension InboxViewer {
    init(_ viewer: Viewer) {
        self.init(role: viewer.role, unitID: viewer.unitID, unitPath: viewer.unitPath, nip: viewer.nip)
    }
}

/// Counts what waits on a signed-in person for the navigation bar of every page they open (not for the API,
/// files or assets), so "Perlu Tindakan (3)" is seen wherever they are.
struct InboxCountMiddleware: AsyncMiddleware {
    struct Key: StorageKey { typealias Value = Int }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        if request.method == .GET, let viewer = request.viewer, !viewer.mustChangePassword,
           !["/api/", "/aset/", "/bukti/", "/logo/", "/metrics", "/health"].contains(where: { path.hasPrefix($0) }),
           let source = request.application.storage[InboxSource.Key.self] {
            request.storage[Key.self] = try await source.count(for: viewer, req: request)
        }
        return try await next.respond(to: request)
    }
}
