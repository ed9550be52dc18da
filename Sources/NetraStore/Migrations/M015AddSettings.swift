import FluentKit

/// The region's settings (letterhead, signers, numbering) and uploaded logos; each letter keeps the
/// letterhead it was issued with.
struct M015AddSettings: AsyncMigration {
    var name: String { "M015AddSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SettingModel.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .double, .required)
            .create()
        try await database.schema(LogoModel.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .create()
        try await database.schema(LetterModel.schema).field("letterhead", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LetterModel.schema).deleteField("letterhead").update()
        try await database.schema(LogoModel.schema).delete()
        try await database.schema(SettingModel.schema).delete()
    }
}
