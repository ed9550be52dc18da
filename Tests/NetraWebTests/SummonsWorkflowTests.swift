import Foundation
import NetraCore
import NetraStore
import Testing
@testable import NetraWeb
import VaporTesting

@Suite("Summonses and examinations through the case page")
struct SummonsWorkflowTests {
    @Test("the accused examines nobody, a refused examination keeps what was typed, and an ASN absent twice moves the case on without one")
    func summonsEdges() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            let (teacher, _) = try await demoTeacher(on: app)
            var citizen = WebClient(app)
            let (report, reportType) = multipart([("deskripsi", "Guru \(teacher.name) memasang baliho pasangan calon di pagar rumahnya."), ("nip_asn", teacher.nip)], files: [])
            _ = try await citizen.send(.POST, "/lapor", body: report, contentType: reportType)
            let reportID = try #require(try await ReportModel.query(on: app.db).first()?.id?.uuidString.lowercased())
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let opened = try await admin.send(.POST, "/kasus/laporan/\(reportID)/verifikasi", form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": teacher.nip])
            let casePath = try #require(opened.headers.first(name: .location))
            func summons(_ date: String, examiner: String = demoExaminerNIP) -> [String: String] {
                ["csrf": admin.csrf!, "langkah": "summon", "tanggal_periksa": date, "jam_periksa": "09.00", "tempat": "Aula BKPSDM", "nip_pemeriksa": examiner]
            }

            let byAccused = try await admin.send(.POST, "\(casePath)/langkah", form: summons("2024-10-21", examiner: teacher.nip))
            #expect(byAccused.status == .unprocessableEntity && byAccused.body.string.contains("tidak boleh ASN yang dilaporkan sendiri"))
            #expect(byAccused.body.string.contains(#"value="Aula BKPSDM""#), "the refused summons keeps what was typed")
            #expect(try await admin.send(.POST, "\(casePath)/langkah", form: summons("2024-10-21")).status == .seeOther)
            // Before the examination day there is nothing to record yet.
            #expect(!(try await admin.send(.GET, casePath).body.string.contains(#"value="examine""#)))

            clock.set("2024-10-21T03:00:00Z")
            let question = "Apakah Saudara memasang baliho pasangan calon di pagar rumah Saudara?"
            let halfPair = try await admin.send(.POST, "\(casePath)/langkah", form: ["csrf": admin.csrf!, "langkah": "examine", "pertanyaan_1": question,
                                                                                     "berita_acara": "Terperiksa tidak menjawab seluruh pertanyaan."])
            #expect(halfPair.status == .unprocessableEntity && halfPair.body.string.contains("Pertanyaan nomor 1: jawabannya belum diisi."))
            #expect(halfPair.body.string.contains(question) && halfPair.body.string.contains("Terperiksa tidak menjawab seluruh pertanyaan."))
            #expect(!halfPair.body.string.contains(#"value="record_absence""#), "absence is recorded only after a second summons")

            // The teacher did not come: a second summons, then absence on its day too.
            #expect(try await admin.send(.POST, "\(casePath)/langkah", form: summons("2024-11-04")).status == .seeOther)
            clock.set("2024-11-04T03:00:00Z")
            #expect(try await admin.send(.GET, casePath).body.string.contains(#"value="record_absence""#))
            #expect(try await admin.send(.POST, "\(casePath)/langkah", form: ["csrf": admin.csrf!, "langkah": "record_absence"]).status == .seeOther)
            let model = try #require(try await CaseModel.query(on: app.db).first())
            let state = try CaseStore.state(of: model)
            #expect(state.status == .examined && state.examination?.wasAbsent == true)
            let letters = try await CaseStore.letters(caseID: model.id!, on: app.db)
            #expect(letters.map(\.name) == ["Surat Panggilan I", "Surat Panggilan II"], "no examination record for an examination that did not happen")
            // The first summons's verification page says a second one followed it.
            var visitor = WebClient(app)
            let first = try await visitor.send(.GET, "/verifikasi/\(try #require(letters[0].verificationCode))").body.string
            #expect(first.contains("telah diikuti surat panggilan kedua"))
        }
    }
}
