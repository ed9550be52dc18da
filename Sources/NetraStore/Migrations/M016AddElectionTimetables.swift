import FluentKit

/// Elections recorded by the admin carry their KPU timetable, the office contested and the pairs, so the
/// guide's phases, dashboards and screening read the region's own elections rather than files shipped in code.
struct M016AddElectionTimetables: AsyncMigration {
    var name: String { "M016AddElectionTimetables" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(ElectionModel.schema).field("kind", .string, .required, .sql(.default("pilkada"))).update()
        try await database.schema(ElectionModel.schema).field("office", .string).update()
        try await database.schema(ElectionModel.schema).field("timetable", .string).update()
        try await database.schema(ElectionModel.schema).field("pairs", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["pairs", "timetable", "office", "kind"] {
            try await database.schema(ElectionModel.schema).deleteField(.string(field)).update()
        }
    }
}
