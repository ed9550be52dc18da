import FluentKit
import Foundation
import NetraCore
import SQLKit

public enum TransparencyQueries {
    /// The public facts of every case, from one grouped query, and when any case last changed.
    public static func facts(calendar: ElectionCalendar, on database: any Database) async throws -> (cases: [PublicCaseFacts], updatedAt: Double?) {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let agencies = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: database).filter(\.$parentID == nil).all().map { ($0.id!, $0.name) })
        let rows = try await sql.raw("""
            SELECT behaviours, status, sanction_level, opened_on, subject_unit_path, COUNT(*) AS n FROM cases
            GROUP BY behaviours, status, sanction_level, opened_on, subject_unit_path
            """).all()
        var cases: [PublicCaseFacts] = []
        for row in rows {
            let behaviours = try row.decode(column: "behaviours", as: String.self).split(separator: ",").compactMap { Behaviour(rawValue: String($0)) }
            guard let status = CaseStatus(rawValue: try row.decode(column: "status", as: String.self)),
                  let opened = LocalDate(iso8601: try row.decode(column: "opened_on", as: String.self)) else { continue }
            let level = try row.decode(column: "sanction_level", as: String?.self).flatMap(SanctionLevel.init(rawValue:))
            let root = try row.decode(column: "subject_unit_path", as: String.self).split(separator: "/").first.flatMap { UUID(uuidString: String($0)) }
            let facts = PublicCaseFacts(behaviours: behaviours, phase: calendar.phase(on: opened), outcome: PublicOutcome(status: status, decided: level),
                                        agency: root.flatMap { agencies[$0] } ?? "Tidak diketahui")
            cases += Array(repeating: facts, count: try row.decode(column: "n", as: Int.self))
        }
        let updatedAt = try await sql.raw("SELECT MAX(updated_at) AS latest FROM cases").first()?.decode(column: "latest", as: Double?.self)
        return (cases, updatedAt)
    }
}
