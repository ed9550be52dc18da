import FluentKit
import Foundation
import NetraCore

/// A support list uploaded for the cross-check, kept in the evidence vault, and how far matching got.
public final class SupportListModel: Model, @unchecked Sendable {
    public static let schema = "support_lists"

    @ID(key: .id) public var id: UUID?
    @Field(key: "file_name") public var fileName: String
    /// The uploaded file in the evidence vault.
    @Field(key: "sha256") public var sha256: String
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Field(key: "uploaded_at") public var uploadedAt: Double
    /// "queued", "running", "done" or "failed".
    @Field(key: "status") public var status: String
    @Field(key: "rows_total") public var rowsTotal: Int
    @Field(key: "rows_done") public var rowsDone: Int
    @Field(key: "hits") public var hits: Int
    @Field(key: "rejected") public var rejected: Int
    @OptionalField(key: "error") public var error: String?
    @OptionalField(key: "finished_at") public var finishedAt: Double?

    public init() {}
}

/// An ASN found among a list's supporters, with the row that named them and its review.
public final class SupportHitModel: Model, @unchecked Sendable {
    public static let schema = "support_hits"

    @ID(key: .id) public var id: UUID?
    @Field(key: "list_id") public var listID: UUID
    @Field(key: "support_line") public var supportLine: Int
    @Field(key: "nip") public var nip: String
    @OptionalField(key: "asn_name") public var asnName: String?
    @Field(key: "unit_path") public var unitPath: String
    @Field(key: "pair") public var pair: String
    @Field(key: "method") public var method: String
    @Field(key: "confidence") public var confidence: Double
    @Field(key: "reason") public var reason: String
    /// The list's header and the supporter's row, as CSV: the evidence a confirmed hit carries.
    @Field(key: "row_csv") public var rowCSV: String
    /// "open", "confirmed" or "dismissed".
    @Field(key: "status") public var status: String
    @OptionalField(key: "dismissal_reason") public var dismissalReason: String?
    @OptionalField(key: "case_id") public var caseID: UUID?
    @OptionalField(key: "reviewed_by") public var reviewedBy: String?

    public init() {}
}

/// A row of a list that could not be matched at all, with the reason.
public final class SupportRejectionModel: Model, @unchecked Sendable {
    public static let schema = "support_rejections"

    @ID(key: .id) public var id: UUID?
    @Field(key: "list_id") public var listID: UUID
    @Field(key: "line") public var line: Int
    @Field(key: "reason") public var reason: String

    public init() {}
}

public enum SupportListStore {
    /// Rejected rows kept per list; the count of all of them is kept on the list.
    public static let keptRejections = 1_000

