import FluentKit
import Foundation
import NetraCore
import NetraSamples
import NetraStore
import Testing
import VaporTesting

@Suite("A report becomes a case and goes through every step, each by the right person", .serialized)
struct CaseJourneyTests {
    @Test("citizen → admin triage → supervisor summons and examines → admin recommends → PPK decides → citizen sees the outcome")
    func journey() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            let (teacher, _) = try await demoTeacher(on: app)

            // The citizen reports, naming themselves (visible to the admin only).
            var citizen = WebClient(app)
            let (form, formType) = multipart([("deskripsi", "Guru \(teacher.name) memasang baliho pasangan calon nomor urut 2 di pagar rumahnya."),
                                              ("nip_asn", teacher.nip), ("pelapor_nama", "Siti Pelapor Rahasia")],
                                             files: [("bukti[]", "baliho.jpg", jpegBytes)])
            #expect(try await citizen.send(.POST, "/lapor", body: form, contentType: formType).headers.first(name: .location) == "/lapor/tanda-terima")
            let receiptPage = try await citizen.send(.GET, "/lapor/tanda-terima").body.string
            let receipt = try #require(value(after: "Kode tanda terima:", in: receiptPage))
            let secret = try #require(value(after: "Kode rahasia:", in: receiptPage))
            let hash = EvidenceVault.sha256(jpegBytes)

