import Fluent
import NetraCore
import NetraStore
import Vapor

/// Case dashboards with server-rendered SVG charts (no script), each figure also as CSV, in the
/// viewer's case scope.
struct DashboardController: RouteCollection {
    /// The timetables shipped with Netra, for kinds of election the region has not recorded.
    let shippedCalendars: [ElectionCalendar]

    func boot(routes: any RoutesBuilder) throws {
        routes.get("dasbor", use: page)
        routes.get("dasbor.csv", use: csv)
    }

    /// One chart: its bars, with lengths already scaled to the largest.
    struct Chart: Encodable {
        struct Bar: Encodable {
            let label: String
            let count: Int
            /// Per cent of the largest bar.
            let length: Int
        }
        let id: String
        let title: String
        let bars: [Bar]

        init(id: String, title: String, values: [(String, Int)]) {
            self.id = id
            self.title = title
            let largest = max(values.map(\.1).max() ?? 1, 1)
            bars = values.map { Bar(label: $0.0, count: $0.1, length: $0.1 * 100 / largest) }
        }
    }

    /// The opened-per-week columns, positioned for a fixed 600×160 drawing.
    struct Timeline: Encodable {
        struct Column: Encodable {
            let x: Int
            let y: Int
            let width: Int
            let height: Int
            let label: String
            let count: Int
        }
        let columns: [Column]
        let first: String
        let last: String
    }

    struct Page: Encodable {
        let charts: [Chart]
        let timeline: Timeline?
        let total: Int
    }

    private func charts(_ req: Request) async throws -> [Chart] {
        let viewer = try req.require(.viewCases)
        let figures = try await CaseFigures.load(scope: try await CaseController.scope(of: viewer, on: req.db), calendar: try await req.currentElectionCalendar(shipped: shippedCalendars), on: req.db)
        return [
            Chart(id: "status", title: "Kasus menurut status", values: figures.byStatus.map { ($0.status.title, $0.count) }),
            Chart(id: "perilaku", title: "Kasus menurut perilaku", values: figures.byBehaviour.map { ($0.behaviour.title, $0.count) }),
            Chart(id: "tahapan", title: "Kasus menurut tahapan pemilihan saat dibuka", values: figures.byPhase.map { ($0.phase.title, $0.count) }),
            Chart(id: "minggu", title: "Kasus dibuka per minggu", values: figures.byWeek.map { ("minggu mulai \($0.week.iso8601)", $0.count) }),
        ]
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let charts = try await charts(req)
        let weeks = charts.last!.bars
        var timeline: Timeline?
        if !weeks.isEmpty {
            let width = max(600 / weeks.count, 1)
            timeline = Timeline(columns: weeks.enumerated().map { index, bar in
                let height = max(bar.length * 150 / 100, 1)
                return .init(x: index * width, y: 160 - height, width: max(width - 1, 1), height: height, label: bar.label, count: bar.count)
            }, first: weeks.first!.label, last: weeks.last!.label)
        }
        let total = charts.first!.bars.map(\.count).reduce(0, +)
        return try await req.view.render("dashboard", PageContext(req: req, title: "Dasbor Kasus",
                                                                  body: Page(charts: Array(charts.dropLast()), timeline: timeline, total: total)))
    }

    @Sendable
    func csv(req: Request) async throws -> Response {
        var lines = ["grafik,kategori,jumlah"]
        for chart in try await charts(req) {
            for bar in chart.bars { lines.append([chart.id, CSVField.escaped(bar.label, formulaSafe: true), String(bar.count)].joined(separator: ",")) }
        }
        return .csv(lines, filename: "dasbor-kasus.csv")
    }
}
