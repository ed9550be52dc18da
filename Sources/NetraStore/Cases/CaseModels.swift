import FluentKit
import Foundation
import NetraCore

/// A case. The workflow state is NetraCore's `Case`, stored as JSON; the columns beside it are copies
/// for listing, filtering and scoping.
public final class CaseModel: Model, @unchecked Sendable {
    public static let schema = "cases"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @OptionalField(key: "report_id") public var reportID: UUID?
    @Field(key: "source") public var source: String
    @OptionalField(key: "asn_nip") public var asnNIP: String?
    @OptionalField(key: "asn_name") public var asnName: String?
    /// The reported person's unit: the case belongs to that subtree.
    @OptionalField(key: "subject_unit_id") public var subjectUnitID: UUID?
    @Field(key: "subject_unit_path") public var subjectUnitPath: String
    /// The unit whose head handles the case now; nil when it sits with the PPK.
    @OptionalField(key: "assignee_unit_id") public var assigneeUnitID: UUID?
    @Field(key: "status") public var status: String
    @Field(key: "behaviours") public var behaviours: String
    /// The sanction decided, once there is one (a copy from the state, for counting).
    @OptionalField(key: "sanction_level") public var sanctionLevel: String?
    @Field(key: "state") public var state: String
    @Field(key: "opened_on") public var openedOn: String
    @OptionalField(key: "due_on") public var dueOn: String?
    @Field(key: "escalations") public var escalations: Int
    /// The due date a reminder was last sent for, and the one the case was last escalated for.
    @OptionalField(key: "reminded_due_on") public var remindedDueOn: String?
    @OptionalField(key: "escalated_due_on") public var escalatedDueOn: String?
    @Field(key: "updated_at") public var updatedAt: Double

    public init() {}
}

public final class CaseNoteModel: Model, @unchecked Sendable {
    public static let schema = "case_notes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    /// "team" (everyone on the case) or "personal" (the author only). Notes for the reporter are report messages.
    @Field(key: "visibility") public var visibility: String
    @Field(key: "body") public var body: String
    @Field(key: "created_at") public var createdAt: Double

    public init() {}
}

/// An official letter issued for a case, with its number from the regional scheme.
public final class LetterModel: Model, @unchecked Sendable {
    public static let schema = "letters"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "number") public var number: String
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "year") public var year: Int
    @Field(key: "issued_on") public var issuedOn: String
    /// The letterhead (JSON) the letter was issued with; nil for letters numbered before settings existed.
    @OptionalField(key: "letterhead") public var letterhead: String?
    /// The letter as composed when it was numbered (an `OfficialLetter`, JSON), and the SHA-256 of that JSON,
    /// which the verification page shows; nil for letters numbered before letters were composed whole.
    @OptionalField(key: "content") public var content: String?
    @OptionalField(key: "sha256") public var sha256: String?
    /// The secret in the letter's QR code, which opens its public verification page.
    @OptionalField(key: "verification_code") public var verificationCode: String?

    public init() {}

    /// What the letter is called in lists: its composed name ("Surat Panggilan II"), or its kind's title.
    public var name: String {
        if let content, let letter = try? JSONDecoder().decode(OfficialLetter.self, from: Data(content.utf8)) { return letter.name }
        return LetterKind(rawValue: kind)?.title ?? kind
    }

    /// The letter as a later one of its case refers to it, by kind, number and date.
    var issued: IssuedLetter? {
        LetterKind(rawValue: kind).flatMap { kind in LocalDate(iso8601: issuedOn).map { IssuedLetter(kind: kind, number: number, issuedOn: $0) } }
    }

    /// The letterhead printed on this letter: the one it was issued with.
    public func issuedLetterhead() throws -> Letterhead? {
        try letterhead.map { try JSONDecoder().decode(Letterhead.self, from: Data($0.utf8)) }
    }
}

/// Named counters ("letters-2024", "cases-2024"). Taking the next value happens inside the transaction
/// that uses it, so numbers neither skip nor repeat however many requests run at once.
public final class CounterModel: Model, @unchecked Sendable {
    public static let schema = "counters"

    @ID(custom: "name", generatedBy: .user) public var id: String?
    @Field(key: "last_value") public var lastValue: Int

    public init() {}
}

/// A message waiting for delivery to the head of a unit (or the PPK when `unitID` is nil).
public final class NotificationModel: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @OptionalField(key: "unit_id") public var unitID: UUID?
    /// A `NoticeKind`.
    @Field(key: "kind") public var kind: String
    @Field(key: "message") public var message: String
    /// The path the notification leads to (nil on rows written before links were kept: the case page).
    @OptionalField(key: "link") public var link: String?
    @Field(key: "created_at") public var createdAt: Double
    @OptionalField(key: "delivered_at") public var deliveredAt: Double?

    public init() {}
}

/// A file on a case: "team" (everyone on the case), "personal" (its author) or "reporter" (also shown
/// to the reporter on their status page).
public final class CaseFileModel: Model, @unchecked Sendable {
    public static let schema = "case_files"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "sha256") public var sha256: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size") public var size: Int
    @Field(key: "file_name") public var fileName: String
    @Field(key: "visibility") public var visibility: String
    @Field(key: "author_id") public var authorID: UUID
    @Field(key: "author_name") public var authorName: String
    @Field(key: "added_at") public var addedAt: Double

    public init() {}
}
