import FluentKit
import Foundation
import NetraCore

/// One election in force for screening, as imported from a region file.
public final class ScreeningElectionModel: Model, @unchecked Sendable {
    public static let schema = "screening_elections"

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "region_name") public var regionName: String
    @Field(key: "office") public var office: String
    /// The election's pairs as JSON, in the region file's form.
    @Field(key: "pairs") public var pairs: String
    @Field(key: "imported_at") public var importedAt: Double

    public init() {}
}

/// A post screening flagged, linked to the registered ASN who owns the account, and its review.
public final class ScreeningFlagModel: Model, @unchecked Sendable {
    public static let schema = "screening_flags"

    @ID(key: .id) public var id: UUID?
    @Field(key: "post_id") public var postID: String
    @OptionalField(key: "platform") public var platform: String?
    @Field(key: "author") public var author: String
    @OptionalField(key: "posted_at") public var postedAt: String?
    /// The post as received (JSON).
    @Field(key: "post") public var post: String
    @OptionalField(key: "asn_nip") public var asnNIP: String?
    @OptionalField(key: "asn_name") public var asnName: String?
    @Field(key: "unit_path") public var unitPath: String
    @OptionalField(key: "election") public var election: String?
    @OptionalField(key: "pair") public var pair: Int?
    @Field(key: "score") public var score: Double
    @Field(key: "signals") public var signals: String
    /// The spans as JSON.
    @Field(key: "spans") public var spans: String
    /// "open", "confirmed" or "dismissed".
    @Field(key: "status") public var status: String
    @OptionalField(key: "dismissal_reason") public var dismissalReason: String?
    @OptionalField(key: "case_id") public var caseID: UUID?
    @OptionalField(key: "reviewed_by") public var reviewedBy: String?
    @Field(key: "created_at") public var createdAt: Double

    public init() {}
}

public enum ScreeningStore {
    /// Replaces the stored elections that the region file names; others stay.
    public static func importElections(_ region: RegionElections, at date: Date, on database: any Database) async throws -> Int {
        try await database.transaction { db in
            for election in region.elections {
                try await ScreeningElectionModel.query(on: db).filter(\.$id == election.id).delete()
                let model = ScreeningElectionModel()
                model.id = election.id
                model.regionName = region.region.name
                model.office = election.office
                model.pairs = String(decoding: try JSONEncoder().encode(election.pairs), as: UTF8.self)
                model.importedAt = date.timeIntervalSince1970
                try await model.create(on: db)
            }
            return region.elections.count
        }
    }

    /// The elections in force, as one region for the screener; nil when none were imported.
    public static func elections(on database: any Database) async throws -> RegionElections? {
        let models = try await ScreeningElectionModel.query(on: database).sort(\.$id).all()
        guard let first = models.first else { return nil }
        let elections = try models.map { model in
            RegionElections.Election(id: model.id!, office: model.office,
                                     pairs: try JSONDecoder().decode([RegionElections.Pair].self, from: Data(model.pairs.utf8)))
        }
        return RegionElections(region: .init(name: first.regionName, province: nil, code: nil), elections: elections)
    }

    /// A screened post with what the export said about it.
    public struct ScreenedItem: Sendable {
        public let post: ScreenedPost
        public let result: ScreeningResult

        public init(post: ScreenedPost, result: ScreeningResult) {
            self.post = post
            self.result = result
        }
    }

    public struct ScanSummary: Sendable, Equatable {
        public var posts = 0
        public var flagged = 0
        public var linked = 0
    }

    /// Stores the flags of partisan posts, linking each to the ASN whose registered account wrote it.
    /// A post already flagged is left as it is (its review is kept).
    public static func record(_ results: [ScreenedItem], at date: Date,
                              on database: any Database) async throws -> ScanSummary {
        try await database.transaction { db -> ScanSummary in
            var summary = ScanSummary()
            for item in results {
                summary.posts += 1
                guard item.result.partisan else { continue }
                guard try await ScreeningFlagModel.query(on: db).filter(\.$postID == item.post.id).first() == nil else { continue }
                let handle = (item.post.author ?? "").lowercased().trimmingPrefix("@").description
                let flag = ScreeningFlagModel()
                flag.postID = item.post.id
                flag.platform = item.post.platform
                flag.author = handle
                flag.postedAt = item.post.postedAt
                flag.post = String(decoding: try JSONEncoder().encode(item.post), as: UTF8.self)
                flag.unitPath = "/"
                if let account = try await SocialAccountModel.query(on: db).filter(\.$handle == handle).first(),
                   let person = try await ASNModel.find(account.asnID, on: db), let unit = try await UnitModel.find(person.unitID, on: db) {
                    flag.asnNIP = person.nip
                    flag.asnName = person.name
                    flag.unitPath = unit.path
                    summary.linked += 1
                }
                flag.election = item.result.election
                flag.pair = item.result.pair
                flag.score = item.result.score
                flag.signals = item.result.signals.joined(separator: ",")
                flag.spans = String(decoding: try JSONEncoder().encode(item.result.spans), as: UTF8.self)
                flag.status = "open"
                flag.createdAt = date.timeIntervalSince1970
                try await flag.create(on: db)
                summary.flagged += 1
            }
            return summary
        }
    }

    public static func queue(status: String = "open", scope: CaseScope, on database: any Database) async throws -> [ScreeningFlagModel] {
        let query = ScreeningFlagModel.query(on: database).filter(\.$status == status)
        switch scope {
        case .all: break
        case .subtree(let prefix, let excluded):
            query.filter(\.$unitPath, .custom("LIKE"), prefix + "%")
            if !excluded.isEmpty { query.group(.or) { $0.filter(\.$asnNIP == nil).filter(\.$asnNIP !~ Array(excluded)) } }
        case .source, .nothing: return []
        }
        return try await query.sort(\.$score, .descending).sort(\.$createdAt).limit(500).all()
    }

    /// Dismisses a flag; the reason is kept for measuring precision.
    public static func dismiss(_ id: UUID, reason: String, actor: CaseActor, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            guard let flag = try await ScreeningFlagModel.find(id, on: db), flag.status == "open" else { throw CaseStore.Problem.notFound }
            flag.status = "dismissed"
            flag.dismissalReason = reason
            flag.reviewedBy = actor.auditName
            try await flag.save(on: db)
            try await AuditLog.append(actor: actor.auditName, action: "screening.dismissed", subject: "flag:\(id.uuidString.lowercased())",
                                      details: ["reason": reason, "post": flag.postID], at: date, on: db)
        }
    }

    /// Confirms a flag: the post becomes a report (source "screening") verified straight into a case.
    public static func confirm(_ id: UUID, behaviours: [Behaviour], description: String, actor: CaseActor, context: CaseContext,
                               today: LocalDate, vault: EvidenceVault, at date: Date, random: inout some RandomNumberGenerator,
                               on database: any Database) async throws -> CaseModel {
        guard let flag = try await ScreeningFlagModel.find(id, on: database), flag.status == "open" else { throw CaseStore.Problem.notFound }
        let opened = try await CaseStore.openFromFinding(ReportSubmission(description: description, asnNIP: flag.asnNIP), files: [], source: .screening,
                                                         reference: flag.postID, behaviours: behaviours, actor: actor, context: context, today: today,
                                                         vault: vault, at: date, random: &random, on: database)
        flag.status = "confirmed"
        flag.caseID = opened.id
        flag.reviewedBy = actor.auditName
        try await flag.save(on: database)
        return opened
    }
}
