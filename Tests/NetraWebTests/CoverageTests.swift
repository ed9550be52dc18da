import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("Coverage per unit and kecamatan, within the viewer's scope", .serialized)
struct CoveragePageTests {
    @Test("a pledge shows in its unit's figures up the tree; a supervisor sees and exports only their subtree")
    func scopedCoverage() async throws {
        try await withDemoApp { app, _ in
            var asn = WebClient(app)
            try await asn.login("asn", "netra-asn")
            _ = try await asn.send(.GET, "/ikrar")
            #expect(try await asn.send(.POST, "/ikrar", form: ["csrf": asn.csrf!, "pemilihan": "pilbup-2024", "setuju": "ya"]).status == .ok)
            let pledge = try #require(try await PledgeModel.query(on: app.db).first())
            let person = try #require(try await ASNModel.query(on: app.db).filter(\.$nip == pledge.asnNIP).first())
            let unit = try #require(try await UnitModel.find(person.unitID, on: app.db))
            let subtree = try await UnitModel.query(on: app.db).all().filter { $0.path.hasPrefix(unit.path) }.map(\.id!)
            let unitSize = try await ASNModel.query(on: app.db).filter(\.$unitID ~~ subtree).count()

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let page = try await admin.send(.GET, "/cakupan?pemilihan=pilbup-2024").body.string
            #expect(page.contains("Dinas Pendidikan dan Kebudayaan") && page.contains("Dinas Kesehatan") && page.contains("Per kecamatan"))
            #expect(page.contains("Titik buta"))
            let csv = try await admin.send(.GET, "/cakupan.csv?pemilihan=pilbup-2024").body.string
            let line = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix(CSVField.escaped(unit.name, formulaSafe: true) + ",") })
            let cells = line.split(separator: ",").suffix(8).map(String.init)
            #expect(cells[0] == String(unitSize) && cells[1] == "1")
            let total = csv.split(separator: "\r\n").dropFirst().compactMap { row -> Int? in
                let fields = row.split(separator: ",", omittingEmptySubsequences: false)
                return fields.count >= 10 && !fields[1].contains(">") ? Int(fields[fields.count - 7]) : nil
            }.reduce(0, +)
            #expect(total == 1, "exactly one pledge over the top-level units")

            var head = WebClient(app)
            try await head.login("kadinkes", "netra-kadinkes")
            let own = try await head.send(.GET, "/cakupan").body.string
            #expect(own.contains("Dinas Kesehatan") && !own.contains("Dinas Pendidikan dan Kebudayaan") && !own.contains("Per kecamatan"))
            let ownCSV = try await head.send(.GET, "/cakupan.csv").body.string
            #expect(!ownCSV.contains("Dinas Pendidikan") && ownCSV.contains("Dinas Kesehatan"))

            var bawaslu = WebClient(app)
            try await bawaslu.login("bawaslu", "netra-bawaslu")
            #expect(try await bawaslu.send(.GET, "/cakupan").status == .forbidden)
        }
    }
}
