import Foundation
import NetraCore
import Testing
import VaporTesting

/// Numbers no form offers: the largest and smallest machine integers, beyond them, negatives, fractions,
/// words. A request may be refused; it may never crash the server or end in a 5xx.
@Suite("Extreme and malformed numbers on every route", .serialized)
struct ExtremeInputTests {
    static let values = ["9223372036854775807", "-9223372036854775808", "99999999999999999999999", "-1", "0", "1.5", "1e999", "abc", ""]
    static let numberNames = ["offset", "limit", "hal", "page", "tahun", "year", "size", "tanggal", "date", "from", "to"]

    @Test("paging past the machine's integers is a 400 that names the parameter, not a crash")
    func registryPaging() async throws {
        try await withDemoApp { app in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let far = try await admin.send(.GET, "/api/v1/asn?offset=9223372036854775807")
            #expect(far.status == .badRequest && far.body.string.contains("offset harus bilangan bulat 0–10000000"))
            #expect(try await admin.send(.GET, "/api/v1/asn?limit=-5").status == .badRequest)
            #expect(try await admin.send(.GET, "/api/v1/asn?offset=abc").status == .badRequest)
            #expect(try await admin.send(.GET, "/api/v1/asn?offset=10000000&limit=500").status == .ok)
            #expect(try await admin.send(.GET, "/registri/asn?q=a&hal=9223372036854775807").status == .badRequest)
            #expect(try await admin.send(.GET, "/registri/asn?q=a&hal=2").status == .ok)
        }
    }

    @Test("every GET route, signed in as admin, with every extreme value in every numeric parameter and path segment")
    func everyRoute() async throws {
        try await withDemoApp(adjust: { $0.submissionsPerWindow = 100_000; $0.lookupsPerWindow = 100_000 }) { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let patterns = app.routes.all.filter { $0.method == .GET }.map { "/" + $0.path.map(\.description).joined(separator: "/") }
            #expect(patterns.count >= 40)
            for pattern in patterns {
                for value in Self.values {
                    let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
                    let query = Self.numberNames.map { "\($0)=\(encoded)" }.joined(separator: "&")
                    for path in [concretePath(pattern), concretePath(pattern, value: encoded.isEmpty ? "0" : encoded)] {
                        let response = try await admin.send(.GET, path + "?" + query)
                        #expect(response.status.code < 500, "GET \(path)?\(query): \(response.status.code)")
                    }
                }
            }
            // The guide's dates, through the API and the page.
            for date in ["9223372036854775807-01-01", "-1-01-01", "2024-13-45", "99999-12-31", "0000-00-00"] {
                #expect(try await admin.send(.GET, "/api/v1/guide?text=kampanye&date=\(date)").status.code < 500, "guide date \(date)")
                #expect(try await admin.send(.GET, "/panduan?tanya=kampanye&tanggal=\(date)").status.code < 500, "guide page date \(date)")
            }
        }
    }
}
