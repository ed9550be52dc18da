import FluentKit
import Foundation
import NetraCore
import NetraSamples
@testable import NetraStore
import SQLKit
import Testing

/// #19 item 6: the reporter's name and contact are sealed with the evidence key, never plain in the database.
@Suite("The reporter's identity is sealed in the database")
struct ReporterIdentityTests {
    @Test("a new report stores its reporter sealed; an old plain one and one sealed with an earlier key are sealed anew at start")
    func sealed() async throws {
        try await TestStore.withStore { host in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)")
            let oldKey = try EvidenceKey(base64: EvidenceKey.generate()), newKey = try EvidenceKey(base64: EvidenceKey.generate())
            let vault = try EvidenceVault(directory: folder, key: oldKey)
            var random = SeededRandom(seed: 7)
            _ = try await ReportStore.submit(ReportSubmission(description: "Camat hadir di kampanye paslon 1.", reporterName: "Siti Pelapor Rahasia",
                                                              reporterContact: "0812-3456-7890"),
                                             files: [], source: .publicForm, suggested: [], vault: vault, at: Date(), random: &random, on: host.database)
            let sql = try #require(host.database as? any SQLDatabase)
            let raw = try #require(try await sql.raw("SELECT reporter_name, reporter_contact FROM reports").first())
            let storedName = try raw.decode(column: "reporter_name", as: String.self), storedContact = try raw.decode(column: "reporter_contact", as: String.self)
            #expect(!storedName.contains("Siti") && !storedContact.contains("0812") && storedName.hasPrefix("sealed:v1:"))
            let report = try #require(try await ReportModel.query(on: host.database).first())
            let identity = try ReportStore.reporterIdentity(of: report, vault: vault)
            #expect(identity.name == "Siti Pelapor Rahasia" && identity.contact == "0812-3456-7890")

            // A report kept in plain text before sealing began.
            let legacy = try #require(try await ReportModel.query(on: host.database).first())
            legacy.reporterContact = "pak.lurah@contoh.id"
            try await legacy.update(on: host.database)
            let rotated = try EvidenceVault(directory: folder, key: newKey, previousKeys: [oldKey])
            #expect(try await ReportStore.sealReporterIdentities(vault: rotated, on: host.database) == 1)
            #expect(try await ReportStore.sealReporterIdentities(vault: rotated, on: host.database) == 0)
            let resealed = try #require(try await ReportModel.query(on: host.database).first())
            let name = try #require(resealed.reporterName), contact = try #require(resealed.reporterContact)
            #expect(rotated.isSealedWithCurrentKey(name) && rotated.isSealedWithCurrentKey(contact))
            let opened = try ReportStore.reporterIdentity(of: resealed, vault: try EvidenceVault(directory: folder, key: newKey))
            #expect(opened.name == "Siti Pelapor Rahasia" && opened.contact == "pak.lurah@contoh.id")
            #expect(throws: EvidenceVault.Problem.unknownKey) { try ReportStore.reporterIdentity(of: resealed, vault: vault) }
        }
    }

    @Test("a reporter's file stored before clean copies were made gets one at start; the original stays as it was")
    func cleanCopiesAtStart() async throws {
        try await TestStore.withStore { host in
            let vault = try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                                          key: try EvidenceKey(base64: EvidenceKey.generate()))
            var random = SeededRandom(seed: 9)
            let photo = EvidenceSamples.png(payload: Array("Author Budi Santoso".utf8))
            _ = try await ReportStore.submit(ReportSubmission(description: "Lurah ikut kampanye pasangan calon."),
                                             files: [EvidenceFile(name: "foto.png", bytes: photo, type: .png)],
                                             source: .publicForm, suggested: [], vault: vault, at: Date(), random: &random, on: host.database)
            let evidence = try #require(try await EvidenceModel.query(on: host.database).first())
            #expect(evidence.cleanSHA256 == EvidenceVault.sha256(EvidenceSamples.png()))
            evidence.cleanSHA256 = nil
            try await evidence.update(on: host.database)
            #expect(try await ReportStore.cleanStoredEvidence(vault: vault, on: host.database) == 1)
            let cleaned = try #require(try await EvidenceModel.query(on: host.database).first())
            #expect(try await vault.read(ReportStore.staffCopy(of: cleaned)) == EvidenceSamples.png())
            #expect(try await vault.read(cleaned.sha256) == photo)
            #expect(try await ReportStore.cleanStoredEvidence(vault: vault, on: host.database) == 0)
        }
    }
}
