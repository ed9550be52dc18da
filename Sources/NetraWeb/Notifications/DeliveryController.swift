import NetraCore
import NetraStore
import Vapor

/// The admin's view of e-mailed notifications (`/pengiriman`): each delivery, its attempts and outcome.
struct DeliveryController: RouteCollection {
    static let pageSize = 50
    /// Whether SMTP is set up on this server; without it, notifications stay in Netra only.
    let mailConfigured: Bool

    func boot(routes: any RoutesBuilder) throws {
        routes.get("pengiriman", use: page)
    }

    struct Row: Encodable {
        let createdAt: String
        let kind: String
        let recipient: String
        let subject: String
        let status: String
        let failed: Bool
        let attempts: Int
        let detail: String?
    }

    struct StatusChoice: Encodable {
        let value: String
        let title: String
        let count: Int
        let selected: Bool
    }

    struct Page: Encodable {
        let mailConfigured: Bool
        let rows: [Row]
        let statuses: [StatusChoice]
        let total: Int
        let previous: String?
        let next: String?
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let zone = req.regionTimeZone
        _ = try req.require(.viewDeliveries)
        let status = try req.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : $0 }.map { raw in
            guard let status = DeliveryStatus(rawValue: raw) else { throw Abort(.badRequest, reason: "status \"\(raw)\" tidak dikenal.") }
            return status
        }
        let offset = try req.wholeNumber("offset", in: 0...1_000_000, fallback: 0)
        let listed = try await OutboxStore.list(status: status, limit: Self.pageSize, offset: offset, on: req.db)
        let counts = try await OutboxStore.counts(on: req.db)
        let rows = listed.rows.map { record in
            let detail: String? = switch record.status {
            case .sent: record.sentAt.map { "Terkirim \($0.indonesianDateTime(in: zone))" }
            case .pending where record.attempts > 0: [record.lastError, record.nextAttemptAt.map { "Dicoba lagi \($0.indonesianDateTime(in: zone))" }]
                .compactMap { $0 }.joined(separator: " · ")
            case .failed: record.lastError
            default: nil
            }
            return Row(createdAt: record.createdAt.indonesianDateTime(in: zone), kind: record.kind.title, recipient: record.recipient, subject: record.subject,
                       status: record.status.title, failed: record.status == .failed, attempts: record.attempts, detail: detail)
        }
        let query = status.map { "status=\($0.rawValue)&" } ?? ""
        let page = Page(mailConfigured: mailConfigured, rows: rows,
                        statuses: DeliveryStatus.allCases.map { StatusChoice(value: $0.rawValue, title: $0.title, count: counts[$0] ?? 0, selected: $0 == status) },
                        total: listed.total,
                        previous: offset > 0 ? "/pengiriman?\(query)offset=\(max(0, offset - Self.pageSize))" : nil,
                        next: offset + Self.pageSize < listed.total ? "/pengiriman?\(query)offset=\(offset + Self.pageSize)" : nil)
        return try await req.view.render("deliveries", PageContext(req: req, title: "Pengiriman E-mail", body: page))
    }
}
