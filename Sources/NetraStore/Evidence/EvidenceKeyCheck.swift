import FluentKit
import Foundation
import NetraCore
import SQLKit

/// Every instance on one database must encrypt evidence (and reporters' identities) with one key: files one
/// instance stored must be readable by the others. The database keeps the fingerprint of the key in use,
/// and an instance with another key is refused at start, with the reason, instead of failing later on a
/// file it cannot read.
public enum EvidenceKeyCheck {
    static let setting = "evidence_key_fingerprint"

    public struct Mismatch: Error, Equatable, CustomStringConvertible {
        public let recorded: String
        public let configured: String

        public var description: String {
            "Kunci bukti instans ini (sidik \(configured)) berbeda dari kunci yang dipakai untuk bukti di basis data ini "
                + "(sidik \(recorded)). Pakai NETRA_EVIDENCE_KEY yang sama di setiap instans; saat mengganti kunci, cantumkan "
                + "kunci lama di NETRA_EVIDENCE_OLD_KEYS."
        }
    }

    /// Records the vault's key at its first start; afterwards accepts the recorded key, or a new key that
    /// lists the recorded one among its earlier keys (a rotation, which the record then follows).
    public static func verify(_ vault: EvidenceVault, at date: Date, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let configured = vault.keyFingerprint.hexString
        try await sql.raw("""
            INSERT INTO \(ident: SettingModel.schema) (key, value, updated_at) VALUES (\(bind: setting), \(bind: configured), \(bind: date.timeIntervalSince1970))
            ON CONFLICT (key) DO NOTHING
            """).run()
        guard let recorded = try await SettingModel.find(setting, on: database)?.value, recorded != configured else { return }
        guard vault.previousKeyFingerprints.map(\.hexString).contains(recorded) else { throw Mismatch(recorded: recorded, configured: configured) }
        try await sql.raw("""
            UPDATE \(ident: SettingModel.schema) SET value = \(bind: configured), updated_at = \(bind: date.timeIntervalSince1970)
            WHERE key = \(bind: setting) AND value = \(bind: recorded)
            """).run()
    }
}
