import FluentKit
import Foundation
import NetraStore
import Testing
import VaporTesting

@Suite("The BKPSDM admin uploads a registry export", .serialized)
struct ImportPageTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NetraCoreTests/Fixtures/registry/\(name)").standardized)
    }

    static func multipart(file: Data, mode: String, csrf: String) -> (ByteBuffer, HTTPMediaType) {
        let boundary = "netra-boundary-7f3a"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n\(mode)\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"asn.csv\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return (body, HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    @Test("checking the messy file lists each faulty row with its Indonesian reason and stores nothing")
    func validateOnly() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.login("admin", "netra-admin")
            try await client.send(.GET, "/registri/impor")
            let before = try await ASNModel.query(on: app.db).count()
            let (body, type) = Self.multipart(file: try Self.fixture("asn-dev-messy.csv"), mode: "validasi", csrf: client.csrf!)
            let page = try await client.send(.POST, "/registri/impor", body: body, contentType: type)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("120 baris dibaca"))
            #expect(html.contains("nip_excel_scientific"))
            #expect(html.contains("NIP harus 18 digit"))
            #expect(try await ASNModel.query(on: app.db).count() == before)
        }
    }

    @Test("importing stores the valid rows and reports the rest")
    func importRows() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.login("admin", "netra-admin")
            try await client.send(.GET, "/registri/impor")
            let before = try await ASNModel.query(on: app.db).count()
            let (body, type) = Self.multipart(file: try Self.fixture("asn-dev-semicolon.csv"), mode: "impor", csrf: client.csrf!)
            let page = try await client.send(.POST, "/registri/impor", body: body, contentType: type)
            #expect(page.body.string.contains("20 baru"))
            #expect(try await ASNModel.query(on: app.db).count() == before + 20)
        }
    }

    @Test("a file that is not a registry export gets a clear message, not a crash")
    func wrongFile() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.login("admin", "netra-admin")
            try await client.send(.GET, "/registri/impor")
            let (body, type) = Self.multipart(file: Data("nama,alamat\nBudi,Palangka Raya\n".utf8), mode: "validasi", csrf: client.csrf!)
            let page = try await client.send(.POST, "/registri/impor", body: body, contentType: type)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("Kolom wajib tidak ada"))
        }
    }

    @Test("the validation API follows the CLI contract and needs the CSRF header with a session")
    func validationAPI() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.login("admin", "netra-admin")
            try await client.send(.GET, "/registri")
            let file = ByteBuffer(data: try Self.fixture("asn-dev-messy.csv"))
            let refused = try await client.send(.POST, "/api/v1/registry/validate", body: file, contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(refused.status == .forbidden)
            var headers = HTTPHeaders()
            headers.add(name: "X-CSRF-Token", value: client.csrf!)
            let report = try await client.send(.POST, "/api/v1/registry/validate", headers: headers, body: file,
                                               contentType: HTTPMediaType(type: "text", subType: "csv"))
            #expect(report.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: report.body)) as! [String: Any]
            #expect(json["rows"] as? Int == 120)
            let expected = try JSONSerialization.jsonObject(with: try Self.fixture("asn-dev-messy.expected.json")) as! [Any]
            #expect((json["errors"] as? [Any])?.count == expected.count)
        }
    }
}
