import FluentKit
import Foundation
import NetraCore

/// The public intake. Reports that arrive together are written by one writer in one transaction — one
/// commit, so one disk sync, for the group — and each sender is answered only after that commit. On SQLite
/// this also keeps the intake's writers from contending for the file's write lock.
public actor ReportIntake {
    private let database: any Database
    private let vault: EvidenceVault
    private var waiting: [(report: PreparedReport, written: CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    /// The most reports one transaction takes; more wait for the next.
    public static let largestGroup = 64

    public init(database: any Database, vault: EvidenceVault) {
        self.database = database
        self.vault = vault
    }

    /// Stores the report, its evidence and an audit record; returns only once all of it is committed.
    public func submit(_ submission: ReportSubmission, files: [EvidenceFile], source: ReportStore.Source, suggested: [Behaviour],
                       at date: Date) async throws -> ReportReceipt {
        let stored = try await ReportStore.store(files, in: vault)
        var random = SystemRandomNumberGenerator()
        let report = try PreparedReport(submission, files: files, stored: stored, source: source, reference: nil, suggested: suggested,
                                        vault: vault, at: date, random: &random)
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((report, continuation))
            if !writing {
                writing = true
                Task { await writeWaiting() }
            }
        }
        return report.receipt
    }

    private func writeWaiting() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.largestGroup))
            waiting.removeFirst(group.count)
            do {
                try await database.transaction { db in
                    for entry in group { try await ReportStore.insert(entry.report, on: db) }
                }
                for entry in group { entry.written.resume() }
            } catch {
                // One report that cannot be written must not cost the others theirs: each is tried alone.
                for entry in group {
                    do {
                        try await database.transaction { try await ReportStore.insert(entry.report, on: $0) }
                        entry.written.resume()
                    } catch {
                        entry.written.resume(throwing: error)
                    }
                }
            }
        }
        writing = false
    }
}
