import FluentKit
import Foundation
import NetraStore
@testable import NetraWeb
import Testing
import VaporTesting

@Suite("Hostile input bounces with a clear 4xx and leaves no trace", .serialized)
struct AttackInputTests {
    /// A multipart part whose header name holds non-ASCII bytes (found by schemathesis): MultipartKit's parser
    /// traps on it, so it must never reach the parser.
    static let brokenMultipart: (ByteBuffer, HTTPMediaType) = {
        let boundary = "b442acac174f3dbb7dd7b37d19f49c99"
        var body = ByteBuffer()
        body.writeBytes(Array("--\(boundary)\r\n".utf8) + [0xC3, 0xB1, 0xC2, 0x82] + Array("--\(boundary)--\r\n".utf8))
        return (body, HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }()

    @Test("a malformed multipart body is a 400 on every form, and the server keeps answering", arguments: [
        "/api/v1/reports", "/lapor", "/api/v1/guide", "/api/v1/reports/status", "/masuk",
    ])
    func malformedMultipart(path: String) async throws {
        try await withDemoApp { app, _ in
            var client = WebClient(app)
            let response = try await client.send(.POST, path, body: Self.brokenMultipart.0, contentType: Self.brokenMultipart.1)
            #expect((400..<500).contains(response.status.code), "\(path): \(response.status)")
            #expect(try await client.send(.GET, "/health").status == .ok)
            #expect(try await ReportModel.query(on: app.db).count() == 0)
        }
    }

    @Test("well-formed part headers pass the guard, broken ones do not")
    func partHeaderCheck() {
        let boundary = Array("xyz".utf8)
        let good = Array("--xyz\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"foto ñ.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nDATA\r\n--xyz--\r\n".utf8)
        #expect(GuardedFormDataDecoder.partHeadersAreWellFormed(good, boundary: boundary))
        let nonASCIIName = Array("--xyz\r\n".utf8) + [0xC3, 0xB1] + Array(": x\r\n\r\nDATA\r\n--xyz--\r\n".utf8)
        #expect(!GuardedFormDataDecoder.partHeadersAreWellFormed(nonASCIIName, boundary: boundary))
        let unterminated = Array("--xyz\r\nContent-Type: text/plain\r\nDATA".utf8)
        #expect(!GuardedFormDataDecoder.partHeadersAreWellFormed(unterminated, boundary: boundary))
    }

    @Test("script in a report and a file name is shown as text on the staff's triage page")
    func storedXSS() async throws {
        try await withDemoApp { app, _ in
            var citizen = WebClient(app)
            let (body, type) = multipart([("deskripsi", "<script>alert('netra')</script> guru pasang baliho paslon 2 di sekolah"), ("lokasi", "<img src=x onerror=alert(1)>")],
                                         files: [("bukti[]", "<svg onload=alert(1)>.jpg", jpegBytes)])
            #expect(try await citizen.send(.POST, "/lapor", body: body, contentType: type).status == .seeOther)
            let report = try #require(try await ReportModel.query(on: app.db).first())
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let page = try await admin.send(.GET, "/kasus/laporan/\(report.id!.uuidString.lowercased())").body.string
            #expect(page.contains("&lt;script&gt;") && !page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("<svg onload"))
        }
    }

    @Test("SQL in search and filters is only text; ids with path traversal are 404", arguments: [
        "/registri/asn?q=%27%20OR%201%3D1%20--", "/api/v1/asn?q=%27%3B%20DROP%20TABLE%20asn%3B%20--", "/kasus?status=x%27%20OR%20%271%27%3D%271",
        "/bukti/..%2F..%2Fetc%2Fpasswd", "/bukti/%2E%2E%2Fevidence.key", "/kasus/..%2F..%2F", "/pencocokan/..%2Fetc",
    ])
    func injectionAndTraversal(path: String) async throws {
        try await withDemoApp { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let response = try await admin.send(.GET, path)
            #expect(response.status.code < 500, "\(path): \(response.status)")
            #expect(!response.body.string.contains("root:x:0:0"))
            if path.hasPrefix("/bukti") || path.hasPrefix("/pencocokan") { #expect(response.status == .notFound || response.status == .badRequest) }
            #expect(try await ASNModel.query(on: app.db).count() == 2_400)
            if path.contains("OR%201") { #expect(!response.body.string.contains("199")) }
        }
    }

    @Test("over-long fields are refused with the field named, and nothing is stored")
    func overLongFields() async throws {
        try await withDemoApp { app, _ in
            var citizen = WebClient(app)
            let response = try await citizen.send(.POST, "/lapor", form: ["deskripsi": String(repeating: "panjang ", count: 20_000), "lokasi": "Batu Harapan"])
            #expect(response.status == .unprocessableEntity && response.body.string.contains("terlalu panjang (maksimal 5000 karakter)"))
            #expect(try await ReportModel.query(on: app.db).count() == 0)
        }
    }

    /// A PNG of 1 × 1 byte of data that declares 100,000 × 100,000 pixels: ten gigapixels for whoever opens it.
    static let pngBomb: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        + [0x00, 0x01, 0x86, 0xA0, 0x00, 0x01, 0x86, 0xA0, 8, 2, 0, 0, 0] + [UInt8](repeating: 0, count: 64)

    @Test("a program named .jpg and an image that declares ten gigapixels are refused by name; nothing is stored")
    func disguisedAndBombs() async throws {
        try await withDemoApp { app, _ in
            var citizen = WebClient(app)
            let program: [UInt8] = Array("MZ".utf8) + [0x90, 0x00, 0x03] + [UInt8](repeating: 0, count: 200)
            let (body, type) = multipart([("deskripsi", "Kepala dinas membagikan kaus pasangan calon di kantor.")],
                                         files: [("bukti[]", "foto.jpg", program), ("bukti[]", "baliho.png", Self.pngBomb)])
            let response = try await citizen.send(.POST, "/lapor", body: body, contentType: type)
            let html = response.body.string
            #expect(response.status == .unprocessableEntity)
            #expect(html.contains("foto.jpg bukan foto") && html.contains("baliho.png menyatakan ukuran 100000 × 100000 piksel"))
            #expect(try await ReportModel.query(on: app.db).count() == 0)
            #expect(try await EvidenceModel.query(on: app.db).count() == 0)
        }
    }

    @Test("invalid UTF-8 in a form field or a JSON body is a 4xx, and nothing is stored")
    func invalidUTF8() async throws {
        try await withDemoApp { app, _ in
            var citizen = WebClient(app)
            var form = ByteBuffer(string: "deskripsi=Camat%20berkampanye%20")
            form.writeString("%FF%FE%C3%28 di lapangan desa&lokasi=Desa")
            let urlEncoded = try await citizen.send(.POST, "/lapor", body: form, contentType: .urlEncodedForm)
            #expect((400..<500).contains(urlEncoded.status.code), "form: \(urlEncoded.status)")

            let boundary = "netra-utf8"
            var multipartBody = ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"deskripsi\"\r\n\r\nCamat berkampanye ")
            multipartBody.writeBytes([0xFF, 0xFE, 0xC3, 0x28])
            multipartBody.writeString(" di lapangan desa\r\n--\(boundary)--\r\n")
            let multipartResponse = try await citizen.send(.POST, "/lapor", body: multipartBody,
                                                           contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            #expect(multipartResponse.status == .badRequest && multipartResponse.body.string.contains("Isian deskripsi bukan teks UTF-8 yang sah"))

            var json = ByteBuffer(string: #"{"description":"Camat berkampanye "#)
            json.writeBytes([0xFF, 0xFE, 0xC3, 0x28])
            json.writeString(#" di lapangan desa"}"#)
            let api = try await citizen.send(.POST, "/api/v1/reports", body: json, contentType: .json)
            #expect((400..<500).contains(api.status.code), "json: \(api.status)")
            #expect(try await ReportModel.query(on: app.db).count() == 0)
        }
    }
}

extension AttackInputTests {
    @Test("after sign-in only a plain path on this server is followed; anything a browser could read as another host goes to the registry")
    func openRedirect() async throws {
        try await withDemoApp { app in
            for hostile in ["/\t/evil.example/phish", "//evil.example", "/\\evil.example", "https://evil.example", "/\u{0B}/evil.example", "/ /evil.example",
                            "evil.example", "/%09/evil.example"] {
                var client = WebClient(app)
                let response = try await client.login("admin", "netra-admin", then: hostile)
                let location = response.headers.first(name: .location) ?? ""
                let expected = hostile == "/%09/evil.example" ? hostile : "/tindakan"
                #expect(location == expected, "lanjut \(hostile.debugDescription) → \(location.debugDescription)")
            }
            var client = WebClient(app)
            #expect(try await client.login("admin", "netra-admin", then: "/kasus?status=verified").headers.first(name: .location) == "/kasus?status=verified")
        }
    }
}

extension AttackInputTests {
    @Test("a JSON body of the wrong shape gets a plain 400 message, not the decoder's types and coding paths")
    func decoderInternals() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            for body in [#"{"date": 5, "text": ["x"]}"#, #"{"behaviours": "bukan-daftar", "date": "2024-10-10"}"#, #"[1,2,3]"#] {
                let response = try await client.send(.POST, "/api/v1/guide", body: ByteBuffer(string: body), contentType: .json)
                #expect(response.status == .badRequest, "\(body)")
                let text = response.body.string
                #expect(text.contains("Data yang dikirim tidak lengkap atau tidak sah."), "\(body): \(text)")
                for leak in ["Value of type", "codingPath", "Expected to decode", "CodingKeys", "Swift."] {
                    #expect(!text.contains(leak), "\(body): \(text)")
                }
            }
        }
    }
}
