import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("The case list is read a page at a time", .serialized)
struct CaseListTests {
    static func numbers(in html: String) -> [String] {
        html.components(separatedBy: "<td><a href=\"/kasus/").dropFirst().map { String($0.split(separator: ">")[1].prefix { $0 != "<" }) }
    }

    @Test("50 cases a page with the count, links to the neighbouring pages keep the filters, a page past the end shows the last, the CSV has every case")
    func pages() async throws {
        try await withDemoApp { app, settings in
            try await TransparencyTests.openCases(57, agency: "Dinas Pendidikan dan Kebudayaan", behaviour: .medsosDukungan, on: app, settings: settings)
            try await TransparencyTests.openCases(3, agency: "Dinas Kesehatan", behaviour: .alatPeraga, on: app, settings: settings)
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")

            let first = try await admin.send(.GET, "/kasus").body.string
            #expect(Self.numbers(in: first).count == 50 && first.contains("Kasus 1–50 dari 60"))
            #expect(first.contains(#"<a href="/kasus?halaman=2" rel="next">"#) && !first.contains(#"rel="prev""#))
            let second = try await admin.send(.GET, "/kasus?halaman=2").body.string
            #expect(Self.numbers(in: second).count == 10 && second.contains("Kasus 51–60 dari 60"))
            #expect(second.contains(#"<a href="/kasus" rel="prev">"#) && !second.contains(#"rel="next""#))
            #expect(Set(Self.numbers(in: first)).isDisjoint(with: Self.numbers(in: second)), "no case on two pages")
            #expect(Self.numbers(in: try await admin.send(.GET, "/kasus?halaman=99").body.string) == Self.numbers(in: second))

            let filtered = try await admin.send(.GET, "/kasus?perilaku=medsos_dukungan").body.string
            #expect(filtered.contains("Kasus 1–50 dari 57") && filtered.contains(#"<a href="/kasus?perilaku=medsos_dukungan&amp;halaman=2" rel="next">"#))
            // Opened in October 2024 and still waiting: every one is late now, in the list, its filter and the CSV.
            #expect(first.components(separatedBy: "— terlambat</span>").count == 51)
            #expect(try await admin.send(.GET, "/kasus?terlambat=1").body.string.contains("Kasus 1–50 dari 60"))
            let csv = try await admin.send(.GET, "/kasus.csv").body.string
            #expect(csv.split(whereSeparator: \.isNewline).dropFirst().allSatisfy { $0.hasSuffix(",ya") })
            #expect(csv.split(whereSeparator: \.isNewline).count == 61, "the export has every case, not a page")

            // The count in the navigation bar is counted in the database; it agrees with the inbox it counts.
            for (username, password) in [("admin", "netra-admin"), ("kadisdik", "netra-kadisdik"), ("bupati", "netra-ppk")] {
                var user = WebClient(app)
                try await user.login(username, password)
                let items = try JSONDecoder().decode([InboxItem].self, from: Data(try await user.send(.GET, "/api/v1/inbox").body.readableBytesView))
                #expect(try await user.send(.GET, "/kasus").body.string.contains("Perlu Tindakan (\(items.count))") || items.isEmpty, "\(username)")
                if username == "kadisdik" { #expect(items.filter { $0.kind == .caseStep }.count == 57) }
            }
        }
    }
}
