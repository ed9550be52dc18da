import Crypto
import Foundation

/// One recorded change. Each record carries the hash of the one before it, so editing, deleting or
/// reordering any record breaks the chain from that point on.
public struct AuditRecord: Sendable, Codable, Equatable {
    public let sequence: Int
    /// ISO 8601 instant, UTC.
    public let at: String
    public let actor: String
    public let action: String
    /// What the change is about, e.g. "case:3f2a…".
    public let subject: String
    /// JSON of what changed, as written (canonical key order is the writer's job).
    public let details: String
    public let previousHash: String
    public let hash: String

    public init(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(count: Int)
    /// The first record at which the chain breaks, and why.
    case broken(sequence: Int, reason: String)
}

public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Seals the next record after `previous` (nil for the first).
    public static func seal(after previous: AuditRecord?, at: String, actor: String, action: String, subject: String, details: String) -> AuditRecord {
        let sequence = (previous?.sequence ?? 0) + 1
        let previousHash = previous?.hash ?? genesisHash
        return AuditRecord(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details,
                           previousHash: previousHash,
                           hash: digest(sequence: sequence, at: at, actor: actor, action: action, subject: subject, details: details, previousHash: previousHash))
    }

    /// Checks records in stored order.
    public static func verify(_ records: [AuditRecord]) -> AuditVerification {
        var previousHash = genesisHash
        for (index, record) in records.enumerated() {
            let expectedSequence = index + 1
            if record.sequence != expectedSequence {
                return .broken(sequence: record.sequence, reason: "urutan \(record.sequence) di posisi \(expectedSequence): catatan dihapus atau ditukar")
            }
            if record.previousHash != previousHash {
                return .broken(sequence: record.sequence, reason: "tidak tersambung dengan catatan sebelumnya")
            }
            let recomputed = digest(sequence: record.sequence, at: record.at, actor: record.actor, action: record.action,
                                    subject: record.subject, details: record.details, previousHash: record.previousHash)
            if recomputed != record.hash {
                return .broken(sequence: record.sequence, reason: "isi catatan telah diubah")
            }
            previousHash = record.hash
        }
        return .intact(count: records.count)
    }

    static func digest(sequence: Int, at: String, actor: String, action: String, subject: String, details: String, previousHash: String) -> String {
        // Length-prefixed fields, so that no choice of field contents can collide with another split.
        var data = Data()
        for field in [String(sequence), at, actor, action, subject, details, previousHash] {
            let bytes = Array(field.utf8)
            data.append(contentsOf: String(bytes.count).utf8)
            data.append(0x3A)
            data.append(contentsOf: bytes)
        }
        return SHA256.hash(data: data).hexString
    }
}
