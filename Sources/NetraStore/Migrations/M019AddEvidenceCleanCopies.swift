import FluentKit

/// Each reporter file's copy without metadata (EXIF, GPS, names), which staff see; the original stays
/// sealed for the admin. Null until the copy is made; equal to `sha256` when there was nothing to remove.
struct M019AddEvidenceCleanCopies: AsyncMigration {
    var name: String { "M019AddEvidenceCleanCopies" }

    func prepare(on database: any Database) async throws {
        try await database.schema(EvidenceModel.schema).field("clean_sha256", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvidenceModel.schema).deleteField("clean_sha256").update()
    }
}
