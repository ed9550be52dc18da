import FluentKit

struct M002CreateUsers: AsyncMigration {
    var name: String { "M002CreateUsers" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .references(UnitModel.schema, .id, onDelete: .restrict))
            .field("asn_nip", .string)
            .field("failed_logins", .int, .required)
            .field("locked_until", .double)
            .unique(on: "username")
            .create()
        try await database.schema(ElectionModel.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("voting_date", .string, .required)
            .field("region_code", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ElectionModel.schema).delete()
        try await database.schema(UserModel.schema).delete()
    }
}
