import FluentKit
import Foundation
import NetraCore
import NetraSamples
import NetraStore
import Testing
import VaporTesting

/// A tiny valid JPEG header followed by bytes: enough for content sniffing.
let jpegBytes = EvidenceSamples.jpeg(Array("foto kampanye".utf8) + Array(repeating: 7, count: 200))

func multipart(_ fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) -> (ByteBuffer, HTTPMediaType) {
    let boundary = "netra-report-boundary"
    var body = ByteBuffer()
    for (name, value) in fields {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }
    for file in files {
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: image/jpeg\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n")
    }
    body.writeString("--\(boundary)--\r\n")
    return (body, HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
}

func value(after marker: String, in html: String) -> String? {
    guard let range = html.range(of: marker) else { return nil }
    let rest = html[range.upperBound...]
    guard let start = rest.range(of: "<code>") else { return nil }
    return String(rest[start.upperBound...].prefix { $0 != "<" })
}

@Suite("A citizen reports anonymously from a phone", .serialized)
struct ReportTests {
    @Test("the form is small, needs no JavaScript and starts no session")
    func formPage() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let page = try await client.send(.GET, "/lapor")
            #expect(page.status == .ok)
            #expect(page.body.readableBytes < 30_000, "\(page.body.readableBytes) bytes")
            // Only the print-button script, deferred; the form itself posts without it.
            #expect(page.body.string.components(separatedBy: "<script").count == 2 && page.body.string.contains(#"<script src="/aset/netra.js" defer>"#))
            #expect(page.headers[.setCookie].isEmpty)
        }
    }

    @Test("a report with a photo is stored before the answer, encrypted at rest, with its hash on the receipt")
    func reportWithPhoto() async throws {
        try await withDemoApp { app, settings in
            // The demo's own setup (units, accounts) is in the trail before any report.
            let setup = try await AuditEventModel.query(on: app.db).count()
            var client = WebClient(app)
            let (body, type) = multipart([("deskripsi", "Seorang guru PNS memasang baliho pasangan calon nomor urut 2 di pagar rumahnya."),
                                          ("tanggal", "2024-10-10"), ("lokasi", "Desa Pasar Lama")],
                                         files: [("bukti[]", "baliho.jpg", jpegBytes), ("bukti[]", "", [])])
            let response = try await client.send(.POST, "/lapor", body: body, contentType: type)
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/lapor/tanda-terima")
            let html = try await client.send(.GET, "/lapor/tanda-terima").body.string
            let receipt = try #require(value(after: "Kode tanda terima:", in: html))
            let secret = try #require(value(after: "Kode rahasia:", in: html))
            let hash = EvidenceVault.sha256(jpegBytes)
            #expect(html.contains(hash))
            #expect(html.contains("tidak dapat ditampilkan lagi"))

            let report = try #require(try await ReportModel.query(on: app.db).first())
            #expect(report.suggestedBehaviours == "alat_peraga")
            #expect(report.secretHash != secret && report.reporterName == nil)
            let evidence = try await EvidenceModel.query(on: app.db).all()
            #expect(evidence.count == 1 && evidence[0].sha256 == hash && evidence[0].contentType == "image/jpeg")
            let stored = try Data(contentsOf: URL(fileURLWithPath: settings.evidenceDirectory).appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash))
            #expect(!stored.contains(Data("JFIF".utf8)), "evidence must be encrypted at rest")
            #expect(try await settings.makeVault(on: app.db).read(hash) == jpegBytes)
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: setup + 1))

            // The reporter follows up with receipt and secret, and adds a message.
            let status = try await client.send(.POST, "/lapor/status", form: ["receipt": receipt, "secret": secret])
            #expect(status.status == .ok && status.body.string.contains("Diterima, menunggu verifikasi"))
            let (addition, additionType) = multipart([("receipt", receipt), ("secret", secret), ("pesan", "Baliho masih terpasang hari ini.")], files: [])
            let added = try await client.send(.POST, "/lapor/status/tambah", body: addition, contentType: additionType)
            #expect(added.body.string.contains("Baliho masih terpasang hari ini."))
            let wrong = try await client.send(.POST, "/lapor/status", form: ["receipt": receipt, "secret": "SALAH-SALAH-SALAH-SALAH"])
            #expect(wrong.status == .notFound && wrong.body.string.contains("tidak cocok"))
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: setup + 2))
        }
    }

    @Test("a visitor who opened the login page first gets no session and can still file a report through the form")
    func reportAfterLoginPage() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.send(.GET, "/masuk")
            try await client.send(.GET, "/lapor")
            #expect(client.cookies["netra_session"] == nil)
            let (body, type) = multipart([("csrf", client.csrf ?? ""), ("deskripsi", "Seorang camat ikut kampanye akbar paslon 1 di lapangan.")], files: [])
            #expect(try await client.send(.POST, "/lapor", body: body, contentType: type).status == .seeOther)
        }
    }

    @Test("bad input gets every reason in Indonesian and leaves nothing behind")
    func badInput() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let (body, type) = multipart([("deskripsi", "pendek"), ("tanggal", "2099-01-01"), ("nip_asn", "1234")],
                                         files: [("bukti[]", "foto.jpg", Array("ini bukan gambar".utf8))])
            let response = try await client.send(.POST, "/lapor", body: body, contentType: type)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("minimal 10 karakter") && html.contains("masa depan") && html.contains("18 angka") && html.contains("foto.jpg bukan foto"))
            #expect(html.contains("value=\"1234\""), "what was typed is kept")
            #expect(try await ReportModel.query(on: app.db).count() == 0)
            #expect(try await EvidenceModel.query(on: app.db).count() == 0)
        }
    }

    @Test("the JSON API answers 201 with receipt and secret, and the status API shows the report")
    func api() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            var body = ByteBuffer()
            body.writeString(#"{"description":"Camat hadir di kampanye akbar paslon 1 dengan mobil dinas.","occurred_on":"2024-10-12","location":"Batu Harapan","links":["https://contoh.id/video"]}"#)
            let created = try await client.send(.POST, "/api/v1/reports", body: body, contentType: .json)
            #expect(created.status == .created)
            let receipt = try JSONDecoder().decode(ReportReceipt.self, from: created.body)
            var lookup = ByteBuffer()
            lookup.writeString(#"{"receipt":"\#(receipt.receipt)","secret":"\#(receipt.secret)"}"#)
            let status = try await client.send(.POST, "/api/v1/reports/status", body: lookup, contentType: .json)
            #expect(status.status == .ok && status.body.string.contains(#""status":"received""#))
            var invalid = ByteBuffer()
            invalid.writeString(#"{"description":"x","links":["ftp://x"]}"#)
            let refused = try await client.send(.POST, "/api/v1/reports", body: invalid, contentType: .json)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains(#""field":"links""#))
        }
    }

    @Test("public submissions are rate limited per address")
    func rateLimit() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            var statuses: [HTTPStatus] = []
            for _ in 0..<11 {
                var body = ByteBuffer()
                body.writeString(#"{"description":"Laporan uji batas permintaan."}"#)
                statuses.append(try await client.send(.POST, "/api/v1/reports", body: body, contentType: .json).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .created })
            #expect(statuses.last == .tooManyRequests)
        }
    }
}

