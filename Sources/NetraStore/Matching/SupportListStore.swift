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
    @Field(key: "status") public var status: SupportListStatus
    @Field(key: "rows_total") public var rowsTotal: Int
    @Field(key: "rows_done") public var rowsDone: Int
    @Field(key: "hits") public var hits: Int
    @Field(key: "rejected") public var rejected: Int
    @OptionalField(key: "error") public var error: String?
    @OptionalField(key: "finished_at") public var finishedAt: Double?
    /// The claim of the instance matching it now, and until when that claim holds (see `SupportListJobs`).
    @OptionalField(key: "claim_token") public var claimToken: String?
    @OptionalField(key: "lease_until") public var leaseUntil: Double?
    /// Claims taken so far; a list that keeps failing is given up after `SupportListJobs.maxAttempts`.
    @Field(key: "attempts") public var attempts: Int

    public init() {}
}

/// Where a list stands in matching.
public enum SupportListStatus: String, Codable, Sendable {
    case queued, running, done, failed

    /// Still to be matched (or being matched).
    public var isPending: Bool { self == .queued || self == .running }
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
        list.sha256 = try await vault.store(bytes)
        list.uploadedBy = uploadedBy
        list.uploadedAt = date.timeIntervalSince1970
        list.status = .queued
        list.attempts = 0
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

    public static func list(_ id: UUID, on database: any Database) async throws -> SupportListModel? {
        try await SupportListModel.find(id, on: database)
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
