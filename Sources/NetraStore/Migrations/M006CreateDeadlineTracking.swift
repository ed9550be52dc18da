import FluentKit
import SQLKit

/// Deadline reminders and escalations: per-case markers, so each is sent once per due date, and an
/// outbox of notifications for the people who must act.
struct M006CreateDeadlineTracking: AsyncMigration {
    var name: String { "M006CreateDeadlineTracking" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        try await database.schema(CaseModel.schema).field("reminded_due_on", .string).update()
        try await database.schema(CaseModel.schema).field("escalated_due_on", .string).update()
        try await database.schema(NotificationModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, .id, onDelete: .restrict))
            .field("unit_id", .uuid)
            .field("kind", .string, .required)
            .field("message", .string, .required)
            .field("created_at", .double, .required)
            .field("delivered_at", .double)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationModel.schema).delete()
        try await database.schema(CaseModel.schema).deleteField("escalated_due_on").update()
        try await database.schema(CaseModel.schema).deleteField("reminded_due_on").update()
    }
}
