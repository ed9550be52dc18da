import FluentKit
import Foundation
import NetraCore
import NetraStore
@testable import NetraWeb
import Testing
import VaporTesting

@Suite("The public transparency page publishes aggregates only, never a count below five", .serialized)
struct TransparencyTests {
    /// Opens `count` cases about ASN of the perangkat daerah named `agency`.
    static func openCases(_ count: Int, agency: String, behaviour: Behaviour, on app: Application, settings: WebSettings) async throws {
        let root = try #require(try await UnitModel.query(on: app.db).filter(\.$name == agency).first())
        let units = try await UnitModel.query(on: app.db).all().filter { $0.path.hasPrefix(root.path) }.map(\.id!)
        // Not the agency's head: a case about them is, by design, out of their own dashboard.
        let people = try await ASNModel.query(on: app.db).filter(\.$unitID ~~ units).filter(\.$nip != root.headNIP ?? "").limit(count).all()
        let vault = try settings.makeVault(on: app.db)
        let admin = CaseActor(userID: UUID(), name: "Tim Netralitas", role: .admin)
        let context = CaseContext(workingDays: try WorkingDays.bundled(), allowedSanctions: [.disiplinBerat])
        var random = SeededRandom(seed: UInt64(count))
        for person in people {
            let receipt = try await ReportStore.submit(ReportSubmission(description: "Laporan tentang \(person.name)", asnNIP: person.nip), files: [],
                                                       source: .publicForm, suggested: [behaviour], vault: vault, at: Date(), random: &random, on: app.db)
            let digits = String(receipt.receipt.filter { $0.isNumber })
            let report = try #require(try await ReportModel.query(on: app.db).filter(\.$receipt == digits).first())
            _ = try await CaseStore.open(reportID: report.id!, behaviours: [behaviour], asnNIP: person.nip, actor: admin, context: context,
                                         today: LocalDate(year: 2024, month: 10, day: 7)!, at: Date(), on: app.db)
        }
    }

    @Test("page, JSON and CSV agree; small cells and the cell that would reveal them are withheld; no sign-in needed")
    func publishedFigures() async throws {
        try await withDemoApp { app, settings in
            var visitor = WebClient(app)
            #expect(try await visitor.send(.GET, "/transparansi").body.string.contains("Belum ada kasus"))

            try await Self.openCases(9, agency: "Dinas Pendidikan dan Kebudayaan", behaviour: .medsosDukungan, on: app, settings: settings)
            try await Self.openCases(6, agency: "Dinas Kesehatan", behaviour: .medsosDukungan, on: app, settings: settings)
            try await Self.openCases(2, agency: "Sekretariat Daerah", behaviour: .alatPeraga, on: app, settings: settings)

            let json = try await visitor.send(.GET, "/transparansi.json")
            #expect(json.status == .ok)
            struct Published: Decodable {
                struct Figures: Decodable {
                    struct Table: Decodable {
                        struct Cell: Decodable { let label: String; let count: Int? }
                        let id: String
                        let total: Int?
                        let cells: [Cell]
                    }
                    let total_cases: Int?
                    let tables: [Table]
                }
                let updated_at: String?
                let figures: Figures
            }
            let published = try JSONDecoder().decode(Published.self, from: Data(json.body.readableBytesView))
            #expect(published.figures.total_cases == 17 && published.updated_at != nil)
            let agencies = try #require(published.figures.tables.first { $0.id == "perangkat_daerah" })
            #expect(agencies.cells.map(\.count) == [9, nil, nil])
            let behaviours = try #require(published.figures.tables.first { $0.id == "perilaku" })
            #expect(behaviours.cells.map(\.count) == [nil, nil])
            for table in published.figures.tables {
                #expect(table.cells.allSatisfy { ($0.count ?? 5) >= 5 }, "\(table.id)")
                #expect(table.cells.filter { $0.count == nil }.count != 1 || table.total == nil, "\(table.id)")
            }

            let csv = try await visitor.send(.GET, "/transparansi.csv").body.string
            #expect(csv.hasPrefix("tabel,kategori,jumlah\r\nsemua,Jumlah kasus,17\r\n"))
            #expect(csv.contains("perangkat_daerah,Dinas Pendidikan dan Kebudayaan,9") && csv.contains("perangkat_daerah,Sekretariat Daerah,<5"))
            for line in csv.split(separator: "\r\n").dropFirst() {
                let value = line.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                if let number = Int(value) { #expect(number >= 5, "\(line)") }
            }
            let page = try await visitor.send(.GET, "/transparansi").body.string
            #expect(page.contains("Jumlah kasus:</strong> 17") && page.contains("&lt;5") && !page.contains("Laporan tentang"))
        }
    }
}

@Suite("Case dashboards: SVG charts and CSV in the viewer's scope", .serialized)
struct DashboardTests {
    @Test("admin sees every case, a supervisor only their subtree's, Bawaslu only its referrals")
    func scopedDashboards() async throws {
        try await withDemoApp { app, settings in
            try await TransparencyTests.openCases(4, agency: "Dinas Pendidikan dan Kebudayaan", behaviour: .medsosDukungan, on: app, settings: settings)
            try await TransparencyTests.openCases(3, agency: "Dinas Kesehatan", behaviour: .alatPeraga, on: app, settings: settings)
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let page = try await admin.send(.GET, "/dasbor").body.string
            #expect(page.contains("7 kasus dalam lingkup Anda") && page.contains("<svg viewBox=\"0 0 600 170\"") && page.contains("Kasus menurut perilaku"))
            let csv = try await admin.send(.GET, "/dasbor.csv").body.string
            #expect(csv.contains("status,Diverifikasi,7") && csv.contains(",4\r\n") && csv.contains(",3\r\n") && csv.contains("tahapan,"))

            var head = WebClient(app)
            try await head.login("kadinkes", "netra-kadinkes")
            let own = try await head.send(.GET, "/dasbor.csv").body.string
            #expect(own.contains("status,Diverifikasi,3") && !own.contains(",4\r\n"))
            var bawaslu = WebClient(app)
            try await bawaslu.login("bawaslu", "netra-bawaslu")
            #expect(try await bawaslu.send(.GET, "/dasbor").body.string.contains("0 kasus dalam lingkup Anda"))
        }
    }
}
