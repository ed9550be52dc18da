import FluentKit
import Foundation
import NetraCore
import SQLKit
import Testing
@testable import NetraStore

@Suite("A backup restores to the same data, with its audit chain and evidence intact")
struct BackupTests {
    @Test("demo database with a report and its evidence: backup, restore elsewhere, verify; tampering and missing files are caught")
    func roundTrip() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("netra-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let key = try EvidenceKey(base64: EvidenceKey.generate())
        let evidence = root.appendingPathComponent("evidence"), folder = root.appendingPathComponent("cadangan")
        let photo: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("foto baliho".utf8)
        let original = try await StoreHost.withMigrated(.sqlite(path: root.appendingPathComponent("netra.sqlite").path)) { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            var random = SeededRandom(seed: 7)
            _ = try await ReportStore.submit(ReportSubmission(description: "Guru memasang baliho paslon 2."), files: [EvidenceFile(name: "a.png", bytes: photo, type: .png)],
                                             source: .publicForm, suggested: [.alatPeraga], vault: try EvidenceVault(directory: evidence, key: key),
                                             at: Date(), random: &random, on: host.database)
            let manifest = try await Backup.create(from: host, evidenceDirectory: evidence, into: folder, at: Date())
            await #expect(throws: Backup.Problem.targetNotEmpty(folder.path)) {
                try await Backup.create(from: host, evidenceDirectory: evidence, into: folder, at: Date())
            }
            return (manifest, try await ASNModel.query(on: host.database).count())
        }
        #expect(original.0.evidenceFiles == 1 && original.0.auditRecords > 0 && original.0.databaseSHA256 != nil)

        let restoredPath = root.appendingPathComponent("pulih/netra.sqlite").path, restoredEvidence = root.appendingPathComponent("pulih/evidence")
        _ = try Backup.restore(from: folder, databasePath: restoredPath, evidenceDirectory: restoredEvidence, replacing: false)
        #expect(throws: Backup.Problem.targetExists(restoredPath)) {
            try Backup.restore(from: folder, databasePath: restoredPath, evidenceDirectory: restoredEvidence, replacing: false)
        }
        try await StoreHost.withMigrated(.sqlite(path: restoredPath)) { host in
            let checked = try await Backup.check(on: host.database, evidenceDirectory: restoredEvidence)
            #expect(checked.auditRecords == original.0.auditRecords && checked.evidenceFiles == 1)
            #expect(try await ASNModel.query(on: host.database).count() == original.1)
            let stored = try #require(try await EvidenceModel.query(on: host.database).first())
            #expect(try await EvidenceVault(directory: restoredEvidence, key: key).read(stored.sha256) == photo)

            try FileManager.default.removeItem(at: restoredEvidence.appendingPathComponent(String(stored.sha256.prefix(2))).appendingPathComponent(stored.sha256))
            await #expect(throws: Backup.Problem.missingEvidence([stored.sha256])) {
                try await Backup.check(on: host.database, evidenceDirectory: restoredEvidence)
            }
        }

        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(Backup.databaseFile))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        #expect(throws: Backup.Problem.databaseChanged) {
            try Backup.restore(from: folder, databasePath: restoredPath, evidenceDirectory: restoredEvidence, replacing: true)
        }
    }

    @Test("evidence kept in the database counts as present when a restored database is checked, and a row without it is caught")
    func evidenceInDatabase() async throws {
        try await TestStore.withStore { host in
            let vault = EvidenceVault(database: host.database, key: try EvidenceKey(base64: EvidenceKey.generate()))
            let photo: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("foto baliho".utf8)
            var random = SeededRandom(seed: 9)
            _ = try await ReportStore.submit(ReportSubmission(description: "Guru memasang baliho paslon 2."), files: [EvidenceFile(name: "a.png", bytes: photo, type: .png)],
                                             source: .publicForm, suggested: [.alatPeraga], vault: vault, at: Date(), random: &random, on: host.database)
            let noFolder = FileManager.default.temporaryDirectory.appendingPathComponent("netra-none-\(UUID().uuidString)")
            #expect(try await Backup.check(on: host.database, evidenceDirectory: noFolder).evidenceFiles == 1)
            let sql = try #require(host.database as? any SQLDatabase)
            try await sql.raw("DELETE FROM evidence_blobs").run()
            await #expect(throws: Backup.Problem.self) { try await Backup.check(on: host.database, evidenceDirectory: noFolder) }
        }
    }
}
