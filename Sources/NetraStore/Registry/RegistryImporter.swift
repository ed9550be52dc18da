import FluentKit
import Foundation
import NetraCore
import SQLKit

/// Imports a registry export: every valid row is inserted or, when its NIP is known, updated; every
/// faulty row is reported and nothing of it is stored. Rows are written in batches, each batch (ASN and
/// their social-media accounts together) in one transaction.
public struct RegistryImporter {
    public struct Summary: Sendable, Codable, Equatable {
        public var rows = 0
        public var inserted = 0
        public var updated = 0
        public var rejectedRows = 0
        public var imported: Int { inserted + updated }
    }

    private let database: any Database
    private let batchSize: Int
    private let now: @Sendable () -> Date

    public init(database: any Database, batchSize: Int = 400, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.batchSize = batchSize
        self.now = now
    }

    /// Streams `source`; `onProblem` receives each problem of each rejected row as it is found.
    public func run(
        _ source: some ByteSource,
        onProblem: (RegistryProblem) -> Void = { _ in },
        onProgress: (Summary) -> Void = { _ in }
    ) async throws -> Summary {
        var file = try RegistryFile(source: source)
        var directory = try await UnitDirectory(loadingFrom: database)
        var summary = Summary()
        var batch: [ASNRecord] = []
        batch.reserveCapacity(batchSize)
        while let row = try file.next() {
            summary.rows += 1
            switch row.outcome {
            case .accepted(let record):
                if let code = record.unitCode, !directory.knows(code: code) {
                    summary.rejectedRows += 1
                    onProblem(.unknownUnitCode(line: row.line, code: code))
                } else {
                    batch.append(record)
                }
            case .rejected(let problems):
                summary.rejectedRows += 1
                problems.forEach(onProblem)
            }
            if batch.count == batchSize {
                try await write(batch, directory: &directory, summary: &summary)
                batch.removeAll(keepingCapacity: true)
                onProgress(summary)
            }
        }
        if !batch.isEmpty { try await write(batch, directory: &directory, summary: &summary) }
        onProgress(summary)
        return summary
    }

    /// Writes records that were validated elsewhere (demo data, API), in the same batches.
    public func importRecords(_ records: [ASNRecord]) async throws -> Summary {
        var directory = try await UnitDirectory(loadingFrom: database)
        var summary = Summary()
        summary.rows = records.count
        var start = 0
        while start < records.count {
            let end = min(start + batchSize, records.count)
            try await write(Array(records[start..<end]), directory: &directory, summary: &summary)
            start = end
        }
        return summary
    }

    private func write(_ batch: [ASNRecord], directory: inout UnitDirectory, summary: inout Summary) async throws {
        let timestamp = now().timeIntervalSince1970
        // Units created inside a transaction that rolls back must be forgotten too, so the directory is
        // only replaced when the batch commits.
        let startingDirectory = directory
        let counts = try await database.transaction { db -> (inserted: Int, updated: Int, directory: UnitDirectory) in
            var localDirectory = startingDirectory
            guard let sql = db as? any SQLDatabase else { throw StoreError.sqlRequired }
            var unitIDs: [UUID] = []
            for record in batch {
                unitIDs.append(try await localDirectory.unitID(of: record, on: db))
            }
            let existing = Set(try await sql.select().column("nip").from(ASNModel.schema)
                .where("nip", .in, batch.map(\.nip)).all(decodingColumn: "nip", as: String.self))

            let insert = sql.insert(into: ASNModel.schema)
                .columns("id", "nip", "nik", "name", "gender", "birth_date", "position", "unit_id", "status", "email", "phone", "rank", "updated_at")
            for (record, unitID) in zip(batch, unitIDs) {
                insert.values(
                    SQLBind(UUID()), SQLBind(record.nip), SQLBind(record.nik), SQLBind(record.name), SQLBind(record.gender.rawValue),
                    SQLBind(record.birthDate.iso8601), SQLBind(record.position), SQLBind(unitID), SQLBind(record.status.rawValue),
                    SQLBind(record.email), SQLBind(record.phone), SQLBind(record.rank), SQLBind(timestamp)
                )
            }
            let rows = try await insert
                .onConflict(with: ["nip"]) { update in
                    ["nik", "name", "gender", "birth_date", "position", "unit_id", "status", "email", "phone", "updated_at"]
                        .reduce(update) { $0.set(excludedValueOf: $1) }
                        // An export without pangkat/golongan keeps the rank already known.
                        .set("rank", to: SQLFunction("COALESCE", args: SQLExcludedColumn("rank"), SQLColumn("rank", table: ASNModel.schema)))
                }
                .returning("id", "nip")
                .all()
            var idOfNIP: [String: UUID] = [:]
            for row in rows { idOfNIP[try row.decode(column: "nip", as: String.self)] = try row.decode(column: "id", as: UUID.self) }

            try await sql.delete(from: SocialAccountModel.schema).where("asn_id", .in, Array(idOfNIP.values)).run()
            let accounts = batch.flatMap { record in record.socialAccounts.map { (idOfNIP[record.nip]!, $0) } }
            if !accounts.isEmpty {
                let accountInsert = sql.insert(into: SocialAccountModel.schema).columns("id", "asn_id", "handle")
                for (asnID, handle) in accounts { accountInsert.values(SQLBind(UUID()), SQLBind(asnID), SQLBind(handle)) }
                try await accountInsert.run()
            }
            let updated = batch.filter { existing.contains($0.nip) }.count
            return (batch.count - updated, updated, localDirectory)
        }
        directory = counts.directory
        summary.inserted += counts.inserted
        summary.updated += counts.updated
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case sqlRequired
    case notEmpty(String)
    case demoRejected(String)

    public var description: String {
        switch self {
        case .sqlRequired: "Basis data ini tidak mendukung SQL."
        case .notEmpty(let what): "Basis data sudah berisi \(what); data demo hanya dimuat ke basis data kosong."
        case .demoRejected(let what): "Data demo ditolak oleh pemeriksaan (\(what)); ini kesalahan program."
        }
    }
}
