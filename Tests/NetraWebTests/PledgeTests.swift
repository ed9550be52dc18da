import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("ASN sign the neutrality pledge; supervisors record paper pledges in their own subtree", .serialized)
struct PledgeTests {
    @Test("online signature keeps the version and the hash of the exact text, once per election")
    func signOnline() async throws {
        try await withDemoApp { app, _ in
            var asn = WebClient(app)
            try await asn.login("asn", "netra-asn")
            let page = try await asn.send(.GET, "/ikrar").body.string
            #expect(page.contains("IKRAR NETRALITAS APARATUR SIPIL NEGARA") && page.contains("Pemilihan Bupati dan Wakil Bupati"))
            let unchecked = try await asn.send(.POST, "/ikrar", form: ["csrf": asn.csrf!, "pemilihan": "pilbup-2024"])
            #expect(unchecked.status == .unprocessableEntity && unchecked.body.string.contains("Centang pernyataan setuju"))
            let signed = try await asn.send(.POST, "/ikrar", form: ["csrf": asn.csrf!, "pemilihan": "pilbup-2024", "setuju": "ya"])
            #expect(signed.status == .seeOther && signed.headers.first(name: .location) == "/ikrar?pesan=ditandatangani")
            #expect(try await asn.send(.GET, "/ikrar?pesan=ditandatangani").body.string.contains("Ikrar Anda tercatat"))
            let again = try await asn.send(.POST, "/ikrar", form: ["csrf": asn.csrf!, "pemilihan": "pilbup-2024", "setuju": "ya"])
            #expect(again.status == .unprocessableEntity && again.body.string.contains("sudah berikrar"))
            #expect(try await asn.send(.POST, "/ikrar", form: ["csrf": asn.csrf!, "pemilihan": "pilpres-1999", "setuju": "ya"]).status == .unprocessableEntity)

            let pledge = try #require(try await PledgeModel.query(on: app.db).first())
            let person = try #require(try await ASNModel.query(on: app.db).filter(\.$nip == pledge.asnNIP).first())
            let election = try #require(try await ElectionModel.find("pilbup-2024", on: app.db))
            #expect(pledge.method == "online" && pledge.textVersion == PledgeText.current.version)
            #expect(pledge.textSHA256 == PledgeText.sha256(of: PledgeText.current.rendered(name: person.name, nip: person.nip, election: election.name)))
            #expect(try await asn.send(.GET, "/ikrar").body.string.contains(pledge.textSHA256))
            if case .broken = try await AuditLog.verify(on: app.db) { Issue.record("audit chain broken") }
        }
    }

    @Test("paper pledges: with a scan, only in the recorder's subtree, only photos or PDF")
    func recordPaper() async throws {
        try await withDemoApp { app, _ in
            let school = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "SDN 1 Harapan Hilir").first())
            let teacher = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == school.id!).filter(\.$nip != school.headNIP!).first())
            var other = WebClient(app)
            try await other.login("kadinkes", "netra-kadinkes")
            _ = try await other.send(.GET, "/ikrar")
            let (outside, outsideType) = multipart([("csrf", other.csrf!), ("nip", teacher.nip), ("pemilihan", "pilbup-2024")],
                                                   files: [("berkas", "ikrar.jpg", jpegBytes)])
            let refused = try await other.send(.POST, "/ikrar/kertas", body: outside, contentType: outsideType)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("tidak ditemukan di unit Anda"))

            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            _ = try await head.send(.GET, "/ikrar")
            let (text, textType) = multipart([("csrf", head.csrf!), ("nip", teacher.nip), ("pemilihan", "pilbup-2024")],
                                             files: [("berkas", "ikrar.jpg", Array("bukan gambar".utf8))])
            #expect(try await head.send(.POST, "/ikrar/kertas", body: text, contentType: textType).status == .unprocessableEntity)
            let (body, type) = multipart([("csrf", head.csrf!), ("nip", teacher.nip), ("pemilihan", "pilbup-2024")], files: [("berkas", "ikrar.jpg", jpegBytes)])
            let recorded = try await head.send(.POST, "/ikrar/kertas", body: body, contentType: type)
            #expect(recorded.status == .seeOther && recorded.headers.first(name: .location) == "/ikrar?pesan=kertas")
            #expect(try await head.send(.GET, "/ikrar?pesan=kertas").body.string.contains("tercatat beserta pindaiannya"))
            let pledges = try await PledgeModel.query(on: app.db).all()
            #expect(pledges.count == 1 && pledges[0].asnNIP == teacher.nip && pledges[0].method == "paper"
                && pledges[0].scanSHA256 == EvidenceVault.sha256(jpegBytes) && pledges[0].recordedBy.hasPrefix("supervisor:"))
        }
    }
}
