import FluentKit
import Foundation

/// A report as received. Reporter identity fields are for the admin role only.
public final class ReportModel: Model, @unchecked Sendable {
    public static let schema = "reports"

    @ID(key: .id) public var id: UUID?
    @Field(key: "receipt") public var receipt: String
    @Field(key: "secret_hash") public var secretHash: String
    @Field(key: "source") public var source: String
    @OptionalField(key: "reference") public var reference: String?
    @Field(key: "description") public var description: String
    @OptionalField(key: "occurred_on") public var occurredOn: String?
    @OptionalField(key: "location") public var location: String?
    @OptionalField(key: "asn_name") public var asnName: String?
    @OptionalField(key: "asn_nip") public var asnNIP: String?
    @OptionalField(key: "unit_text") public var unitText: String?
    @Field(key: "links") public var links: String
    @OptionalField(key: "reporter_name") public var reporterName: String?
    @OptionalField(key: "reporter_contact") public var reporterContact: String?
    /// The reporter asked to be e-mailed at their (sealed) contact when the status changes.
    @Field(key: "notify_reporter") public var notifyReporter: Bool
    @Field(key: "status") public var status: String
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    @Field(key: "suggested_behaviours") public var suggestedBehaviours: String
    @Field(key: "received_at") public var receivedAt: Double

    public init() {}
}

/// One evidence file of a report: its hash, the type read from its content, and its size.
public final class EvidenceModel: Model, @unchecked Sendable {
    public static let schema = "evidence"

    @ID(key: .id) public var id: UUID?
    @Field(key: "report_id") public var reportID: UUID
    @Field(key: "sha256") public var sha256: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "file_name") public var fileName: String
    @Field(key: "added_at") public var addedAt: Double
    @Field(key: "added_by") public var addedBy: String
    /// The copy staff see, without metadata (see M019); nil for a type Netra cannot clean.
    @OptionalField(key: "clean_sha256") public var cleanSHA256: String?

    public init() {}
}

/// A message on a report: between the team and the reporter, or internal to the team.
public final class ReportMessageModel: Model, @unchecked Sendable {
    public static let schema = "report_messages"

    @ID(key: .id) public var id: UUID?
    @Field(key: "report_id") public var reportID: UUID
    @Field(key: "author") public var author: String
    /// "reporter" (shared with the reporter) or "internal".
    @Field(key: "visibility") public var visibility: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Double

    public init() {}
}

/// A sealed audit record (see NetraCore's AuditChain).
public final class AuditEventModel: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(custom: "sequence", generatedBy: .user) public var id: Int?
    @Field(key: "at") public var at: String
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "subject") public var subject: String
    @Field(key: "details") public var details: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
}
