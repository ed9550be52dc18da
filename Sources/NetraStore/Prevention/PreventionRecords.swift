import FluentKit
import Foundation
import NetraCore
import SQLKit

/// What prevention reached for one ASN: the pledge for an election, the socializations attended and the quiz.
public struct PreventionRecord: Sendable, Equatable {
    public let nip: String
    public let name: String
    /// When the pledge for the chosen election was signed, and how ("online" or "paper").
    public var pledgedAt: Date?
    public var pledgeMethod: String?
    public var socializations = 0
    public var quizAttempts = 0
    /// The best score over all attempts, with its question count.
    public var bestQuizScore: Int?
    public var quizTotal: Int?
    public var quizPassed = false

    public init(nip: String, name: String) {
        self.nip = nip
        self.name = name
    }

    /// How many of the three (pledge, socialization, quiz passed) reached this person.
    public var reached: Int { (pledgedAt == nil ? 0 : 1) + (socializations > 0 ? 1 : 0) + (quizPassed ? 1 : 0) }
}

/// One ASN's prevention history in full, for their registry page.
public struct PreventionHistory: Sendable {
    public struct Socialization: Sendable {
        public let title: String
        public let heldOn: String
        public let organizer: String
    }

    public let pledges: [PledgeModel]
    public let socializations: [Socialization]
    public let quizAttempts: [QuizAttemptModel]
}

public enum PreventionRecords {
    /// The ASN placed directly in `unitID`, each with their prevention record, the least reached first.
    public static func members(of unitID: UUID, electionCode: String?, on database: any Database) async throws -> [PreventionRecord] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        var records: [String: PreventionRecord] = [:]
        for row in try await sql.raw("SELECT nip, name FROM asn WHERE unit_id = \(bind: unitID)").all() {
            let nip = try row.decode(column: "nip", as: String.self)
            records[nip] = PreventionRecord(nip: nip, name: try row.decode(column: "name", as: String.self))
        }
        if let electionCode {
            for row in try await sql.raw("""
                SELECT p.asn_nip AS nip, p.signed_at AS signed_at, p.method AS method FROM pledges p JOIN asn a ON a.nip = p.asn_nip
                WHERE a.unit_id = \(bind: unitID) AND p.election_code = \(bind: electionCode)
                """).all() {
                let nip = try row.decode(column: "nip", as: String.self)
                records[nip]?.pledgedAt = Date(timeIntervalSince1970: try row.decode(column: "signed_at", as: Double.self))
                records[nip]?.pledgeMethod = try row.decode(column: "method", as: String.self)
            }
        }
        for row in try await sql.raw("""
            SELECT s.asn_nip AS nip, COUNT(*) AS n FROM socialization_attendance s JOIN asn a ON a.nip = s.asn_nip
            WHERE a.unit_id = \(bind: unitID) GROUP BY s.asn_nip
            """).all() {
            records[try row.decode(column: "nip", as: String.self)]?.socializations = try row.decode(column: "n", as: Int.self)
        }
        for row in try await sql.raw("""
            SELECT q.asn_nip AS nip, q.score AS score, q.total AS total, q.passed AS passed FROM quiz_attempts q JOIN asn a ON a.nip = q.asn_nip
            WHERE a.unit_id = \(bind: unitID)
            """).all() {
            let nip = try row.decode(column: "nip", as: String.self)
            guard var record = records[nip] else { continue }
            let score = try row.decode(column: "score", as: Int.self)
            record.quizAttempts += 1
            if score >= record.bestQuizScore ?? -1 {
                record.bestQuizScore = score
                record.quizTotal = try row.decode(column: "total", as: Int.self)
            }
            record.quizPassed = try record.quizPassed || row.decode(column: "passed", as: Bool.self)
            records[nip] = record
        }
        return records.values.sorted { ($0.reached, $0.name, $0.nip) < ($1.reached, $1.name, $1.nip) }
    }

    /// Every pledge, socialization and quiz attempt of one ASN, newest first.
    public static func history(of nip: String, on database: any Database) async throws -> PreventionHistory {
        let attendance = try await SocializationAttendanceModel.query(on: database).filter(\.$asnNIP == nip).all()
        let events = try await SocializationEventModel.query(on: database).filter(\.$id ~~ attendance.map(\.eventID)).sort(\.$heldOn, .descending).all()
        let attempts = try await QuizAttemptModel.query(on: database).filter(\.$asnNIP == nip).sort(\.$takenAt, .descending).all()
        return PreventionHistory(pledges: try await PledgeStore.pledges(of: nip, on: database),
                                 socializations: events.map { .init(title: $0.title, heldOn: $0.heldOn, organizer: $0.organizer) },
                                 quizAttempts: attempts)
    }
}
