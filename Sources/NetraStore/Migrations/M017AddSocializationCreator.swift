import FluentKit

/// Which account recorded a socialization event, so that only its recorder (or the admin) adds attendees.
struct M017AddSocializationCreator: AsyncMigration {
    var name: String { "M017AddSocializationCreator" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SocializationEventModel.schema).field("creator_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SocializationEventModel.schema).deleteField("creator_id").update()
    }
}
