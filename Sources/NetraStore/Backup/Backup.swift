import Crypto
import FluentKit
import Foundation
import NetraCore
import SQLKit

/// A backup folder: `netra.sqlite` (a consistent snapshot), `evidence/` (the encrypted files as the vault
/// keeps them) and `manifest.json`. The database is copied first and the evidence after: evidence is
/// written before the rows that name it, so every file the snapshot refers to is already there.
public enum Backup {
    public static let databaseFile = "netra.sqlite"
    public static let evidenceFolder = "evidence"
    public static let manifestFile = "manifest.json"

    public struct Manifest: Codable, Sendable, Equatable {
        public let createdAt: String
        /// nil for PostgreSQL, whose data is backed up with pg_dump.
        public let databaseSHA256: String?
        public let evidenceFiles: Int
        public let auditRecords: Int
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case targetNotEmpty(String)
        case noManifest(String)
        case databaseChanged
        case targetExists(String)
        case postgresRestore
        case brokenAudit(sequence: Int, reason: String)
        case missingEvidence([String])

        public var description: String {
            switch self {
            case .targetNotEmpty(let path): "Folder cadangan \(path) sudah berisi berkas; pilih folder baru."
            case .noManifest(let path): "\(path) bukan folder cadangan Netra (manifest.json tidak ada atau rusak)."
            case .databaseChanged: "Berkas basis data di cadangan tidak sama dengan sidik di manifest.json; cadangan rusak atau diubah."
            case .targetExists(let path): "Basis data \(path) sudah ada; pakai --force untuk menimpanya."
            case .postgresRestore: "Cadangan ini tidak berisi basis data SQLite; pulihkan PostgreSQL dengan pg_restore (lihat README)."
            case .brokenAudit(let sequence, let reason): "Jejak audit hasil pemulihan rusak pada catatan \(sequence): \(reason)."
            case .missingEvidence(let hashes): "\(hashes.count) berkas bukti yang dirujuk basis data tidak ada: \(hashes.prefix(5).joined(separator: ", "))."
            }
        }
    }

    /// Takes the backup into `folder` (created; must be new or empty). SQLite is copied with VACUUM INTO,
    /// a consistent snapshot while Netra keeps serving; for PostgreSQL only the evidence is copied.
    public static func create(from host: StoreHost, evidenceDirectory: URL, into folder: URL, at date: Date) async throws -> Manifest {
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: folder.path), !existing.isEmpty { throw Problem.targetNotEmpty(folder.path) }
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        let auditRecords = try await AuditEventModel.query(on: host.database).count()
        var databaseHash: String?
        if case .sqlite = host.location, let sql = host.database as? any SQLDatabase {
            let target = folder.appendingPathComponent(databaseFile)
            try await sql.raw("VACUUM INTO \(bind: target.path)").run()
            databaseHash = try sha256(ofFile: target)
        }
        let evidenceFiles = try copyEvidence(from: evidenceDirectory, to: folder.appendingPathComponent(evidenceFolder))
        let manifest = Manifest(createdAt: AuditLog.timestamp(date), databaseSHA256: databaseHash, evidenceFiles: evidenceFiles, auditRecords: auditRecords)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: folder.appendingPathComponent(manifestFile))
        return manifest
    }

    public static func manifest(in folder: URL) throws -> Manifest {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(manifestFile)),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { throw Problem.noManifest(folder.path) }
        return manifest
    }

    /// Puts the backup's SQLite file at `databasePath` and its evidence into `evidenceDirectory` (files
    /// already there are kept), after checking the file against the manifest.
    public static func restore(from folder: URL, databasePath: String, evidenceDirectory: URL, replacing: Bool) throws -> Manifest {
        let manifest = try manifest(in: folder)
        guard let expected = manifest.databaseSHA256 else { throw Problem.postgresRestore }
        let source = folder.appendingPathComponent(databaseFile)
        guard try sha256(ofFile: source) == expected else { throw Problem.databaseChanged }
        let files = FileManager.default
        if files.fileExists(atPath: databasePath) {
            guard replacing else { throw Problem.targetExists(databasePath) }
            for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: databasePath + suffix) { try files.removeItem(atPath: databasePath + suffix) }
        }
        let target = URL(fileURLWithPath: databasePath)
        try files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try files.copyItem(at: source, to: target)
        _ = try copyEvidence(from: folder.appendingPathComponent(evidenceFolder), to: evidenceDirectory)
        return manifest
    }

    /// After a restore: the audit chain is intact and every evidence file the database names is present.
    public static func check(on database: any Database, evidenceDirectory: URL) async throws -> (auditRecords: Int, evidenceFiles: Int) {
        let records: Int
        switch try await AuditLog.verify(on: database) {
        case .intact(let count): records = count
        case .broken(let sequence, let reason): throw Problem.brokenAudit(sequence: sequence, reason: reason)
        }
        var hashes = Set(try await EvidenceModel.query(on: database).all().map(\.sha256))
        hashes.formUnion(try await CaseFileModel.query(on: database).all().map(\.sha256))
        hashes.formUnion(try await SupportListModel.query(on: database).all().map(\.sha256))
        // Kept in the database (NETRA_EVIDENCE_STORE=database) or as a file in the evidence directory.
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let inDatabase = Set(try await sql.raw("SELECT sha256 FROM \(ident: EvidenceVault.table)").all().map { try $0.decode(column: "sha256", as: String.self) })
        let missing = hashes.subtracting(inDatabase).filter {
            !FileManager.default.fileExists(atPath: evidenceDirectory.appendingPathComponent(String($0.prefix(2))).appendingPathComponent($0).path)
        }
        guard missing.isEmpty else { throw Problem.missingEvidence(missing.sorted()) }
        return (records, hashes.count)
    }

    /// Copies the vault's files (not its temporary ones), keeping any already at the target.
    private static func copyEvidence(from source: URL, to target: URL) throws -> Int {
        let files = FileManager.default
        try files.createDirectory(at: target, withIntermediateDirectories: true)
        guard let shards = try? files.contentsOfDirectory(atPath: source.path) else { return 0 }
        var copied = 0
        for shard in shards.sorted() where shard.count == 2 {
            let folder = source.appendingPathComponent(shard)
            guard let names = try? files.contentsOfDirectory(atPath: folder.path) else { continue }
            try files.createDirectory(at: target.appendingPathComponent(shard), withIntermediateDirectories: true)
            for name in names where name.count == 64 && !name.hasPrefix(".") {
                let destination = target.appendingPathComponent(shard).appendingPathComponent(name)
                if !files.fileExists(atPath: destination.path) { try files.copyItem(at: folder.appendingPathComponent(name), to: destination) }
                copied += 1
            }
        }
        return copied
    }

    /// Read in pieces: a database file can be far larger than memory should hold.
    private static func sha256(ofFile url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().hexString
    }
}
