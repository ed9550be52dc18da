import FluentKit
import Foundation
import NetraCore
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// #20 item 5 through the pages: a three-level unit tree files its weekly statements bottom-up.
@Suite("Supervision statements through the pages", .serialized)
struct SupervisionPageTests {
    static let password = "sandi-uji-pengawasan"

    /// The region without demo data, and heads' accounts on a dinas, one of its bidang and two schools.
    static func region(_ app: Application) async throws {
        _ = try await UnitTreeImporter(database: app.db, actor: "uji").run(try FileByteSource(path: EscalationJourneyTests.fixture("units-dev.csv")))
        _ = try await RegistryImporter(database: app.db).run(try FileByteSource(path: EscalationJourneyTests.fixture("asn-dev-clean.csv")))
        let accounts = AccountStore(database: app.db, hashPassword: { [passwords = app.password] in try passwords.hash($0) })
        for request in [
            AccountRequest(username: "admin.bkpsdm", role: .admin, password: password),
            AccountRequest(username: "bupati", role: .ppk, password: password, displayName: "Bupati"),
            AccountRequest(username: "kadisdik", role: .supervisor, password: password, nip: "196907312000102006"),
            AccountRequest(username: "kabid.sd", role: .supervisor, password: password, displayName: "Kabid SD", unit: "2.01.02"),
            AccountRequest(username: "kepsek.1", role: .supervisor, password: password, displayName: "Kepsek 1", unit: "2.01.02.01"),
            AccountRequest(username: "kepsek.3", role: .supervisor, password: password, displayName: "Kepsek 3", unit: "2.01.02.02"),
        ] { try await accounts.add(request, by: "uji") }
    }

    static func signedIn(_ username: String, _ app: Application) async throws -> WebClient {
        var client = WebClient(app)
        try await client.login(username, password)
        return client
    }

