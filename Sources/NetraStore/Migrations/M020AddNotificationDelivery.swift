import FluentKit
import SQLKit

/// Delivered notifications: each account's e-mail address, the link of each in-app notification, and
/// the outbox of e-mails with their attempts and outcome.
struct M020AddNotificationDelivery: AsyncMigration {
    var name: String { "M020AddNotificationDelivery" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema).field("email", .string).update()
        try await database.schema(NotificationModel.schema).field("link", .string).update()
        try await database.schema(OutboxModel.schema)
            .id()
            .field("notification_id", .uuid)
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("recipient_sealed", .bool, .required)
            .field("recipient_label", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("link", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .double, .required)
            .field("lease_until", .double)
            .field("last_error", .string)
            .field("created_at", .double, .required)
            .field("sent_at", .double)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX outbox_due ON \(ident: OutboxModel.schema) (status, next_attempt_at)").run()
            try await sql.raw("CREATE INDEX notifications_unit ON \(ident: NotificationModel.schema) (unit_id, created_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxModel.schema).delete()
        try await database.schema(NotificationModel.schema).deleteField("link").update()
        try await database.schema(UserModel.schema).deleteField("email").update()
    }
}
