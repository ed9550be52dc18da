import FluentKit
import Foundation
import NetraCore
import SQLKit

/// A list one instance has claimed for matching: its token fences that instance's writes, so that once
/// another instance has taken the list over (the lease having ended), nothing more of the first is saved.
public struct SupportListClaim: Sendable, Equatable {
    public let listID: UUID
    public let token: String
    /// 1 for the first claim of the list, 2 after one instance gave it up or died, …
    public let attempt: Int
}

/// Support-list matching as work that instances share through the database. A list is claimed by one
/// instance at a time for a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer); every
/// saved batch renews the lease, and saves only while the claim is still the instance's own. Hits and
/// progress are saved together, so a list taken over after its instance died resumes after the last saved
/// row: no hit is lost or stored twice.
public enum SupportListJobs {
    /// Claims after which a list that keeps failing is given up, its last error shown.
    public static let maxAttempts = 5

    public enum Problem: Error, Equatable {
        /// Another instance holds the list now: this one stops without saving.
        case claimLost
    }

    /// Takes the oldest list waiting to be matched, or one whose claim lapsed, for `lease` seconds.
    public static func claimNext(lease: TimeInterval, now: Date, on database: any Database) async throws -> SupportListClaim? {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let now = now.timeIntervalSince1970, token = UUID().uuidString.lowercased()
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let queued = SupportListStatus.queued.rawValue, running = SupportListStatus.running.rawValue
        guard let row = try await sql.raw("""
            UPDATE \(ident: SupportListModel.schema)
            SET status = \(bind: running), claim_token = \(bind: token), lease_until = \(bind: now + lease), attempts = attempts + 1
            WHERE id = (SELECT id FROM \(ident: SupportListModel.schema)
                        WHERE status IN (\(bind: queued), \(bind: running)) AND (lease_until IS NULL OR lease_until <= \(bind: now))
                        ORDER BY uploaded_at LIMIT 1\(lock))
            RETURNING id, attempts
            """).first() else { return nil }
        return SupportListClaim(listID: try row.decode(column: "id", as: UUID.self), token: token,
                                attempt: try row.decode(column: "attempts", as: Int.self))
    }

    /// Matches a claimed list against the registry from its last saved row on, saving hits and progress
    /// every `batch` rows (each save renewing the lease to `now() + lease`). Cancellation stops it after
    /// a save; `Problem.claimLost` when another instance took the list over.
    public static func process(_ claim: SupportListClaim, vault: EvidenceVault, lease: TimeInterval, batch: Int = 2_000,
                               now: @Sendable () -> Date = Date.init, on database: any Database) async throws {
        // Whether the claim is still this instance's is checked where it counts: by every save.
        guard let list = try await SupportListModel.find(claim.listID, on: database) else { throw Problem.claimLost }
        let matcher = SupportMatcher(asn: try await RegistryQueries.matchableASN(on: database))
        var progress = Progress(rowsDone: list.rowsDone, rejected: list.rejected)
        let savedRows = list.rowsDone
        do {
            var file = try SupportListFile(source: MemoryByteSource(try await vault.read(list.sha256)), name: list.fileName, pseudonymized: false)
            let header = file.header.map { CSVField.escaped($0) }.joined(separator: ",")
            var row = 0
            while let outcome = try file.next(matchingWith: matcher) {
                row += 1
                // The rows before the last save were matched by an earlier claim: their hits are stored.
                guard row > savedRows else { continue }
                progress.rowsDone = row
                switch outcome {
                case .hits(let found):
                    let line = header + "\n" + file.currentCells.map { CSVField.escaped($0) }.joined(separator: ",") + "\n"
                    progress.hits += found.map { hit(listID: claim.listID, $0, row: line) }
                case .rejected(let line, let reason):
                    progress.reject(line: line, reason: reason, listID: claim.listID)
                case .noHit:
                    break
                }
                if row % batch == 0 {
                    try await save(claim, &progress, leaseUntil: now().timeIntervalSince1970 + lease, on: database)
                    try Task.checkCancellation()
                    await Task.yield()
                }
            }
            try await save(claim, &progress, ending: (.done, nil, now().timeIntervalSince1970), on: database)
        } catch let problem as MatchFileError {
            progress.hits.removeAll()
            try await save(claim, &progress, ending: (.failed, problem.description, now().timeIntervalSince1970), on: database)
        }
    }

