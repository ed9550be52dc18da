import FluentKit
import SQLKit

/// Regions, units, ASN and their social-media accounts. Migrations are numbered and never edited:
/// a later change is a new migration.
struct M001CreateRegistry: AsyncMigration {
    var name: String { "M001CreateRegistry" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RegionModel.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("level", .string, .required)
            .field("parent_code", .string)
            .create()
        try await database.schema(UnitModel.schema)
            .id()
            .field("name", .string, .required)
            .field("parent_id", .uuid, .references(UnitModel.schema, .id, onDelete: .restrict))
            .field("path", .string, .required)
            .field("depth", .int, .required)
            .field("region_code", .string)
            .field("head_nip", .string)
            .unique(on: "path")
            .create()
        try await database.schema(ASNModel.schema)
            .id()
            .field("nip", .string, .required)
            .field("nik", .string, .required)
            .field("name", .string, .required)
            .field("gender", .string, .required)
            .field("birth_date", .string, .required)
            .field("position", .string, .required)
            .field("unit_id", .uuid, .required, .references(UnitModel.schema, .id, onDelete: .restrict))
            .field("status", .string, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("updated_at", .double, .required)
            .unique(on: "nip")
            .create()
        try await database.schema(SocialAccountModel.schema)
            .id()
            .field("asn_id", .uuid, .required, .references(ASNModel.schema, .id, onDelete: .cascade))
            .field("handle", .string, .required)
            .unique(on: "asn_id", "handle")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "asn_unit_id_idx").on(ASNModel.schema).column("unit_id").run()
            try await sql.create(index: "asn_name_idx").on(ASNModel.schema).column("name").run()
            try await sql.create(index: "units_parent_idx").on(UnitModel.schema).column("parent_id").run()
            try await sql.create(index: "social_handle_idx").on(SocialAccountModel.schema).column("handle").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SocialAccountModel.schema).delete()
        try await database.schema(ASNModel.schema).delete()
        try await database.schema(UnitModel.schema).delete()
        try await database.schema(RegionModel.schema).delete()
    }
}
