import ArgumentParser
import Foundation
import NetraStore

/// `--evidence-dir`, falling back to NETRA_EVIDENCE_DIR and then the server's default.
struct EvidenceDirectoryOption: ParsableArguments {
    @Option(name: .long, help: "Folder berkas bukti (bawaan: NETRA_EVIDENCE_DIR, lalu netra-data/evidence).")
    var evidenceDir: String?

    var url: URL { URL(fileURLWithPath: evidenceDir ?? ProcessInfo.processInfo.environment["NETRA_EVIDENCE_DIR"] ?? "netra-data/evidence") }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Mencadangkan basis data (salinan konsisten, Netra boleh tetap berjalan) dan berkas bukti ke sebuah folder."
    )
    @Option(name: .long, help: "Folder cadangan baru.") var out: String
    @OptionGroup var evidence: EvidenceDirectoryOption
    @OptionGroup var store: DatabaseOption

    func run() async throws {
        let folder = URL(fileURLWithPath: out)
        let location = try store.location()
        let manifest: Backup.Manifest
        do {
            manifest = try await store.withStore { host in
                try await Backup.create(from: host, evidenceDirectory: evidence.url, into: folder, at: Date())
            }
        } catch let problem as Backup.Problem {
            throw CommandFailure(problem.description)
        }
        print("Cadangan di \(folder.path): \(manifest.evidenceFiles) berkas bukti, \(manifest.auditRecords) catatan audit.")
        if case .postgres = location {
            print("Basis data PostgreSQL dicadangkan dengan pg_dump, misalnya: pg_dump -Fc \"$NETRA_DATABASE_URL\" > \(folder.path)/netra.pgdump")
        }
        print("Kunci bukti TIDAK ikut dicadangkan: simpan NETRA_EVIDENCE_KEY (atau netra-data/evidence.key) terpisah dari cadangan.")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Memulihkan cadangan `netra backup` (SQLite), lalu memeriksa rantai audit dan keberadaan setiap berkas bukti."
    )
    @Option(name: .customLong("from"), help: "Folder cadangan.") var source: String
    @Flag(name: .long, help: "Menimpa basis data yang sudah ada.") var force = false
    @OptionGroup var evidence: EvidenceDirectoryOption
    @OptionGroup var store: DatabaseOption

    func run() async throws {
        guard case .sqlite(let path) = try store.location() else {
            throw CommandFailure("netra restore memulihkan SQLite; untuk PostgreSQL gunakan pg_restore lalu salin folder evidence/ (lihat README).")
        }
        do {
            let manifest = try Backup.restore(from: URL(fileURLWithPath: source), databasePath: path, evidenceDirectory: evidence.url, replacing: force)
            let checked = try await store.withStore { host in try await Backup.check(on: host.database, evidenceDirectory: evidence.url) }
            print("Dipulihkan dari cadangan \(manifest.createdAt) ke \(path): jejak audit utuh (\(checked.auditRecords) catatan), "
                + "\(checked.evidenceFiles) berkas bukti yang dirujuk semuanya ada.")
        } catch let problem as Backup.Problem {
            throw CommandFailure(problem.description)
        }
    }
}
