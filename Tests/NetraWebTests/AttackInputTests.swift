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
            #expect(try await citizen.send(.POST, "/lapor", body: body, contentType: type).status == .created)
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
}
