import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

/// #21 item 1: opening a case against a person is always someone's explicit, informed choice.
@Suite("Safe defaults in case handling", .serialized)
struct TriageSafetyTests {
    @Test("a name several ASN share: candidates ranked with reasons, none chosen; a case about nobody is not summoned until its ASN is set")
    func sharedName() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            // The demo's commonest name, and one of its bearers whose unit the report names.
            let people = try await ASNModel.query(on: app.db).all()
            let byName = Dictionary(grouping: people) { PersonName.normalized($0.name) }
            let (_, namesakes) = try #require(byName.filter { $0.value.count >= 3 }.max { $0.value.count < $1.value.count })
            let target = namesakes[namesakes.count - 1]
            let unit = try #require(try await UnitModel.find(target.unitID, on: app.db))
            let reportedName = target.name.split(separator: ",").first.map(String.init) ?? target.name

            var citizen = WebClient(app)
            let (form, type) = multipart([("deskripsi", "Seorang pegawai membagikan stiker pasangan calon kepada rekan kerja."), ("nama_asn", reportedName),
                                          ("unit", unit.name)], files: [])
            #expect(try await citizen.send(.POST, "/lapor", body: form, contentType: type).status == .seeOther)
            let report = try #require(try await ReportModel.query(on: app.db).first())
            let path = "/kasus/laporan/\(report.id!.uuidString.lowercased())"

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let page = try await admin.send(.GET, path).body.string
            #expect(!page.contains(#"required checked"#), "no candidate may be pre-selected")
            for person in namesakes { #expect(page.contains(person.nip)) }
            // The one whose unit the report names comes first, and the page says why.
            let first = try #require(page.range(of: #"name="nip" value=""#).map { String(page[$0.upperBound...].prefix(18)) })
            #expect(first == target.nip)
            #expect(page.contains("unit kerja disebut dalam laporan: \(unit.name)"))
            #expect(try await admin.send(.GET, "\(path)?cari=\(target.nip)").body.string.contains(target.nip))

            let unchosen = try await admin.send(.POST, "\(path)/verifikasi", form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga"])
            #expect(unchosen.status == .unprocessableEntity && unchosen.body.string.contains("Pilih ASN yang dilaporkan"))
            let forged = try await admin.send(.POST, "\(path)/verifikasi", form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": "199001012020011001"])
            #expect(forged.status == .unprocessableEntity && forged.body.string.contains("tidak ada di data ASN"))
            #expect(try await CaseModel.query(on: app.db).count() == 0)

            // Not identified yet: the case opens, but nobody is summoned by a letter to "Nama: -".
            let opened = try await admin.send(.POST, "\(path)/verifikasi", form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": "belum"])
            let casePath = try #require(opened.headers.first(name: .location))
            let casePage = try await admin.send(.GET, casePath).body.string
            #expect(!casePage.contains(#"value="summon""#) && casePage.contains("ASN yang dilaporkan belum ditetapkan"))
            #expect(casePage.contains("Laporan asal") && casePage.contains("membagikan stiker pasangan calon"))
            let summons = try await admin.send(.POST, "\(casePath)/langkah", form: ["csrf": admin.csrf!, "langkah": "summon", "jam_periksa": "09.00", "nip_pemeriksa": demoExaminerNIP, "tanggal_periksa": "2024-10-21", "tempat": "Aula"])
            #expect(summons.status == .unprocessableEntity && summons.body.string.contains("belum ditetapkan"))
            #expect(try await LetterModel.query(on: app.db).count() == 0)
            #expect(!(try await admin.send(.GET, path).body.string.contains("/verifikasi")), "a triaged report shows no triage form again")

            // The team sets the ASN later, with a reason that goes to the audit chain; the case goes to their atasan.
            let noReason = try await admin.send(.POST, "\(casePath)/asn", form: ["csrf": admin.csrf!, "nip": target.nip])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await admin.send(.POST, "\(casePath)/asn", form: ["csrf": admin.csrf!, "nip": target.nip,
                                                                          "alasan": "Dikonfirmasi kepala unit: pegawai ini yang membagikan stiker."]).status == .seeOther)
            let model = try #require(try await CaseModel.query(on: app.db).first())
            #expect(model.asnNIP == target.nip && model.assigneeUnitID != nil)
            let audit = try await AuditLog.records(subject: "case:\(model.id!.uuidString.lowercased())", on: app.db)
            #expect(audit.contains { $0.action == "case.subject_set" && $0.details.contains("Dikonfirmasi kepala unit") })
            let after = try await admin.send(.GET, casePath).body.string
            #expect(after.contains(#"value="summon""#))
            // The history reads as sentences with WIB times, not the chain's codes and JSON.
            #expect(after.contains("ASN yang dilaporkan ditetapkan (NIP \(target.nip)): Dikonfirmasi kepala unit") && after.contains("7 Oktober 2024 pukul 09.00 WIB"))
            #expect(!after.contains("case.subject_set") && !after.contains("{&quot;"))
        }
    }
}
