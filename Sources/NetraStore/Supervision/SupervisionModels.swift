import FluentKit
import Foundation

/// A unit's supervision statement for one period, or the mark that it did not come in.
public final class SupervisionStatementModel: Model, @unchecked Sendable {
    public static let schema = "supervision_statements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "period_start") public var periodStart: String
    @Field(key: "period_end") public var periodEnd: String
    /// JSON of a `SupervisionStatement`; nil while the statement is only marked missing.
    @OptionalField(key: "content") public var content: String?
    @OptionalField(key: "filed_on") public var filedOn: String?
    @OptionalField(key: "filed_at") public var filedAt: Double?
    @OptionalField(key: "filed_by") public var filedBy: String?
    /// Who marked it missing (the head above, or the admin), and why.
    @OptionalField(key: "marked_missing_by") public var markedMissingBy: String?
    @OptionalField(key: "missing_reason") public var missingReason: String?
    /// JSON: the receipt of the report each incident became, by its index.
    @OptionalField(key: "reported_incidents") public var reportedIncidents: String?
    @Field(key: "created_at") public var createdAt: Double

    public init() {}
}

/// Creates the statements table, one row per unit and period, and the markers that make each reminder and
/// escalation of a missing statement happen once, whichever instance runs the job.
struct M022CreateSupervisionStatements: AsyncMigration {
    var name: String { "M022CreateSupervisionStatements" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SupervisionStatementModel.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(UnitModel.schema, .id, onDelete: .restrict))
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("content", .string)
            .field("filed_on", .string)
            .field("filed_at", .double)
            .field("filed_by", .string)
            .field("marked_missing_by", .string)
            .field("missing_reason", .string)
            .field("reported_incidents", .string)
            .field("created_at", .double, .required)
            .unique(on: "unit_id", "period_start")
            .create()
        try await database.schema(SupervisionStore.markerTable)
            .field("unit_id", .uuid, .required)
            .field("period_start", .string, .required)
            .field("kind", .string, .required)
            .field("at", .double, .required)
            .unique(on: "unit_id", "period_start", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SupervisionStore.markerTable).delete()
        try await database.schema(SupervisionStatementModel.schema).delete()
    }
}
