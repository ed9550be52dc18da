import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

/// #19 item 1: a reported person never handles or reads their own case, nor does anyone judge a superior in their
/// own chain; steps are taken by the supervisors of the unit the case is assigned to.
@Suite("Nobody handles a case about themselves or a superior", .serialized)
struct ConflictOfInterestTests {
    /// A citizen's report about `nip`, verified by the admin; returns the case's address.
    static func openCase(about nip: String, app: Application, admin: inout WebClient) async throws -> String {
        var citizen = WebClient(app)
        let (form, type) = multipart([("deskripsi", "ASN dengan NIP \(nip) memasang baliho pasangan calon di kantor."), ("nip_asn", nip)], files: [])
        _ = try await citizen.send(.POST, "/lapor", body: form, contentType: type)
        let report = try #require(try await ReportModel.query(on: app.db).filter(\.$asnNIP == nip).sort(\.$receivedAt, .descending).first())
        let opened = try await admin.send(.POST, "/kasus/laporan/\(report.id!.uuidString.lowercased())/verifikasi",
                                          form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": nip])
        return try #require(opened.headers.first(name: .location))
    }

    static let summons = ["langkah": "summon", "jam_periksa": "09.00", "nip_pemeriksa": demoExaminerNIP, "tanggal_periksa": "2024-10-21", "tempat": "Aula"]

    @Test("the kepala dinas cannot see, list, count or act on a case about themselves; a case about a school head below them they handle")
    func ownCase() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            let education = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Pendidikan dan Kebudayaan").first())
            let school = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "SDN 1 Harapan Hilir").first())
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let own = try await Self.openCase(about: try #require(education.headNIP), app: app, admin: &admin)
            let below = try await Self.openCase(about: try #require(school.headNIP), app: app, admin: &admin)

            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            // 403 on their own case, with where they read what the law gives them; a case about a superior stays 404.
            let refused = try await head.send(.GET, own)
            #expect(refused.status == .forbidden && refused.body.string.contains("Surat untuk Saya"))
            #expect(try await head.send(.POST, "\(own)/langkah", form: ["csrf": head.csrf!].merging(Self.summons) { $1 }).status == .forbidden)
            #expect(try await head.send(.POST, "\(own)/catatan", form: ["csrf": head.csrf!, "isi": "catatan"]).status == .forbidden)
            #expect(!(try await head.send(.GET, own).body.string.contains("Panggil untuk diperiksa")))
            let ownNumber = try #require(try await CaseModel.query(on: app.db).filter(\.$asnNIP == education.headNIP!).first()).number
            #expect(!(try await head.send(.GET, "/kasus").body.string.contains(ownNumber)))
            #expect(!(try await head.send(.GET, "/kasus.csv").body.string.contains(ownNumber)))
            #expect(try await head.send(.GET, "/dasbor.csv").body.string.contains("Diverifikasi,1"))
            // The case about a head goes one level up: the admin's, not the kepala dinas's.
            #expect(try await admin.send(.GET, own).body.string.contains("Panggil untuk diperiksa"))

            let belowPage = try await head.send(.GET, below).body.string
            #expect(belowPage.contains("Panggil untuk diperiksa"))
            #expect(try await head.send(.POST, "\(below)/langkah", form: ["csrf": head.csrf!].merging(Self.summons) { $1 }).status == .seeOther)

            // What the law addresses to the reported kepala dinas reaches them: the summons, not the examination record.
            #expect(try await admin.send(.POST, "\(own)/langkah", form: ["csrf": admin.csrf!].merging(Self.summons) { $1 }).status == .seeOther)
            clock.set("2024-10-21T03:00:00Z")
            let minutes = ["csrf": admin.csrf!, "langkah": "examine", "pertanyaan_1": "Apakah Saudara melakukan perbuatan yang dilaporkan?", "jawaban_1": "Ya.", "berita_acara": "Terperiksa hadir dan memberi keterangan lengkap."]
            #expect(try await admin.send(.POST, "\(own)/langkah", form: minutes).status == .seeOther)
            let ownCase = try #require(try await CaseModel.query(on: app.db).filter(\.$asnNIP == education.headNIP!).first())
            let letters = try await CaseStore.letters(caseID: ownCase.id!, on: app.db)
            let summonsLetter = try #require(letters.first { $0.kind == LetterKind.summons.rawValue })
            let record = try #require(letters.first { $0.kind == LetterKind.examinationRecord.rawValue })
            let mine = try await head.send(.GET, "/surat-saya").body.string
            #expect(mine.contains("Surat Panggilan") && mine.contains(summonsLetter.number) && !mine.contains(record.number))
            let printed = try await head.send(.GET, "/surat-saya/\(summonsLetter.id!.uuidString.lowercased())")
            #expect(printed.status == .ok && printed.body.string.contains("Panggilan I Pemeriksaan") && printed.body.string.contains("PEMERINTAH KABUPATEN SUNGAI HARAPAN"))
            #expect(try await head.send(.GET, "/surat-saya/\(record.id!.uuidString.lowercased())").status == .notFound)
            var other = WebClient(app)
            try await other.login("kadinkes", "netra-kadinkes")
            #expect(try await other.send(.GET, "/surat-saya/\(summonsLetter.id!.uuidString.lowercased())").status == .notFound)
            #expect(try await other.send(.GET, "/surat-saya").body.string.contains("Tidak ada surat"))

        }
    }

    @Test("a supervisor named to a bidang without being its head neither sees a case about that head nor acts on a case assigned above them")
    func superiorInChain() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            let bidang = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Bidang Pembinaan Sekolah Dasar").first())
            let school = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "SDN 1 Harapan Hilir").first())
            let staff = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == bidang.id!).filter(\.$nip != bidang.headNIP!).first())
            let teacher = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == school.id!).filter(\.$nip != school.headNIP!).first())
            let password = "bidang-sd-2024"
            try await AccountStore(database: app.db, hashPassword: { try app.password.hash($0) })
                .add(AccountRequest(username: "staf.bidang", role: .supervisor, password: password, nip: staff.nip, unit: bidang.code), by: "uji")
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let superior = try await Self.openCase(about: bidang.headNIP!, app: app, admin: &admin)
            let schoolHead = try await Self.openCase(about: school.headNIP!, app: app, admin: &admin)
            let teacherCase = try await Self.openCase(about: teacher.nip, app: app, admin: &admin)

            var supervisor = WebClient(app)
            try await supervisor.login("staf.bidang", password)
            #expect(try await supervisor.send(.GET, superior).status == .notFound)
            // The school head's case is assigned to the bidang: theirs to handle. The teacher's, assigned to the school, too.
            #expect(try await supervisor.send(.GET, schoolHead).body.string.contains("Panggil untuk diperiksa"))
            #expect(try await supervisor.send(.POST, "\(teacherCase)/langkah", form: ["csrf": supervisor.csrf!].merging(Self.summons) { $1 }).status == .seeOther)

            // A supervisor of the school itself sees the teacher's case but not its head's, which went up to the bidang.
            try await AccountStore(database: app.db, hashPassword: { try app.password.hash($0) })
                .add(AccountRequest(username: "kepsek", role: .supervisor, password: password, nip: school.headNIP!), by: "uji")
            var principal = WebClient(app)
            try await principal.login("kepsek", password)
            #expect(try await principal.send(.GET, schoolHead).status == .forbidden)
            let teacherPage = try await principal.send(.GET, teacherCase).body.string
            #expect(teacherPage.contains(teacher.name) && teacherPage.contains("Diperiksa"))
        }
    }
}
