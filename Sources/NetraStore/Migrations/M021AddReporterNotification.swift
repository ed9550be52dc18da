import FluentKit

/// Whether a reporter asked to be e-mailed when their report's status changes (no for every earlier report).
struct M021AddReporterNotification: AsyncMigration {
    var name: String { "M021AddReporterNotification" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReportModel.schema).field("notify_reporter", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportModel.schema).deleteField("notify_reporter").update()
    }
}