    /// Keeps the uploaded file (encrypted, content-addressed) and queues it for matching.
    public static func create(fileName: String, bytes: [UInt8], uploadedBy: String, vault: EvidenceVault, at date: Date,
                              on database: any Database) async throws -> SupportListModel {
        let list = SupportListModel()
        list.fileName = String((fileName.split(separator: "/").last.map(String.init) ?? "dukungan.csv").prefix(200))
        list.sha256 = try vault.store(bytes)
        list.uploadedBy = uploadedBy
        list.uploadedAt = date.timeIntervalSince1970
        list.status = "queued"
        // Physical lines after the header: a progress estimate (quoted line breaks make it an upper bound).
        list.rowsTotal = max(0, bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } + (bytes.last == 10 ? 0 : 1) - 1)
        list.rowsDone = 0
        list.hits = 0
        list.rejected = 0
        try await database.transaction { db in
            try await list.create(on: db)
            try await AuditLog.append(actor: uploadedBy, action: "support_list.uploaded", subject: "support_list:\(list.id!.uuidString.lowercased())",
                                      details: ["file": list.fileName, "sha256": list.sha256], at: date, on: db)
        }
        return list
    }

    /// Lists left queued or half-done (a restart stopped them), to be matched again from their stored file.
    public static func unfinished(on database: any Database) async throws -> [UUID] {
        try await SupportListModel.query(on: database).filter(\.$status ~~ ["queued", "running"]).sort(\.$uploadedAt).all().compactMap(\.id)
    }

    /// Matches a stored list against the registry, from the start (hits of an earlier, interrupted run are
    /// replaced), saving progress every `batch` rows. Cancellation stops it between batches, leaving the
    /// list "running" so that the next start picks it up again.
    public static func process(_ id: UUID, vault: EvidenceVault, batch: Int = 2_000, on database: any Database) async throws {
        guard let list = try await SupportListModel.find(id, on: database), list.status != "done", list.status != "failed" else { return }
        try await database.transaction { db in
            try await SupportHitModel.query(on: db).filter(\.$listID == id).delete()
            try await SupportRejectionModel.query(on: db).filter(\.$listID == id).delete()
            list.status = "running"
            list.rowsDone = 0
            list.hits = 0
            list.rejected = 0
            try await list.save(on: db)
        }
        let matcher = SupportMatcher(asn: try await RegistryQueries.matchableASN(on: database))
        var hits: [SupportHitModel] = [], rejections: [SupportRejectionModel] = []
        do {
            var file = try SupportListFile(source: MemoryByteSource(try vault.read(list.sha256)), name: list.fileName, pseudonymized: false)
            let header = file.header.map { CSVField.escaped($0) }.joined(separator: ",")
            while let outcome = try file.next(matchingWith: matcher) {
                list.rowsDone += 1
                switch outcome {
                case .hits(let found):
                    let row = header + "\n" + file.currentCells.map { CSVField.escaped($0) }.joined(separator: ",") + "\n"
                    hits += found.map { hit(listID: id, $0, row: row) }
                case .rejected(let line, let reason):
                    list.rejected += 1
                    if list.rejected <= keptRejections {
                        let rejection = SupportRejectionModel()
                        rejection.listID = id
                        rejection.line = line
                        rejection.reason = reason
                        rejections.append(rejection)
                    }
                case .noHit:
                    break
                }
                if list.rowsDone % batch == 0 {
                    try Task.checkCancellation()
                    try await save(list, hits: &hits, rejections: &rejections, on: database)
                    await Task.yield()
                }
            }
            list.status = "done"
            list.finishedAt = Date().timeIntervalSince1970
            try await save(list, hits: &hits, rejections: &rejections, on: database)
        } catch let problem as MatchFileError {
            hits.removeAll()
            list.status = "failed"
            list.error = problem.description
            list.finishedAt = Date().timeIntervalSince1970
            try await save(list, hits: &hits, rejections: &rejections, on: database)
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

    private static func save(_ list: SupportListModel, hits: inout [SupportHitModel], rejections: inout [SupportRejectionModel],
                             on database: any Database) async throws {
        let pendingHits = hits, pendingRejections = rejections
        try await database.transaction { db in
            for hit in pendingHits {
                if let person = try await ASNModel.query(on: db).filter(\.$nip == hit.nip).first() {
                    hit.asnName = person.name
                    hit.unitPath = try await UnitModel.find(person.unitID, on: db)?.path ?? "/"
                }
                try await hit.create(on: db)
            }
            for rejection in pendingRejections { try await rejection.create(on: db) }
            list.hits += pendingHits.count
            try await list.save(on: db)
        }
        hits.removeAll()
        rejections.removeAll()
    }

    public static func lists(on database: any Database) async throws -> [SupportListModel] {
        try await SupportListModel.query(on: database).sort(\.$uploadedAt, .descending).limit(100).all()
    }

    public static func hits(of listID: UUID, on database: any Database) async throws -> [SupportHitModel] {
        try await SupportHitModel.query(on: database).filter(\.$listID == listID).sort(\.$status).sort(\.$confidence, .descending)
            .sort(\.$supportLine).limit(1_000).all()
    }

    public static func rejections(of listID: UUID, on database: any Database) async throws -> [SupportRejectionModel] {
        try await SupportRejectionModel.query(on: database).filter(\.$listID == listID).sort(\.$line).limit(200).all()
    }

    /// Dismisses a hit (a namesake, a list error); the reason is kept.
    public static func dismiss(_ id: UUID, reason: String, actor: CaseActor, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            guard let hit = try await SupportHitModel.find(id, on: db), hit.status == "open" else { throw CaseStore.Problem.notFound }
            hit.status = "dismissed"
            hit.dismissalReason = reason
            hit.reviewedBy = actor.auditName
            try await hit.save(on: db)
            try await AuditLog.append(actor: actor.auditName, action: "support_hit.dismissed", subject: "support_hit:\(id.uuidString.lowercased())",
                                      details: ["reason": reason, "nip": hit.nip, "line": String(hit.supportLine)], at: date, on: db)
        }
    }

    /// Confirms a hit: it becomes a report (source "match") with the supporter's row as a CSV evidence file,
    /// verified straight into a case about giving a KTP in support of a candidate.
    public static func confirm(_ id: UUID, actor: CaseActor, context: CaseContext, today: LocalDate, vault: EvidenceVault, at date: Date,
                               random: inout some RandomNumberGenerator, on database: any Database) async throws -> CaseModel {
        guard let hit = try await SupportHitModel.find(id, on: database), hit.status == "open",
              let list = try await SupportListModel.find(hit.listID, on: database) else { throw CaseStore.Problem.notFound }
        let reference = "\(list.id!.uuidString.lowercased()):\(hit.supportLine)"
        let description = "Temuan pencocokan daftar dukungan calon perseorangan: ASN \(hit.asnName ?? "") (NIP \(hit.nip)) tercantum "
            + "sebagai pendukung pasangan \(hit.pair) di baris \(hit.supportLine) berkas \(list.fileName) (\(hit.reason); keyakinan "
            + "\(Int((hit.confidence * 100).rounded()))%)."
        let evidence = EvidenceFile(name: "dukungan-baris-\(hit.supportLine).csv", bytes: Array(hit.rowCSV.utf8), type: .csv)
        let opened = try await CaseStore.openFromFinding(ReportSubmission(description: description, asnNIP: hit.nip), files: [evidence], source: .match,
                                                         reference: reference, behaviours: [.dukunganKTP], actor: actor, context: context, today: today,
                                                         vault: vault, at: date, random: &random, on: database)
        hit.status = "confirmed"
        hit.caseID = opened.id
        hit.reviewedBy = actor.auditName
        try await hit.save(on: database)
        return opened
    }
}
