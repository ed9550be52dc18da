import Foundation
import NetraCore
import NetraStore
import Vapor

/// The public transparency page (no sign-in): aggregate case figures with small-count suppression, the
/// same figures as JSON and CSV.
struct TransparencyController: RouteCollection {
    /// The timetables shipped with Netra, for kinds of election the region has not recorded.
    let shippedCalendars: [ElectionCalendar]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("transparansi", use: page)
        routes.get("transparansi.json", use: json)
        routes.get("transparansi.csv", use: csv)
    }

    struct Published: Content {
        let updatedAt: String?
        let figures: PublicFigures
    }

    private func published(_ req: Request) async throws -> Published {
        let loaded = try await TransparencyQueries.counts(calendar: try await req.currentElectionCalendar(shipped: shippedCalendars),
                                                            today: req.clock.today, on: req.db)
        return Published(updatedAt: loaded.updatedAt.map { AuditLog.timestamp(Date(timeIntervalSince1970: $0)) }, figures: PublicFigures(counts: loaded.counts))
    }

    struct Page: Encodable {
        struct Row: Encodable {
            let label: String
            let count: String
            /// Bar length in per cent of the table's largest published cell; 0 when withheld.
            let bar: Int
        }
        struct Table: Encodable {
            let title: String
            let total: String
            let rows: [Row]
        }
        /// The region whose government publishes the figures; nil before its wilayah is imported.
        let region: String?
        let updatedAt: String
        let threshold: Int
        let totalCases: String
        let tables: [Table]
    }

    private static func shown(_ count: Int?, threshold: Int) -> String { count.map(String.init) ?? "<\(threshold)" }

    @Sendable
    func page(req: Request) async throws -> View {
        let published = try await published(req)
        let figures = published.figures
        let tables = figures.tables.map { table in
            let largest = table.cells.compactMap(\.count).max() ?? 1
            return Page.Table(title: table.title, total: Self.shown(table.total, threshold: figures.threshold), rows: table.cells.map {
                Page.Row(label: $0.label, count: Self.shown($0.count, threshold: figures.threshold), bar: ($0.count ?? 0) * 100 / max(largest, 1))
            })
        }
        let body = Page(region: try await RegionStore.regency(on: req.db)?.name, updatedAt: published.updatedAt ?? "belum ada kasus", threshold: figures.threshold,
                        totalCases: Self.shown(figures.totalCases, threshold: figures.threshold), tables: tables)
        return try await req.view.render("transparency", PageContext(req: req, title: "Transparansi Penegakan Netralitas ASN", body: body))
    }

    @Sendable
    func json(req: Request) async throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(try await published(req))))
        response.headers.contentType = .json
        return response
    }

    @Sendable
    func csv(req: Request) async throws -> Response {
        let published = try await published(req)
        let figures = published.figures
        var lines = ["tabel,kategori,jumlah"]
        lines.append(["semua", "Jumlah kasus", Self.shown(figures.totalCases, threshold: figures.threshold)].joined(separator: ","))
        for table in figures.tables {
            for cell in table.cells {
                lines.append([table.id, CSVField.escaped(cell.label, formulaSafe: true), Self.shown(cell.count, threshold: figures.threshold)].joined(separator: ","))
            }
            lines.append([table.id, "Jumlah", Self.shown(table.total, threshold: figures.threshold)].joined(separator: ","))
        }
        lines.append(["diperbarui", published.updatedAt ?? "", ""].joined(separator: ","))
        return .csv(lines, filename: "transparansi-netralitas.csv")
    }
}
