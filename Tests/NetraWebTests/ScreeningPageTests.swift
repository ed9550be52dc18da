import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("BKPSDM screens exported posts and reviews the flags", .serialized)
struct ScreeningPageTests {
    static func regionFile() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NetraCoreTests/Fixtures/screening/region-dev.json").standardized))
    }

    @Test("import elections, screen posts linked to a registered account, confirm one into a case and dismiss another")
    func reviewQueue() async throws {
        let clock = TestClock("2024-10-10T03:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            let account = try #require(try await SocialAccountModel.query(on: app.db).first())
            let person = try #require(try await ASNModel.find(account.asnID, on: app.db))
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            try await admin.send(.GET, "/penyaringan")
            let (regionBody, regionType) = multipart([("csrf", admin.csrf!)], files: [("berkas", "region.json", try Self.regionFile())])
            #expect(try await admin.send(.POST, "/penyaringan/pemilihan", body: regionBody, contentType: regionType).body.string.contains("2 pemilihan diimpor"))

            let posts = [
                #"{"id":"p1","platform":"facebook","author":"@\#(account.handle)","kind":"post","posted_at":"2024-10-05T08:00:00+07:00","text":"Bismillah, tgl 27 Nov nanti jangan lupa coblos nomor 1 ya dangsanak ☝️ #SungaiHarapanBersinar"}"#,
                #"{"id":"p2","platform":"instagram","author":"@orang.lain","kind":"post","posted_at":"2024-10-06T08:00:00+07:00","text":"Kalteng butuh pemimpin tegas. Jenderal Tommy sudah terbukti ✌️ #KaltengTEGAS"}"#,
                #"{"id":"p3","platform":"facebook","author":"@\#(account.handle)","kind":"post","posted_at":"2024-10-07T08:00:00+07:00","text":"Wisuda S2 akhirnya ✌️🎓"}"#,
            ].joined(separator: "\n")
            let (postBody, postType) = multipart([("csrf", admin.csrf!)], files: [("berkas", "unggahan.jsonl", Array(posts.utf8))])
            let scanned = try await admin.send(.POST, "/penyaringan/unggahan", body: postBody, contentType: postType).body.string
            #expect(scanned.contains("3 unggahan diperiksa: 2 ditandai, 1 terhubung ke ASN terdaftar"))
            #expect(scanned.contains(person.name) && scanned.contains("<mark title=\"tagar_kampanye\">"))
            #expect(scanned.contains("PP 94/2021") || scanned.contains("SKB Netralitas ASN 2022"))

            let flags = try await ScreeningFlagModel.query(on: app.db).sort(\.$postID).all()
            #expect(flags.map(\.postID) == ["p1", "p2"] && flags[0].asnNIP == person.nip && flags[1].asnNIP == nil)
            let confirmed = try await admin.send(.POST, "/penyaringan/\(flags[0].id!.uuidString.lowercased())/konfirmasi",
                                                 form: ["csrf": admin.csrf!, "perilaku[]": "medsos_dukungan"])
            #expect(confirmed.status == .seeOther && confirmed.headers.first(name: .location)?.hasPrefix("/kasus/") == true)
            let tooShort = try await admin.send(.POST, "/penyaringan/\(flags[1].id!.uuidString.lowercased())/tolak", form: ["csrf": admin.csrf!, "alasan": "x"])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(try await admin.send(.POST, "/penyaringan/\(flags[1].id!.uuidString.lowercased())/tolak",
                                         form: ["csrf": admin.csrf!, "alasan": "Akun bukan milik ASN"]).status == .seeOther)

            let reviewed = try await ScreeningFlagModel.query(on: app.db).sort(\.$postID).all()
            #expect(reviewed.map(\.status) == ["confirmed", "dismissed"] && reviewed[1].dismissalReason == "Akun bukan milik ASN")
            let opened = try #require(try await CaseModel.find(reviewed[0].caseID!, on: app.db))
            #expect(opened.asnNIP == person.nip && opened.behaviours == "medsos_dukungan" && opened.source == "screening")
            // Screening the same export again keeps the reviews.
            let (again, againType) = multipart([("csrf", admin.csrf!)], files: [("berkas", "unggahan.jsonl", Array(posts.utf8))])
            #expect(try await admin.send(.POST, "/penyaringan/unggahan", body: again, contentType: againType).body.string.contains("0 ditandai"))

            var supervisor = WebClient(app)
            try await supervisor.login("kadisdik", "netra-kadisdik")
            #expect(try await supervisor.send(.GET, "/penyaringan").status == .forbidden)
        }
    }
}
