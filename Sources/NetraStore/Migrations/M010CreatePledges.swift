import FluentKit

/// Neutrality pledges: one per ASN per election, signed online or recorded from paper with its scan.
struct M010CreatePledges: AsyncMigration {
    var name: String { "M010CreatePledges" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PledgeModel.schema)
            .id()
            .field("asn_nip", .string, .required)
            .field("election_code", .string, .required)
            .field("method", .string, .required)
            .field("text_version", .string, .required)
            .field("text_sha256", .string, .required)
            .field("scan_sha256", .string)
            .field("signed_at", .double, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "asn_nip", "election_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PledgeModel.schema).delete()
    }
}
