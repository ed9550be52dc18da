import FluentKit
import Foundation
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// #19 item 8: security headers on every response; no inline script anywhere, so the policy can refuse it.
@Suite("Security headers on every response", .serialized)
struct SecurityHeadersTests {
    @Test("every page, signed in or not, carries the policy and the headers, and holds no inline script or handler")
    func everyPage() async throws {
        try await withDemoApp { app in
            var anonymous = WebClient(app), admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let pages = app.routes.all.filter { $0.method == .GET }.map { "/" + $0.path.map(\.description).joined(separator: "/") }
            for (name, client) in [("anonim", anonymous), ("admin", admin)] {
                var client = client
                for pattern in pages.sorted() {
                    let response = try await client.send(.GET, concretePath(pattern))
                    let where_ = "\(name) \(pattern)"
                    let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(policy.contains("frame-ancestors 'none'") || policy.contains("sandbox"), "\(where_): \(policy)")
                    #expect(!policy.contains("script-src 'self' 'unsafe-inline'"), "\(where_)")
                    #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(where_)")
                    #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(where_)")
                    #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "\(where_)")
                    let html = response.body.string
                    #expect(html.range(of: #"<script(?![^>]*\bsrc=)"#, options: .regularExpression) == nil, "\(where_): inline script")
                    #expect(html.range(of: #"\son[a-z]+\s*=\s*""#, options: .regularExpression) == nil, "\(where_): inline handler")
                    if name == "admin" && response.headers.contentType?.subType == "html" {
                        #expect(response.headers.first(name: .cacheControl) == "no-store", "\(where_)")
                    }
                }
            }
            _ = anonymous
            let script = try await admin.send(.GET, "/aset/netra.js")
            #expect(script.body.string.contains("window.print()") && script.headers.contentType?.subType == "javascript")
        }
    }

    @Test("no template holds an inline script or event handler (letters and receipts are reached only with stored data)")
    func templates() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/NetraWeb/Resources/Views").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: views.path).filter { $0.hasSuffix(".leaf") }
        #expect(names.count > 20)
        for name in names {
            let text = try String(contentsOf: views.appendingPathComponent(name), encoding: .utf8)
            #expect(text.range(of: #"<script(?![^>]*\bsrc=)"#, options: .regularExpression) == nil, "\(name): inline script")
            #expect(text.range(of: #"\son[a-z]+\s*=\s*""#, options: .regularExpression) == nil, "\(name): inline handler")
        }
    }

    @Test("a report's receipt and its secret are never cached; behind HTTPS browsers are told to stay on HTTPS")
    func receiptAndTransport() async throws {
        try await withDemoApp(adjust: { $0.secureCookies = true }) { app, _ in
            var client = WebClient(app)
            let (body, type) = multipart([("deskripsi", "Seorang lurah memasang baliho pasangan calon di balai desa.")], files: [])
            let sent = try await client.send(.POST, "/lapor", body: body, contentType: type)
            // The receipt's cookie is Secure behind HTTPS, like the session's, and never read by script.
            #expect(sent.status == .seeOther && sent.headers[.setCookie].contains { $0.contains("Secure") && $0.contains("HttpOnly") })
            let receipt = try await client.send(.GET, "/lapor/tanda-terima")
            #expect(receipt.status == .ok && receipt.body.string.contains("Kode rahasia"))
            #expect(receipt.headers.first(name: .cacheControl) == "no-store")
            #expect(receipt.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
            let api = try await client.send(.POST, "/api/v1/reports", body: ByteBuffer(string: #"{"description":"Camat hadir di kampanye akbar pasangan calon nomor 2."}"#),
                                            contentType: .json)
            #expect(api.status == .created && api.headers.first(name: .cacheControl) == "no-store")
        }
    }
}

/// #19 item 5: public uploads are limited before their bodies are read.
@Suite("Public uploads are refused before they are read", .serialized)
struct UploadGateTests {
    @Test("an address over its limit gets 429 and a declared size over the public limit 413, before the body (the attack script measures the server's memory under a flood of them)")
    func limitsBeforeBody() async throws {
        try await withDemoApp(adjust: { $0.submissionsPerWindow = 1; $0.maxPublicUploadBytes = 1_000_000 }) { app, _ in
            var client = WebClient(app)
            let (small, type) = multipart([("deskripsi", "Kepala desa mengajak warga memilih pasangan calon nomor 1.")], files: [])
            #expect(try await client.send(.POST, "/lapor", body: small, contentType: type).status == .seeOther)
            let large = ByteBuffer(repeating: 0x41, count: 3_000_000)
            let over = try await client.send(.POST, "/lapor", body: large, contentType: type)
            #expect(over.status == .tooManyRequests && over.body.string.contains("Terlalu banyak permintaan"))
            var other = WebClient(app)
            // A second address would be its own bucket; here the declared size alone is refused.
            let tooBig = try await other.send(.POST, "/lapor/status/tambah", headers: ["Content-Length": "3000000"], body: large, contentType: type)
            #expect(tooBig.status == .payloadTooLarge && tooBig.body.string.contains("melebihi"))
            #expect(try await ReportModel.query(on: app.db).count() == 1)
        }
    }
}
