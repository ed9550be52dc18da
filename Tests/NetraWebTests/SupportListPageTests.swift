import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("BKPSDM cross-checks a candidate's support list against the registry", .serialized)
struct SupportListPageTests {
    /// Reloads the list page until matching has finished, as the page's own refresh would (up to two minutes: the
    /// whole suite runs in parallel on few cores).
    static func waitForList(_ client: inout WebClient, _ path: String) async throws -> String {
        for _ in 0..<2_400 {
            let page = try await client.send(.GET, path).body.string
            if !page.contains("sedang dicocokkan") && !page.contains("Status:</strong> menunggu") { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("matching did not finish")
        return ""
    }

    @Test("upload a list, watch it finish, confirm one ASN into a case with the supporter's row as evidence, dismiss another")
    func uploadReviewConfirm() async throws {
        try await withDemoApp { app, _ in
            let people = try await ASNModel.query(on: app.db).sort(\.$nip).limit(2).all()
            let exact = people[0], namesake = people[1]
            let birth = try #require(LocalDate(iso8601: namesake.birthDate))
            let csv = """
            nik,nama,tempat_lahir,tanggal_lahir,alamat,pasangan
            \(exact.nik),"\(exact.name)",Sungai Harapan,\(exact.birthDate),"Jl. Merdeka 1, RT 2",1
            3291010101900001,Warga Biasa,Sungai Harapan,1990-01-01,Jl. Pahlawan 3,1
            12345,"Hj. \(namesake.name)",Sungai Harapan,\(birth.day)-\(birth.month)-\(birth.year),Jl. Pahlawan 4,2
            ,,Sungai Harapan,,Jl. Pahlawan 5,2
            """
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            #expect(try await admin.send(.GET, "/pencocokan").body.string.contains("Belum ada daftar"))

            let (wrong, wrongType) = multipart([("csrf", admin.csrf!)], files: [("berkas", "salah.csv", Array("nama,alamat\nBudi,Jl. A\n".utf8))])
            let refused = try await admin.send(.POST, "/pencocokan", body: wrong, contentType: wrongType)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("kolom wajib tidak ada: nik, tanggal_lahir"))
            #expect(try await SupportListModel.query(on: app.db).count() == 0)

            let (body, type) = multipart([("csrf", admin.csrf!)], files: [("berkas", "dukungan-calon.csv", Array(csv.utf8))])
            let uploaded = try await admin.send(.POST, "/pencocokan", body: body, contentType: type)
            let location = try #require(uploaded.headers.first(name: .location))
            #expect(uploaded.status == .seeOther && location.hasPrefix("/pencocokan/"))
            let page = try await Self.waitForList(&admin, location)
            #expect(page.contains("selesai") && page.contains("2 temuan") && page.contains("1 baris ditolak"))
            #expect(page.contains(exact.name) && page.contains("NIK sama") && page.contains("nama dan tanggal lahir"))
            #expect(page.contains("NIK tidak sah dan nama kosong") && page.contains("Jl. Merdeka 1, RT 2"))

            let hits = try await SupportHitModel.query(on: app.db).sort(\.$supportLine).all()
            try #require(hits.map(\.supportLine) == [2, 4])
            #expect(hits.map(\.nip) == [exact.nip, namesake.nip])
            let confirmed = try await admin.send(.POST, "/pencocokan/temuan/\(hits[0].id!.uuidString.lowercased())/konfirmasi", form: ["csrf": admin.csrf!])
            #expect(confirmed.status == .seeOther && confirmed.headers.first(name: .location)?.hasPrefix("/kasus/") == true)
            #expect(try await admin.send(.POST, "/pencocokan/temuan/\(hits[0].id!.uuidString.lowercased())/konfirmasi", form: ["csrf": admin.csrf!])
                .status == .notFound)
            #expect(try await admin.send(.POST, "/pencocokan/temuan/\(hits[1].id!.uuidString.lowercased())/tolak", form: ["csrf": admin.csrf!, "alasan": "x"])
                .status == .unprocessableEntity)
            #expect(try await admin.send(.POST, "/pencocokan/temuan/\(hits[1].id!.uuidString.lowercased())/tolak",
                                         form: ["csrf": admin.csrf!, "alasan": "Orang lain dengan nama yang sama"]).status == .seeOther)

            let reviewed = try await SupportHitModel.query(on: app.db).sort(\.$supportLine).all()
            #expect(reviewed.map(\.status) == ["confirmed", "dismissed"])
            let caseID = try #require(reviewed[0].caseID)
            let opened = try #require(try await CaseModel.find(caseID, on: app.db))
            #expect(opened.asnNIP == exact.nip && opened.behaviours == "dukungan_ktp" && opened.source == "match")
            let reportID = try #require(opened.reportID)
            let evidence = try #require(try await EvidenceModel.query(on: app.db).filter(\.$reportID == reportID).first())
            #expect(evidence.contentType == "text/csv")
            let file = try await admin.send(.GET, "/bukti/\(evidence.sha256)")
            #expect(file.status == .ok && file.body.string.contains(exact.nik) && file.body.string.hasPrefix("nik,nama,"))

            var supervisor = WebClient(app)
            try await supervisor.login("kadisdik", "netra-kadisdik")
            #expect(try await supervisor.send(.GET, location).status == .forbidden)
        }
    }
}
