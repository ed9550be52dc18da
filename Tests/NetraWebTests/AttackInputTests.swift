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
}
