import FluentKit
import Foundation
import NetraStore
import NetraWeb
import Testing
import VaporTesting

@Suite("Signing in and staying within one's own unit", .serialized)
struct AccessTests {
    @Test("health reports the database; metrics, in Prometheus format, only with the configured token")
    func healthAndMetrics() async throws {
        try await withDemoApp(adjust: { $0.metricsToken = "token-metrik-uji" }) { app, _ in
            var client = WebClient(app)
            let health = try await client.send(.GET, "/health")
            #expect(health.status == .ok)
            #expect(health.body.string.contains(#""database":"reachable""#))
            #expect(try await client.send(.GET, "/metrics").status == .notFound)
            var wrong = HTTPHeaders()
            wrong.bearerAuthorization = BearerAuthorization(token: "token-metrik-salah")
            #expect(try await client.send(.GET, "/metrics", headers: wrong).status == .notFound)
            var right = HTTPHeaders()
            right.bearerAuthorization = BearerAuthorization(token: "token-metrik-uji")
            let metrics = try await client.send(.GET, "/metrics", headers: right)
            #expect(metrics.status == .ok && metrics.body.string.contains(#"netra_http_requests_total{method="GET",route="/health",status="2xx"} 1"#))
        }
    }

    @Test("who reads metrics: the token's bearer, or without a token a direct request from the server itself, never one relayed by a proxy")
    func metricsAccessRule() {
        #expect(MetricsAccess.allows(remoteAddress: "127.0.0.1", forwarded: false, bearer: nil, token: nil))
        #expect(MetricsAccess.allows(remoteAddress: "::1", forwarded: false, bearer: nil, token: nil))
        #expect(!MetricsAccess.allows(remoteAddress: "127.0.0.1", forwarded: true, bearer: nil, token: nil))
        #expect(!MetricsAccess.allows(remoteAddress: "10.0.0.5", forwarded: false, bearer: nil, token: nil))
        #expect(!MetricsAccess.allows(remoteAddress: nil, forwarded: false, bearer: nil, token: nil))
        // With a token, even the server itself must present it.
        #expect(!MetricsAccess.allows(remoteAddress: "127.0.0.1", forwarded: false, bearer: nil, token: "rahasia"))
        #expect(!MetricsAccess.allows(remoteAddress: "10.0.0.5", forwarded: true, bearer: "salah", token: "rahasia"))
        #expect(MetricsAccess.allows(remoteAddress: "10.0.0.5", forwarded: true, bearer: "rahasia", token: "rahasia"))
    }

    @Test("without a token only a direct request from the server itself reads the metrics; a test request has no such address")
    func metricsWithoutToken() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let response = try await client.send(.GET, "/metrics")
            #expect(response.status == .notFound)
        }
    }

    @Test("forms without the session's CSRF token are refused")
    func csrf() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.send(.GET, "/masuk")
            let forged = try await client.send(.POST, "/masuk", form: ["username": "admin", "password": "netra-admin", "csrf": "palsu"])
            #expect(forged.status == .forbidden)
            let missing = try await client.send(.POST, "/masuk", form: ["username": "admin", "password": "netra-admin"])
            #expect(missing.status == .forbidden)
            try await client.login("admin", "netra-admin")
            let logoutForged = try await client.send(.POST, "/keluar", form: ["csrf": "palsu"])
            #expect(logoutForged.status == .forbidden)
            #expect(try await client.send(.GET, "/registri").status == .ok)
        }
    }

    @Test("without signing in, pages redirect to the login and the API answers 401")
    func anonymous() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            let page = try await client.send(.GET, "/registri/asn")
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location)?.hasPrefix("/masuk") == true)
            #expect(try await client.send(.GET, "/api/v1/asn").status == .unauthorized)
        }
    }

    @Test("a supervisor of Dinas Pendidikan sees their people and gets 404 for anyone else's")
    func supervisorScope() async throws {
        try await withDemoApp { app in
            let education = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Pendidikan dan Kebudayaan").first())
            let health = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Kesehatan").first())
            let teacher = try #require(try await RegistryQueries.search("", scope: .subtree(path: education.path), limit: 1, on: app.db).first)
            let nurse = try #require(try await RegistryQueries.search("", scope: .subtree(path: health.path), limit: 1, on: app.db).first)

            var supervisor = WebClient(app)
            try await supervisor.login("kadisdik", "netra-kadisdik")
            let own = try await supervisor.send(.GET, "/registri/asn/\(teacher.nip)")
            #expect(own.status == .ok)
            #expect(own.body.string.contains("(disamarkan)"))
            #expect(try await supervisor.send(.GET, "/registri/asn/\(nurse.nip)").status == .notFound)
            #expect(try await supervisor.send(.GET, "/api/v1/asn/\(nurse.nip)").status == .notFound)
            #expect(try await supervisor.send(.GET, "/registri/asn?unit=\(health.id!.uuidString)").status == .notFound)
            let search = try await supervisor.send(.GET, "/api/v1/asn?q=\(nurse.nip)")
            #expect(!search.body.string.contains(nurse.nip))
            let tree = try await supervisor.send(.GET, "/registri")
            #expect(tree.body.string.contains("Dinas Pendidikan dan Kebudayaan"))
            #expect(!tree.body.string.contains("Dinas Kesehatan"))
            #expect(try await supervisor.send(.GET, "/registri/impor").status == .forbidden)

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let full = try await admin.send(.GET, "/api/v1/asn/\(nurse.nip)")
            #expect(full.status == .ok)
            let detail = try JSONDecoder().decode(ASNDetail.self, from: full.body)
            #expect(detail.nik.count == 16 && !detail.nik.contains("*"))
        }
    }

    @Test("an ASN sees only their own record")
    func asnSeesSelf() async throws {
        try await withDemoApp { app in
            var client = WebClient(app)
            try await client.login("asn", "netra-asn")
            let tree = try await client.send(.GET, "/registri")
            #expect(tree.status == .seeOther)
            let own = try await client.send(.GET, tree.headers.first(name: .location)!)
            #expect(own.status == .ok)
            let others = try await client.send(.GET, "/api/v1/asn")
            #expect(try JSONDecoder().decode(SearchItems.self, from: others.body).items.count == 1)
        }
    }

    struct SearchItems: Decodable {
        struct Item: Decodable { let nip: String }
        let items: [Item]
    }
}

@Suite("The server runs in production mode unless asked otherwise")
struct EnvironmentTests {
    @Test("production by default, development for the demo or when asked, and an unknown name refused")
    func environments() throws {
        #expect(try NetraServer.environment(named: nil, demo: false) == .production)
        #expect(try NetraServer.environment(named: nil, demo: true) == .development)
        #expect(try NetraServer.environment(named: "development", demo: false) == .development)
        #expect(try NetraServer.environment(named: "production", demo: true) == .production)
        #expect(throws: NetraServer.UnknownEnvironment.self) { try NetraServer.environment(named: "staging", demo: false) }
    }
}
