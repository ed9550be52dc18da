import FluentKit
import Foundation
import NetraCore
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// #19 item 10: what each role sees of a civil servant's record.
@Suite("Registry fields by role")
struct RegistryPrivacyTests {
    @Test("Bawaslu gets no birth date, e-mail, phone or social accounts; a masked NIK shows only its last four digits")
    func fieldsByRole() async throws {
        try await withDemoApp { app in
            let person = try #require(try await ASNModel.query(on: app.db).filter(\.$email != nil).filter(\.$phone != nil).first())
            let email = try #require(person.email), phone = try #require(person.phone)
            let birth = try #require(LocalDate(iso8601: person.birthDate)).indonesianLong
            var bawaslu = WebClient(app), admin = WebClient(app), ppk = WebClient(app)
            try await bawaslu.login("bawaslu", "netra-bawaslu")
            try await admin.login("admin", "netra-admin")
            try await ppk.login("bupati", "netra-ppk")

            let json = try await bawaslu.send(.GET, "/api/v1/asn/\(person.nip)")
            #expect(json.status == .ok)
            let seen = try JSONDecoder().decode(ASNDetail.self, from: Data(json.body.readableBytesView))
            #expect(seen.birthDate == nil && seen.email == nil && seen.phone == nil && seen.socialAccounts.isEmpty)
            #expect(seen.nik == String(repeating: "*", count: 12) + person.nik.suffix(4))
            #expect(seen.name == person.name && seen.position == person.position)
            let page = try await bawaslu.send(.GET, "/registri/asn/\(person.nip)").body.string
            #expect(!page.contains(email) && !page.contains(phone) && !page.contains(birth) && !page.contains(String(person.nik.prefix(6))))
            #expect(page.contains("tidak ditampilkan untuk peran Anda"))

            let forPPK = try JSONDecoder().decode(ASNDetail.self, from: Data(try await ppk.send(.GET, "/api/v1/asn/\(person.nip)").body.readableBytesView))
            #expect(forPPK.email == email && forPPK.phone == phone && forPPK.nik.hasPrefix("************"))
            let forAdmin = try await admin.send(.GET, "/registri/asn/\(person.nip)").body.string
            #expect(forAdmin.contains(email) && forAdmin.contains(phone) && forAdmin.contains(birth) && forAdmin.contains(person.nik))
        }
    }
}
