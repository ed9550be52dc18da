import FluentKit

/// Evidence and uploaded lists kept in the database (NETRA_EVIDENCE_STORE=database), encrypted as on disk.
struct M026CreateEvidenceBlobs: AsyncMigration {
    var name: String { "M026CreateEvidenceBlobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(EvidenceVault.table)
            .field("sha256", .string, .identifier(auto: false))
            .field("content", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EvidenceVault.table).delete()
    }
}