@Suite("The receipt survives a refresh without a second report", .serialized)
struct ReceiptRefreshTests {
    @Test("post/redirect/get: a refresh shows the same receipt and stores nothing; another browser, or an hour later, gets the status form")
    func refresh() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            var citizen = WebClient(app)
            let (body, type) = multipart([("deskripsi", "Seorang camat hadir berseragam di kampanye pasangan calon di lapangan desa.")], files: [])
            let sent = try await citizen.send(.POST, "/lapor", body: body, contentType: type)
            #expect(sent.status == .seeOther && sent.headers.first(name: .location) == "/lapor/tanda-terima")
            let first = try await citizen.send(.GET, "/lapor/tanda-terima").body.string
            let again = try await citizen.send(.GET, "/lapor/tanda-terima").body.string
            let receipt = try #require(value(after: "Kode tanda terima:", in: first))
            #expect(value(after: "Kode tanda terima:", in: again) == receipt && value(after: "Kode rahasia:", in: again) == value(after: "Kode rahasia:", in: first))
            #expect(first.contains("7 Oktober 2024 pukul 09.00 WIB") && !first.contains("(UTC)"))
            #expect(try await ReportModel.query(on: app.db).count() == 1)
            // Another browser has no cookie: no codes, only the way to look the report up with them.
            var other = WebClient(app)
            let elsewhere = try await other.send(.GET, "/lapor/tanda-terima")
            #expect(elsewhere.headers.first(name: .location) == "/lapor/status?tanda-terima=kedaluwarsa")
            #expect(try await other.send(.GET, "/lapor/status?tanda-terima=kedaluwarsa").body.string.contains("Masukkan kode tanda terima dan kode rahasia"))
            // An hour later the receipt is gone from this browser too, even with the cookie kept.
            clock.set("2024-10-07T03:01:00Z")
            #expect(try await citizen.send(.GET, "/lapor/tanda-terima").status == .seeOther)
            // A forged cookie shows nothing either.
            other.cookies["netra_tanda_terima"] = "sealed:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            #expect(try await other.send(.GET, "/lapor/tanda-terima").status == .seeOther)
        }
    }
}
