import FluentKit
import Foundation
import NetraCore
import NetraSamples
import NetraStore
import Testing
import VaporTesting

/// #19 item 6: staff download a reporter's photo without its metadata; the admin opens the original only with a reason.
@Suite("A reporter's photo reaches staff without its metadata", .serialized)
struct EvidencePrivacyTests {
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    @Test("the triage download has no EXIF; the original needs the admin and a reason, which the audit chain keeps")
    func staffCopy() async throws {
        try await withDemoApp { app in
            let plain = EvidenceSamples.jpeg(Array("baliho di kantor camat".utf8))
            let owner = Array("Exif".utf8) + [0, 0] + Array("MM".utf8) + [0, 0x2A, 0, 0, 0, 8, 0, 0] + Array("Budi Santoso SN-88412 GPS -6.2".utf8)
            let photo = Array(plain.prefix(20)) + [0xFF, 0xE1, 0, UInt8(owner.count + 2)] + owner + Array(plain.dropFirst(20))
            var citizen = WebClient(app)
            let (body, type) = multipart([("deskripsi", "Camat memasang baliho pasangan calon di kantor kecamatan.")], files: [("bukti[]", "IMG_0001.jpg", photo)])
            #expect(try await citizen.send(.POST, "/lapor", body: body, contentType: type).status == .seeOther)
            let hash = EvidenceVault.sha256(photo)

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let download = try await admin.send(.GET, "/bukti/\(hash)")
            let copy = Array(download.body.readableBytesView)
            #expect(download.status == .ok && !Self.contains(copy, "Budi") && !Self.contains(copy, "SN-88412") && Self.contains(copy, "baliho di kantor camat"))

            let report = try #require(try await ReportModel.query(on: app.db).first())
            let detail = try await admin.send(.GET, "/kasus/laporan/\(report.id!.uuidString.lowercased())").body.string
            #expect(detail.contains("/bukti/\(hash)/asli") && detail.contains("tanpa metadata"))
            let noReason = try await admin.send(.POST, "/bukti/\(hash)/asli", form: ["csrf": admin.csrf!, "alasan": "lihat"])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("alasan"))
            let original = try await admin.send(.POST, "/bukti/\(hash)/asli", form: ["csrf": admin.csrf!, "alasan": "Permintaan Bawaslu untuk memeriksa lokasi foto."])
            #expect(original.status == .ok && Array(original.body.readableBytesView) == photo)
            let audit = try await AuditLog.records(on: app.db).filter { $0.action == "evidence.original_viewed" }
            #expect(audit.count == 1 && audit[0].details.contains("Permintaan Bawaslu untuk memeriksa lokasi foto.") && audit[0].details.contains(hash))

            var ppk = WebClient(app)
            try await ppk.login("bupati", "netra-ppk")
            #expect(try await ppk.send(.POST, "/bukti/\(hash)/asli", form: ["csrf": ppk.csrf!, "alasan": "Ingin melihat berkas aslinya."]).status == .forbidden)
        }
    }
}
