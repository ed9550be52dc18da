import FluentKit
import Foundation
import NetraCore
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// #22: several instances on one database share evidence and refuse to run with different keys.
@Suite("Instances on one database share their evidence", .serialized)
struct SharedInstancesTests {
    /// A second instance on `settings`' database, as `adjust` changes its settings.
    static func withInstance(_ settings: WebSettings, adjust: (inout WebSettings) -> Void, _ body: (Application) async throws -> Void) async throws {
        var other = settings
        other.seedDemo = false
        adjust(&other)
        try await withApp(other, body)
    }

    @Test("with NETRA_EVIDENCE_STORE=database a photo reported through one instance is downloaded through another that has no evidence folder of its own; an instance with another key is refused at start")
    func evidenceInDatabase() async throws {
        try await withDemoApp(adjust: { $0.evidenceStore = .database }) { app, settings in
            var citizen = WebClient(app)
            let (body, type) = multipart([("deskripsi", "Camat memasang baliho pasangan calon di kantor kecamatan.")], files: [("bukti[]", "baliho.jpg", jpegBytes)])
            #expect(try await citizen.send(.POST, "/lapor", body: body, contentType: type).status == .seeOther)
            let hash = EvidenceVault.sha256(jpegBytes)
            #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: settings.evidenceDirectory).appendingPathComponent(String(hash.prefix(2))).path))

            let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("netra-other-\(UUID().uuidString)").path
            try await Self.withInstance(settings, adjust: { $0.evidenceDirectory = elsewhere }) { second in
                var admin = WebClient(second)
                try await admin.login("admin", "netra-admin")
                let download = try await admin.send(.GET, "/bukti/\(hash)")
                #expect(download.status == .ok && Array(download.body.readableBytesView) == jpegBytes)
            }
            await #expect(throws: EvidenceKeyCheck.Mismatch.self) {
                try await Self.withInstance(settings, adjust: { $0.evidenceKey = EvidenceKey.generate() }) { _ in }
            }
        }
    }

    @Test("NETRA_EVIDENCE_STORE accepts directory or database and names a wrong value")
    func storeSetting() throws {
        var settings = WebSettings(database: .sqliteInMemory)
        try settings.readEvidenceSettings(from: ["NETRA_EVIDENCE_STORE": "database", "NETRA_EVIDENCE_DIR": "/srv/netra/bukti"])
        #expect(settings.evidenceStore == .database && settings.evidenceDirectory == "/srv/netra/bukti")
        try settings.readEvidenceSettings(from: [:])
        #expect(settings.evidenceStore == .directory && settings.evidenceDirectory == "/srv/netra/bukti")
        #expect(throws: EvidenceStore.Unknown.self) { try settings.readEvidenceSettings(from: ["NETRA_EVIDENCE_STORE": "s3"]) }
    }
}
