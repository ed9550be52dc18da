import Foundation
import NetraCore
@testable import NetraWeb
import Testing
import VaporTesting

@Suite("Anyone asks “Boleh atau Tidak?” without signing in", .serialized)
struct GuidePageTests {
    @Test("the page lists every rule with citation, sanction and examples, and searches them")
    func rulesListed() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let page = try await client.send(.GET, "/panduan")
            #expect(page.status == .ok)
            #expect(page.headers[.setCookie].isEmpty, "a public page must not start a session")
            let html = page.body.string
            #expect(html.contains("PP 94/2021 Pasal 5 huruf n angka 1"))
            #expect(html.contains("pemotongan tunjangan kinerja 25%"))
            // The public reads rules in words; verification flags and the rulebook's codes are for staff.
            #expect(!html.contains("(belum terkonfirmasi)") && !html.contains("Catatan verifikasi") && !html.contains("<code>alat_peraga</code>"))
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin", then: "/panduan")
            let staffView = try await admin.send(.GET, "/panduan").body.string
            #expect(staffView.contains("(belum terkonfirmasi)") && staffView.contains("<code>alat_peraga</code>"))
            let search = try await client.send(.GET, "/panduan?q=ktp")
            #expect(search.body.string.contains("Memberikan surat dukungan disertai fotokopi KTP"))
            #expect(!search.body.string.contains("Menjadi narasumber atau pembicara dalam kegiatan partai politik"))
        }
    }

    @Test("a question with a date gets a verdict, the words that raised it, the law and the sanction")
    func question() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let text = "Seorang guru PNS memasang baliho pasangan calon nomor urut 2 di pagar rumahnya."
            let page = try await client.send(.GET, "/panduan?tanya=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&tanggal=2024-10-10")
            let html = page.body.string
            #expect(html.contains("DILARANG"))
            #expect(html.contains("“memasang”"))
            // The sanction in plain words, and each applying rule linked to its card.
            #expect(html.contains("Hukuman disiplin berat: penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan, pembebasan dari jabatannya"))
            #expect(html.contains(#"<a href="/panduan#skb-"#) && html.contains(#"<details class="card" id="skb-"#))
            // The election is named for people, not by the rulebook's code.
            #expect(html.contains("Tahap: masa kampanye (Pemilihan Bupati dan Wakil Bupati Sungai Harapan 2024)") && !html.contains("(pilbup-2024)"))
            // For a PPPK, the discipline of their own agency, not the PNS penalties.
            let pppk = try await client.send(.GET, "/panduan?tanya=\("Seorang PPPK memasang baliho pasangan calon nomor urut 2 di pagar rumahnya.".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&tanggal=2024-10-10").body.string
            let pppkAnswer = pppk.components(separatedBy: "Cari aturan")[0]
            #expect(pppkAnswer.contains("ketentuan disiplin PPPK yang ditetapkan instansinya") && !pppkAnswer.contains("PP 94/2021"))
            // A date as people write it is understood; one that is no date is refused with an example.
            #expect(!(try await client.send(.GET, "/panduan?tanya=ikut%20kampanye&tanggal=03/12/2026").body.string.contains("Tanggal tidak dikenali")))
            let badDate = try await client.send(.GET, "/panduan?tanya=ikut%20kampanye&tanggal=31/02/2026")
            #expect(badDate.body.string.contains("Tanggal tidak dikenali; tulis misalnya 10/10/2024"))
        }
    }

    @Test("the JSON API answers free text and structured questions, and refuses bad input with a reason")
    func api() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let free = try await client.send(.GET, "/api/v1/guide?text=ikut%20kampanye%20akbar%20paslon%201&date=2024-10-10")
            #expect(free.status == .ok)
            #expect(free.body.string.contains(#""verdict":"dilarang""#))
            var body = ByteBuffer()
            body.writeString(#"{"behaviours":["dukungan_ktp"],"date":"2024-06-01","status":"PPPK"}"#)
            let structured = try await client.send(.POST, "/api/v1/guide", body: body, contentType: .json)
            #expect(structured.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: structured.body)) as! [String: Any]
            // The demo region's own Pilkada (recorded on the shipped 2024 timetable), not the shipped file itself.
            #expect(json["election"] as? String == "pilbup-2024")
            #expect((json["citations"] as? [String])?.contains("PP 94/2021 Pasal 5 huruf n angka 7") == false)
            let missingDate = try await client.send(.GET, "/api/v1/guide?text=kampanye")
            #expect(missingDate.status == .badRequest)
            #expect(missingDate.body.string.contains("YYYY-MM-DD"))
            var unknown = ByteBuffer()
            unknown.writeString(#"{"behaviours":["berdansa"],"date":"2024-06-01"}"#)
            #expect(try await client.send(.POST, "/api/v1/guide", body: unknown, contentType: .json).status == .badRequest)
            let rules = try await client.send(.GET, "/api/v1/rules")
            #expect(rules.body.string.contains(#""id":"pp94-5n7-dukungan-ktp""#))
        }
    }
}

@Suite("The citizen's home page")
struct HomePageTests {
    @Test("page model: the region's name, what can be reported, and each step with its limit from the deadline policy")
    func model() {
        let page = HomePage.make(letterhead: nil, regionName: "Kabupaten Sungai Harapan", policy: .standard)
        #expect(page.government == "Pemerintah Kabupaten Sungai Harapan")
        #expect(page.steps.count == 4 && page.steps[0].limit == "paling lambat 7 hari kerja")
        #expect(page.steps[3].limit == "paling lambat 14 hari kerja setelah rekomendasi")
        #expect(page.examples.count == 6)
        #expect(HomePage.titleCased("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA BKPSDM") ==
                "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia BKPSDM")
        #expect(HomePage.titleCased("PEMERINTAH KABUPATEN SUNGAI HARAPAN") == "Pemerintah Kabupaten Sungai Harapan")
        #expect(HomePage.make(letterhead: nil, regionName: nil, policy: .standard).government == nil)
    }

    @Test("reporting is the first and largest action; a signed-in person goes to their inbox instead")
    func page() async throws {
        try await withDemoApp { app in
            var visitor = WebClient(app)
            let home = try await visitor.send(.GET, "/").body.string
            // The page's first action, before the guide or anything else, is reporting.
            let main = try #require(home.range(of: "<main"))
            let firstLink = try #require(home[main.upperBound...].range(of: #"href=""#)).upperBound
            #expect(home[firstLink...].hasPrefix("/lapor\"") && home.contains("Laporkan sekarang"))
            #expect(home.contains("Pemerintah Kabupaten Sungai Harapan") && home.contains("paling lambat 14 hari kerja setelah rekomendasi"))
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            #expect(try await admin.send(.GET, "/").headers.first(name: .location) == "/tindakan")
        }
    }
}