    /// Hands a claimed list back: at once when the instance stops (the attempt is not counted), or after
    /// `retryAt` when matching failed — given up, with the error shown, after `maxAttempts` claims.
    public static func release(_ claim: SupportListClaim, failure: (error: String, retryAt: Date)? = nil, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let update: SQLQueryString
        if let failure {
            let message = String(failure.error.prefix(500))
            if claim.attempt >= maxAttempts {
                update = "status = \(bind: SupportListStatus.failed.rawValue), error = \(bind: message), finished_at = \(bind: failure.retryAt.timeIntervalSince1970), lease_until = NULL"
            } else {
                update = "error = \(bind: message), lease_until = \(bind: failure.retryAt.timeIntervalSince1970)"
            }
        } else {
            update = "attempts = attempts - 1, lease_until = NULL"
        }
        try await sql.raw("""
            UPDATE \(ident: SupportListModel.schema) SET \(update), claim_token = NULL
            WHERE id = \(bind: claim.listID) AND claim_token = \(bind: claim.token)
            """).run()
    }

    /// What has been matched since the last save.
    private struct Progress {
        var rowsDone: Int
        var rejected: Int
        var hits: [SupportHitModel] = []
        var rejections: [SupportRejectionModel] = []

        mutating func reject(line: Int, reason: String, listID: UUID) {
            rejected += 1
            guard rejected <= SupportListStore.keptRejections else { return }
            let rejection = SupportRejectionModel()
            rejection.listID = listID
            rejection.line = line
            rejection.reason = reason
            rejections.append(rejection)
        }
    }

    private static func hit(listID: UUID, _ hit: MatchHit, row: String) -> SupportHitModel {
        let model = SupportHitModel()
        model.listID = listID
        model.supportLine = hit.supportLine
        model.nip = hit.nip
        model.unitPath = "/"
        model.pair = hit.pair
        model.method = hit.method.rawValue
        model.confidence = hit.confidence
        model.reason = hit.reason
        model.rowCSV = row
        model.status = "open"
        return model
    }

    /// Saves progress with its hits in one transaction, provided the claim is still this instance's: the
    /// update of the list comes first, so on PostgreSQL it holds the list's row against a claimer until
    /// the commit. Either keeps the claim (renewing its lease) or ends the matching.
    private static func save(_ claim: SupportListClaim, _ progress: inout Progress, leaseUntil: Double? = nil,
                             ending: (status: SupportListStatus, error: String?, at: Double)? = nil, on database: any Database) async throws {
        let pending = progress
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw StoreError.sqlRequired }
            let state: SQLQueryString = if let ending {
                "status = \(bind: ending.status.rawValue), error = \(bind: ending.error), finished_at = \(bind: ending.at), claim_token = NULL, lease_until = NULL"
            } else {
                "lease_until = \(bind: leaseUntil)"
            }
            let updated = try await sql.raw("""
                UPDATE \(ident: SupportListModel.schema)
                SET rows_done = \(bind: pending.rowsDone), rejected = \(bind: pending.rejected), hits = hits + \(bind: pending.hits.count), \(state)
                WHERE id = \(bind: claim.listID) AND claim_token = \(bind: claim.token)
                RETURNING id
                """).all()
            guard !updated.isEmpty else { throw Problem.claimLost }
            for hit in pending.hits {
                if let person = try await ASNModel.query(on: db).filter(\.$nip == hit.nip).first() {
                    hit.asnName = person.name
                    hit.unitPath = try await UnitModel.find(person.unitID, on: db)?.path ?? "/"
                }
                try await hit.create(on: db)
            }
            for rejection in pending.rejections { try await rejection.create(on: db) }
        }
        progress.hits.removeAll()
        progress.rejections.removeAll()
    }
}