    @Test("filed bottom-up, one school reminded and marked missing, the roll-up and its CSV agree; an incident becomes one report")
    func threeLevels() async throws {
        let clock = TestClock("2024-10-21T02:00:00Z")
        try await withDemoApp(adjust: { $0.seedDemo = false; $0.clock = clock.webClock }) { app, _ in
            try await Self.region(app)
            let week = "2024-10-14"
            var school = try await Self.signedIn("kepsek.1", app)
            let page = try await school.send(.GET, "/pengawasan").body.string
            #expect(page.contains("14 Oktober 2024 – 20 Oktober 2024 (masa kampanye)") && page.contains("Sampaikan laporan"))
            #expect(try await school.send(.GET, "/tindakan").body.string.contains("Sampaikan laporan pengawasan 14 Oktober 2024"))
            let both = try await school.send(.POST, "/pengawasan/lapor", form: ["csrf": school.csrf!, "periode": week, "pengarahan": "1",
                                                                               "temuan": "Guru kelas 5 membagikan stiker pasangan calon.", "nihil": "ya"])
            #expect(both.status == .unprocessableEntity && both.body.string.contains("tidak boleh memuat temuan"))
            #expect(both.body.string.contains("Guru kelas 5 membagikan stiker pasangan calon."))
            let filed = try await school.send(.POST, "/pengawasan/lapor", form: ["csrf": school.csrf!, "periode": week, "pengarahan": "1",
                                                                                "pemeriksaan_medsos": "24", "nihil": "ya"])
            #expect(filed.headers.first(name: .location) == "/pengawasan?periode=\(week)&pesan=terkirim")
            // A refresh or a second tap stores nothing more.
            let again = try await school.send(.POST, "/pengawasan/lapor", form: ["csrf": school.csrf!, "periode": week, "nihil": "ya"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("sudah disampaikan"))

            var bidang = try await Self.signedIn("kabid.sd", app)
            let blocked = try await bidang.send(.GET, "/pengawasan?periode=\(week)").body.string
            #expect(blocked.contains("setelah laporan unit berikut masuk atau ditandai tidak masuk: SDN 3 Harapan Hilir"))
            #expect(!blocked.contains("Tandai tidak masuk</button>"))

            // Tuesday: SDN 3 is past due; the bidang sees it first and marks it.
            clock.set("2024-10-22T02:00:00Z")
            let inbox = try await bidang.send(.GET, "/tindakan").body.string
            #expect(inbox.contains("Laporan pengawasan SDN 3 Harapan Hilir belum masuk"))
            let sdn3 = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "2.01.02.02").first()?.id)
            var other = try await Self.signedIn("kepsek.1", app)
            #expect(try await other.send(.POST, "/pengawasan/tandai", form: ["csrf": other.csrf!, "periode": week, "unit": sdn3.uuidString]).status == .forbidden)
            let marked = try await bidang.send(.POST, "/pengawasan/tandai", form: ["csrf": bidang.csrf!, "periode": week, "unit": sdn3.uuidString,
                                                                                   "alasan": "Kepala sekolah cuti sakit"])
            #expect(marked.status == .seeOther)
            let withIncident = try await bidang.send(.POST, "/pengawasan/lapor", form: [
                "csrf": bidang.csrf!, "periode": week, "pengarahan": "2", "pemeriksaan_medsos": "40", "ikrar": "35",
                "temuan": "Seorang guru SDN 1 mengunggah foto dengan simbol jari pasangan calon.\n\nOperator sekolah menyebarkan poster kampanye di grup WhatsApp guru."])
            #expect(withIncident.status == .seeOther)
            let statement = try #require(try await SupervisionStatementModel.query(on: app.db).filter(\.$filedBy == "Kabid SD").first())
            for _ in 0..<2 {
                _ = try await bidang.send(.POST, "/pengawasan/temuan", form: ["csrf": bidang.csrf!, "laporan": statement.id!.uuidString, "temuan": "1"])
            }
            #expect(try await ReportModel.query(on: app.db).filter(\.$source == "supervision").count() == 1)
            #expect(try await bidang.send(.GET, "/pengawasan?periode=\(week)").body.string.contains("(dilaporkan, kode"))

            clock.set("2024-10-24T02:00:00Z")
            var dinas = try await Self.signedIn("kadisdik", app)
            #expect(try await dinas.send(.POST, "/pengawasan/lapor", form: ["csrf": dinas.csrf!, "periode": week, "nihil": "ya"]).status == .seeOther)

            var admin = try await Self.signedIn("admin.bkpsdm", app)
            let rollup = try await admin.send(.GET, "/pengawasan?periode=\(week)").body.string
            #expect(rollup.contains("Tepat waktu 2 · terlambat 1 · tidak masuk 1 · belum masuk 0 · 2 temuan"))
            #expect(rollup.contains("Ditandai tidak masuk oleh Kabid SD: Kepala sekolah cuti sakit"))
            let csv = try await admin.send(.GET, "/pengawasan.csv?periode=\(week)").body.string.split(whereSeparator: \.isNewline).map(String.init)
            #expect(csv.count == 5)
            let standings = csv.dropFirst().map { line in line.split(separator: ",").map(String.init) }.map { ($0[1], $0[3]) }
            #expect(standings.map(\.0) == ["Dinas Pendidikan dan Kebudayaan", "Bidang Pembinaan Sekolah Dasar", "SDN 1 Harapan Hilir", "SDN 3 Harapan Hilir"])
            #expect(standings.map(\.1) == ["Terlambat", "Tepat waktu", "Tepat waktu", "Tidak masuk"])
            for (unit, standing) in standings { #expect(rollup.contains("\(unit)</td><td") && rollup.contains(standing)) }
            var ppk = try await Self.signedIn("bupati", app)
            #expect(try await ppk.send(.GET, "/pengawasan?periode=\(week)").body.string.contains("Rekapitulasi 14 Oktober 2024"))
            #expect(try await ppk.send(.POST, "/pengawasan/lapor", form: ["csrf": ppk.csrf!, "periode": week, "nihil": "ya"]).status == .forbidden)
            // A school head sees their own subtree only.
            let schoolView = try await school.send(.GET, "/pengawasan?periode=\(week)").body.string
            #expect(!schoolView.contains("Bidang Pembinaan Sekolah Dasar") && schoolView.contains("SDN 1 Harapan Hilir"))
            #expect(try await admin.send(.GET, "/pengawasan?periode=2024-10-15").status == .notFound)
        }
    }

    @Test("the admin sets the rhythm per phase; a phase without statements has no periods")
    func rhythms() async throws {
        let clock = TestClock("2024-10-21T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let form = try await admin.send(.GET, "/pengawasan/irama").body.string
            #expect(form.contains("masa kampanye") && form.contains(#"<option value="mingguan" selected>"#))
            var choices = Dictionary(uniqueKeysWithValues: ElectionPhase.allCases.map { ($0.rawValue, "tidak_ada") })
            choices["masa_tenang"] = "harian"
            choices["csrf"] = admin.csrf!
            #expect(try await admin.send(.POST, "/pengawasan/irama", form: choices).headers.first(name: .location) == "/pengawasan/irama?tersimpan=1")
            #expect(try await admin.send(.GET, "/pengawasan").body.string.contains("Belum ada periode laporan"))
            clock.set("2024-11-25T02:00:00Z")
            #expect(try await admin.send(.GET, "/pengawasan").body.string.contains("24 November 2024 (masa tenang)"))
            choices["kampanye"] = "setiap_jam"
            #expect(try await admin.send(.POST, "/pengawasan/irama", form: choices).status == .badRequest)
            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            #expect(try await head.send(.GET, "/pengawasan/irama").status == .forbidden)
        }
    }
}
