import FluentKit
import Foundation
import NetraCore
import NetraSamples
import NetraStore
import Testing
@testable import NetraWeb
import VaporTesting

@Suite("The admin sets the letterhead and signers; letters carry them", .serialized)
struct SettingsPageTests {
    static let png = EvidenceSamples.png()

    static func fields(csrf: String, government: String, headNIP: String = "197108271998012004", zone: String = "wita") -> [(String, String)] {
        [("csrf", csrf), ("pemerintah", government), ("instansi", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"),
         ("alamat", "Jalan Merdeka 1, Harapan Hilir"), ("kota", "Harapan Hilir"), ("penomoran", "800.1.10.4/{seq}/BKPSDM/{year}"),
         ("ppk_jabatan", "Bupati Sungai Harapan"), ("ppk_nama", "H. Rahmat Basuki, S.H."), ("ppk_nip", ""),
         ("kepala_jabatan", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), ("kepala_nama", "Dra. Wulan Sari, M.Si."),
         ("kepala_nip", headNIP), ("zona_waktu", zone)]
    }

    @Test("faulty settings are refused by field; saved settings head letters issued after them, and earlier letters keep theirs")
    func settingsAndLetters() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let form = try await admin.send(.GET, "/pengaturan").body.string
            #expect(form.contains("PEMERINTAH KABUPATEN SUNGAI HARAPAN") && form.contains("800.1.10.4/1/BKPSDM/PKAP/2024"))

            let (faulty, faultyType) = multipart(Self.fields(csrf: admin.csrf!, government: " ", headNIP: "12345", zone: "utc"),
                                                 files: [("logo", "logo.svg", Array("<svg onload=\"alert(1)\"></svg>".utf8))])
            let refused = try await admin.send(.POST, "/pengaturan", body: faulty, contentType: faultyType)
            #expect(refused.status == .unprocessableEntity)
            let refusedPage = refused.body.string
            #expect(refusedPage.contains("Nama pemerintah daerah: wajib diisi.") && refusedPage.contains("NIP Kepala BKPSDM: 12345 bukan NIP yang sah"))
            #expect(refusedPage.contains("Logo: SVG tidak boleh memuat skrip") && refusedPage.contains("aria-invalid"))
            #expect(refusedPage.contains("Zona waktu: pilih WIB, WITA atau WIT."))
            #expect(refusedPage.contains("Dra. Wulan Sari, M.Si."))

            // A case handled by the kepala dinas, summoned under the demo's letterhead.
            let school = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "SDN 1 Harapan Hilir").first())
            let teacher = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == school.id!).filter(\.$nip != school.headNIP!).first())
            var citizen = WebClient(app)
            let (report, reportType) = multipart([("deskripsi", "Guru \(teacher.name) memasang baliho pasangan calon di pagar rumahnya."), ("nip_asn", teacher.nip)], files: [])
            _ = try await citizen.send(.POST, "/lapor", body: report, contentType: reportType)
            let reportID = try #require(try await ReportModel.query(on: app.db).first()?.id?.uuidString.lowercased())
            let opened = try await admin.send(.POST, "/kasus/laporan/\(reportID)/verifikasi", form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": teacher.nip])
            let casePath = try #require(opened.headers.first(name: .location))
            var kadisdik = WebClient(app)
            try await kadisdik.login("kadisdik", "netra-kadisdik")
            #expect(try await kadisdik.send(.POST, "\(casePath)/langkah",
                                            form: ["csrf": kadisdik.csrf!, "langkah": "summon", "jam_periksa": "09.00", "nip_pemeriksa": demoExaminerNIP, "tanggal_periksa": "2024-10-21", "tempat": "Aula Disdik"]).status == .seeOther)

            let (valid, validType) = multipart(Self.fields(csrf: admin.csrf!, government: "PEMERINTAH KABUPATEN TANAH CONTOH"), files: [("logo", "lambang.png", Self.png)])
            let saved = try await admin.send(.POST, "/pengaturan", body: valid, contentType: validType)
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/pengaturan?tersimpan=1")
            // A region in WITA reads every time in WITA: the summons recorded at 09.00 WIB (02.00 UTC) shows as 10.00 WITA.
            #expect(try await kadisdik.send(.GET, casePath).body.string.contains("7 Oktober 2024 pukul 10.00 WITA"))
            let logoHash = EvidenceVault.sha256(Self.png)
            let logo = try await citizen.send(.GET, "/logo/\(logoHash)")
            #expect(logo.status == .ok && logo.headers.contentType?.description == "image/png" && Array(logo.body.readableBytesView) == Self.png)
            #expect(logo.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            #expect(try await citizen.send(.GET, "/logo/\(String(repeating: "0", count: 64))").status == .notFound)

            clock.set("2024-10-21T03:00:00Z")
            #expect(try await kadisdik.send(.POST, "\(casePath)/langkah",
                                            form: ["csrf": kadisdik.csrf!, "langkah": "examine", "pertanyaan_1": "Apakah Saudara melakukan perbuatan yang dilaporkan?", "jawaban_1": "Ya.", "berita_acara": "Terperiksa mengakui memasang baliho."]).status == .seeOther)
            let casePage = try await kadisdik.send(.GET, casePath).body.string
            let letterPaths = casePage.components(separatedBy: "href=\"").compactMap { part -> String? in
                let path = String(part.prefix { $0 != "\"" })
                return path.hasPrefix("\(casePath)/surat/") ? path : nil
            }
            #expect(letterPaths.count == 2)
            let letters = try await letterPaths.asyncMap { try await kadisdik.send(.GET, $0).body.string }
            let summons = try #require(letters.first { $0.contains("Panggilan I Pemeriksaan") })
            let record = try #require(letters.first { $0.contains("BERITA ACARA PEMERIKSAAN") })
            #expect(summons.contains("PEMERINTAH KABUPATEN SUNGAI HARAPAN") && !summons.contains("TANAH CONTOH") && !summons.contains("/logo/"))
            #expect(record.contains("PEMERINTAH KABUPATEN TANAH CONTOH") && record.contains("/logo/\(logoHash)"))
            // The record is signed where it was made, by the examined and the examiner.
            #expect(record.contains("Harapan Hilir, 21 Oktober 2024") && record.contains("Yang diperiksa,") && record.contains("Pemeriksa,"))
            #expect(record.contains("800.1.10.4/2/BKPSDM/2024"))
        }
    }

    @Test("an instance follows a time zone another instance saved, at the next run of its periodic job")
    func zoneFollowedByJob() async throws {
        try await withDemoApp { app, _ in
            let clock = try #require(app.storage[WebClock.Key.self])
            #expect(clock.regionTimeZone == .wib)
            var letterhead = try #require(try await LetterheadStore.current(on: app.db))
            letterhead.timeZone = .wit
            try await LetterheadStore.save(letterhead, logo: nil, actor: "instance lain", at: Date(), on: app.db)
            #expect(clock.regionTimeZone == .wib, "nothing told this instance yet")
            _ = try await PeriodicJob.deadlines(every: .seconds(900), workingDays: try WorkingDays.bundled(), calendars: try Guide.bundled().calendars).runOnce(on: app)
            #expect(clock.regionTimeZone == .wit)
        }
    }

    @Test("a region in WITA lives its own day: half past midnight there is already tomorrow, though not yet in Jakarta")
    func regionDay() async throws {
        let clock = TestClock("2024-10-06T16:30:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            var visitor = WebClient(app)
            #expect(try await visitor.send(.GET, "/panduan").body.string.contains(#"value="6/10/2024""#))
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            _ = try await admin.send(.GET, "/pengaturan")
            let (form, type) = multipart(Self.fields(csrf: admin.csrf!, government: "PEMERINTAH KABUPATEN SUNGAI HARAPAN", zone: "wita"), files: [])
            #expect(try await admin.send(.POST, "/pengaturan", body: form, contentType: type).status == .seeOther)
            #expect(try await visitor.send(.GET, "/panduan").body.string.contains(#"value="7/10/2024""#))
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