            // The admin triages: the registry match and the guide's suggestion are offered; identity viewing is logged.
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let triage = try await admin.send(.GET, "/kasus/laporan")
            let reportID = try #require(try await ReportModel.query(on: app.db).first()?.id?.uuidString.lowercased())
            #expect(triage.body.string.contains(receipt))
            let detail = try await admin.send(.GET, "/kasus/laporan/\(reportID)")
            #expect(detail.body.string.contains(teacher.nip) && detail.body.string.contains("Siti Pelapor Rahasia"))
            #expect(detail.body.string.contains(#"value="alat_peraga" checked"#))
            // Nobody is chosen for the admin, not even the NIP the reporter gave.
            #expect(!detail.body.string.contains(#"name="nip" value="\#(teacher.nip)" required checked"#) && detail.body.string.contains("NIP sama dengan yang dilaporkan"))
            #expect(try await AuditLog.records(on: app.db).contains { $0.action == "report.identity_viewed" })
            let opened = try await admin.send(.POST, "/kasus/laporan/\(reportID)/verifikasi",
                                              form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": teacher.nip])
            #expect(opened.status == .seeOther)
            let casePath = try #require(opened.headers.first(name: .location))

            // The supervisor of Dinas Pendidikan sees and handles it; the supervisor of Dinas Kesehatan cannot see it at all.
            var kadinkes = WebClient(app)
            try await kadinkes.login("kadinkes", "netra-kadinkes")
            #expect(try await kadinkes.send(.GET, casePath).status == .notFound)
            #expect(try await kadinkes.send(.GET, "/bukti/\(hash)").status == .notFound)
            #expect(!(try await kadinkes.send(.GET, "/kasus.csv").body.string.contains("NTR-")))

            var kadisdik = WebClient(app)
            try await kadisdik.login("kadisdik", "netra-kadisdik")
            let casePage = try await kadisdik.send(.GET, casePath)
            #expect(casePage.status == .ok && casePage.body.string.contains("Panggil untuk diperiksa"))
            #expect(!casePage.body.string.contains("Siti Pelapor Rahasia"))
            #expect(!(try await kadisdik.send(.GET, "/kasus.csv").body.string.contains("Siti")))
            #expect(try await kadisdik.send(.GET, "/bukti/\(hash)").body.readableBytes == jpegBytes.count)
            let tooSoon = try await kadisdik.send(.POST, "\(casePath)/langkah",
                                                  form: ["csrf": kadisdik.csrf!, "langkah": "summon", "jam_periksa": "09.00", "nip_pemeriksa": demoExaminerNIP, "tanggal_periksa": "2024-10-09", "tempat": "Aula Disdik"])
            #expect(tooSoon.status == .unprocessableEntity && tooSoon.body.string.contains("paling cepat"))
            #expect(try await kadisdik.send(.POST, "\(casePath)/langkah",
                                            form: ["csrf": kadisdik.csrf!, "langkah": "summon", "jam_periksa": "09.00", "nip_pemeriksa": demoExaminerNIP, "tanggal_periksa": "2024-10-21", "tempat": "Aula Disdik"]).status == .seeOther)
            // The supervisor may not recommend a sanction.
            #expect(try await kadisdik.send(.POST, "\(casePath)/langkah", form: ["csrf": kadisdik.csrf!, "langkah": "recommend", "sanksi": "etik"]).status == .forbidden)
            clock.set("2024-10-21T03:00:00Z")
            #expect(try await kadisdik.send(.POST, "\(casePath)/langkah",
                                            form: ["csrf": kadisdik.csrf!, "langkah": "examine", "pertanyaan_1": "Apakah Saudara melakukan perbuatan yang dilaporkan?", "jawaban_1": "Ya.", "berita_acara": "Terperiksa mengakui memasang baliho pasangan calon."]).status == .seeOther)

            // The admin recommends, the PPK decides, the admin records execution and closes.
            clock.set("2024-10-23T03:00:00Z")
            #expect(try await admin.send(.POST, "\(casePath)/langkah",
                                         form: ["csrf": admin.csrf!, "langkah": "recommend", "sanksi": "disiplin_berat", "pertimbangan": "Memasang alat peraga kampanye."]).status == .seeOther)
            var bupati = WebClient(app)
            try await bupati.login("bupati", "netra-ppk")
            // The decision starts from the recommendation: its level's penalties come first, none of the three chosen for the
            // PPK; another level needs the PPK's explicit word.
            let decisionForm = try await bupati.send(.GET, casePath).body.string
            let selectStart = try #require(decisionForm.range(of: #"name="hukuman""#))
            let selectBody = decisionForm[selectStart.lowerBound...].components(separatedBy: "</select>")[0]
            #expect(selectBody.contains(#"<option value="">— pilih hukuman —</option><optgroup label="Hukuman disiplin berat — sesuai rekomendasi">"#))
            #expect(!selectBody.contains("selected") && decisionForm.contains("Rekomendasi: <strong>"))
            let different = try await bupati.send(.POST, "\(casePath)/langkah", form: ["csrf": bupati.csrf!, "langkah": "decide", "hukuman": "pernyataan_terbuka",
                                                                                       "nomor_sk": "800.1.6.4/3/2024"])
            #expect(different.status == .unprocessableEntity && different.body.string.contains("berbeda dari rekomendasi"))
            #expect(try await bupati.send(.POST, "\(casePath)/langkah",
                                          form: ["csrf": bupati.csrf!, "langkah": "decide", "hukuman": "penurunan_jabatan", "nomor_sk": "800.1.6.4/3/2024"]).status == .seeOther)
            clock.set("2024-11-04T03:00:00Z")
            for step in ["carry_out_sanction", "close"] {
                #expect(try await admin.send(.POST, "\(casePath)/langkah", form: ["csrf": admin.csrf!, "langkah": step]).status == .seeOther)
            }
            #expect(try await admin.send(.POST, "\(casePath)/catatan", form: ["csrf": admin.csrf!, "isi": "Terima kasih, laporan Anda telah ditindaklanjuti hingga selesai.", "untuk": "reporter"]).status == .seeOther)

            // The unit filter narrows the admin's list; CSV follows the same filter.
            let health = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Kesehatan").first())
            let education = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Pendidikan dan Kebudayaan").first())
            #expect(!(try await admin.send(.GET, "/kasus?unit=\(health.id!.uuidString)").body.string.contains("NTR-2024-0001")))
            #expect(try await admin.send(.GET, "/kasus?unit=\(education.id!.uuidString)").body.string.contains("NTR-2024-0001"))
            #expect(try await admin.send(.GET, "/kasus.csv?unit=\(education.id!.uuidString)").body.string.contains("NTR-2024-0001"))
            #expect(try await kadisdik.send(.GET, "/kasus?unit=\(health.id!.uuidString)").body.string.contains("Tidak ada kasus"))

            // Files with visibility: shared with the reporter, internal to the team, or personal.
            let pdf = EvidenceSamples.pdf("surat keputusan")
            let note = EvidenceSamples.png(payload: Array("catatan pribadi".utf8))
            for (bytes, name, visibility) in [(pdf, "sk.pdf", "reporter"), (note, "pribadi.png", "personal")] {
                let (upload, uploadType) = multipart([("csrf", admin.csrf!), ("untuk", visibility)], files: [("berkas", name, bytes)])
                #expect(try await admin.send(.POST, "\(casePath)/berkas", body: upload, contentType: uploadType).status == .seeOther)
            }
            let supervisorView = try await kadisdik.send(.GET, casePath).body.string
            #expect(supervisorView.contains("sk.pdf") && !supervisorView.contains("pribadi.png"))
            #expect(try await kadisdik.send(.GET, "/bukti/\(EvidenceVault.sha256(note))").status == .notFound)
            let (forReporter, forReporterType) = multipart([("csrf", kadisdik.csrf!), ("untuk", "reporter")], files: [("berkas", "x.pdf", pdf)])
            #expect(try await kadisdik.send(.POST, "\(casePath)/berkas", body: forReporter, contentType: forReporterType).status == .forbidden)

            let final = try await admin.send(.GET, casePath).body.string
            #expect(final.contains("Selesai") && final.contains("800.1.10.4/1/BKPSDM/PKAP/2024") && final.contains("800.1.10.4/3/BKPSDM/PKAP/2024"))
            #expect(final.contains("Keputusan Bupati Sungai Harapan</a> — 800.1.6.4/3/2024"))
            let letterPaths = final.components(separatedBy: "href=\"").compactMap { part -> String? in
                let path = String(part.prefix { $0 != "\"" })
                return path.hasPrefix("\(casePath)/surat/") ? path : nil
            }
            #expect(letterPaths.count == 4)
            let printed = try await letterPaths.asyncMap { try await admin.send(.GET, $0).body.string }
            #expect(printed[0].contains("Yth. Sdr. \(teacher.name)") && printed[0].contains("untuk menghadap kepada:") && printed[0].contains("09.00 WIB"))
            #expect(printed[1].contains("BERITA ACARA PEMERIKSAAN") && printed[1].contains("Apakah Saudara melakukan perbuatan yang dilaporkan?"))
            #expect(printed[2].contains("Laporan Hasil Pemeriksaan dan Rekomendasi Penjatuhan Hukuman"))
            #expect(printed[3].contains("KEPUTUSAN BUPATI SUNGAI HARAPAN") && printed[3].contains("MEMUTUSKAN:") && printed[3].contains("upaya administratif"))
            // Each letter's QR code opens a public page with its number, date and hash, and nothing about the person.
            let code = try #require(printed[3].range(of: "Kode verifikasi: <code>").map { String(printed[3][$0.upperBound...].prefix(20)) })
            let sha = try #require(try await CaseStore.letters(caseID: UUID(uuidString: String(casePath.dropFirst("/kasus/".count)))!, on: app.db).last?.sha256)
            var stranger = WebClient(app)
            let verification = try await stranger.send(.GET, "/verifikasi/\(code)")
            #expect(verification.status == .ok && verification.body.string.contains("800.1.6.4/3/2024") && verification.body.string.contains(sha))
            #expect(!verification.body.string.contains(teacher.name) && !verification.body.string.contains(teacher.nip))
            #expect(try await stranger.send(.GET, "/verifikasi/\(LetterVerification.newCode())").status == .notFound)
            let typed = try await stranger.send(.GET, "/verifikasi?kode=\(code.uppercased())")
            #expect(typed.status == .seeOther && typed.headers.first(name: .location) == "/verifikasi/\(code)")
            #expect(try await stranger.send(.GET, "/verifikasi?kode=salah").status == .unprocessableEntity)

            // The citizen sees the outcome and the team's message with receipt and secret.
            let status = try await citizen.send(.POST, "/lapor/status", form: ["receipt": receipt, "secret": secret]).body.string
            #expect(status.contains("Ditindaklanjuti sebagai kasus") && status.contains("laporan Anda telah ditindaklanjuti hingga selesai"))
            #expect(status.contains("Selesai: pelanggaran terbukti dan sanksi telah dijatuhkan") && !status.contains("disiplin_berat"))
            #expect(status.contains("sk.pdf") && !status.contains("pribadi.png"))
            // The report's way, stage by stage as the reporter sees it, each with its date.
            let way = ["Laporan diterima", "Ditindaklanjuti sebagai kasus", "Sedang diperiksa oleh atasan ASN yang dilaporkan",
                       "Pemeriksaan selesai; menunggu keputusan Pejabat Pembina Kepegawaian",
                       "Pelanggaran terbukti; Pejabat Pembina Kepegawaian telah menjatuhkan sanksi", "Selesai: pelanggaran terbukti dan sanksi telah dijatuhkan"]
            let timeline = String(status[try #require(status.range(of: "Perjalanan laporan")).upperBound...])
            let positions = way.compactMap { timeline.range(of: "<strong>\($0)</strong>")?.lowerBound }
            #expect(positions.count == way.count && positions == positions.sorted())
            // Times as people read them, not ISO 8601 in UTC.
            #expect(status.contains("7 Oktober 2024 pukul") && status.contains(" WIB") && !status.contains("Z</span>") && !status.contains("(UTC)"))
            let shared = try await citizen.send(.POST, "/lapor/status/berkas", form: ["receipt": receipt, "secret": secret, "sha256": EvidenceVault.sha256(pdf)])
            #expect(shared.status == .ok && Array(shared.body.readableBytesView) == pdf)
            #expect(try await citizen.send(.POST, "/lapor/status/berkas", form: ["receipt": receipt, "secret": secret, "sha256": EvidenceVault.sha256(note)]).status == .notFound)
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: try await AuditEventModel.query(on: app.db).count()))
        }
    }

    @Test("the PPK cannot triage, Bawaslu sees only its referrals, an ASN sees no cases")
    func permissions() async throws {
        try await withDemoApp { app in
            var bupati = WebClient(app)
            try await bupati.login("bupati", "netra-ppk")
            #expect(try await bupati.send(.GET, "/kasus/laporan").status == .forbidden)
            #expect(try await bupati.send(.GET, "/kasus").status == .ok)
            var asn = WebClient(app)
            try await asn.login("asn", "netra-asn")
            #expect(try await asn.send(.GET, "/kasus").status == .forbidden)
            var bawaslu = WebClient(app)
            try await bawaslu.login("bawaslu", "netra-bawaslu")
            #expect(try await bawaslu.send(.GET, "/kasus").body.string.contains("Tidak ada kasus"))

            // Bawaslu refers a finding with its own number; it waits in BKPSDM's triage and Bawaslu follows it.
            let missing = try await bawaslu.send(.POST, "/rujukan", form: ["csrf": bawaslu.csrf!, "deskripsi": "Temuan pengawas kecamatan tentang ASN."])
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("Nomor rujukan Bawaslu wajib diisi"))
            let referred = try await bawaslu.send(.POST, "/rujukan", form: ["csrf": bawaslu.csrf!, "nomor_rujukan": "014/Reg/LP/PB/Kab/21.05/X/2024",
                                                                            "deskripsi": "Camat menghadiri kampanye pasangan calon nomor urut 1."])
            #expect(referred.status == .seeOther)
            #expect(try await bawaslu.send(.GET, try #require(referred.headers.first(name: .location))).body.string.contains("Rujukan 014/Reg/LP/PB/Kab/21.05/X/2024 diterima"))
            let twice = try await bawaslu.send(.POST, "/rujukan", form: ["csrf": bawaslu.csrf!, "nomor_rujukan": "014/Reg/LP/PB/Kab/21.05/X/2024",
                                                                         "deskripsi": "Camat menghadiri kampanye pasangan calon nomor urut 1."])
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("sudah dikirim sebelumnya"))
            #expect(try await ReportModel.query(on: app.db).filter(\.$source == "bawaslu").count() == 1)
            let referral = try #require(try await ReportModel.query(on: app.db).filter(\.$source == "bawaslu").first())
            #expect(referral.reference == "014/Reg/LP/PB/Kab/21.05/X/2024")
            #expect(try await bupati.send(.GET, "/rujukan").status == .forbidden)
            // Until it is answered, the referral waits on Bawaslu's "Perlu tindakan": first its verification, then the case.
            func referralItems() async throws -> [InboxItem] {
                try JSONDecoder().decode([InboxItem].self, from: Data(try await bawaslu.send(.GET, "/api/v1/inbox").body.readableBytesView))
                    .filter { $0.kind == .referral }
            }
            #expect(try await referralItems().map(\.title) == ["Rujukan 014/Reg/LP/PB/Kab/21.05/X/2024 menunggu verifikasi BKPSDM"])
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            _ = try await admin.send(.POST, "/kasus/laporan/\(referral.id!.uuidString.lowercased())/tolak",
                                     form: ["csrf": admin.csrf!, "alasan": "Camat bukan ASN daerah ini; diteruskan ke instansinya."])
            #expect(try await referralItems().isEmpty)
            // A referral verified into a case waits on Bawaslu's list until the case ends, by the case's next deadline.
            _ = try await bawaslu.send(.POST, "/rujukan", form: ["csrf": bawaslu.csrf!, "nomor_rujukan": "015/Reg/LP/PB/Kab/21.05/X/2024",
                                                                 "deskripsi": "Guru membagikan stiker pasangan calon nomor urut 1 di sekolah."])
            let second = try #require(try await ReportModel.query(on: app.db).filter(\.$reference == "015/Reg/LP/PB/Kab/21.05/X/2024").first())
            _ = try await admin.send(.POST, "/kasus/laporan/\(second.id!.uuidString.lowercased())/verifikasi",
                                     form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": "belum"])
            let open = try await referralItems()
            #expect(open.count == 1 && open[0].title.hasPrefix("Rujukan 015/Reg/LP/PB/Kab/21.05/X/2024: kasus NTR-") && open[0].dueOn != nil)
        }
    }
}
