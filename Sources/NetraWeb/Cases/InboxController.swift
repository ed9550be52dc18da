import NetraCore
import NetraStore
import Vapor

/// "Perlu tindakan saya" (`/tindakan`, `/api/v1/inbox`): the first page after sign-in — what waits on the
/// signed-in person, most urgent first.
struct InboxController: RouteCollection {
    static let path = "/tindakan"
    let workingDays: WorkingDays
    let deadlines: DeadlinePolicy

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

    struct Page: Encodable {
        let rows: [Row]
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let rows = try await items(req).map { item in
            Row(title: item.title, detail: item.detail, link: item.link, deadline: Self.deadline(item), overdue: item.overdue)
        }
        return try await req.view.render("inbox", PageContext(req: req, title: "Perlu Tindakan Saya", body: Page(rows: rows)))
    }

    @Sendable
    func json(req: Request) async throws -> [InboxItem] {
        try await items(req)
    }

    private func items(_ req: Request) async throws -> [InboxItem] {
        let viewer = try req.requireViewer()
        return try await InboxStore.items(for: InboxViewer(role: viewer.role, unitID: viewer.unitID, unitPath: viewer.unitPath, nip: viewer.nip),
                                          today: req.clock.today, workingDays: try await ElectionStore.workingDays(workingDays, on: req.db),
                                          policy: deadlines, on: req.db)
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
