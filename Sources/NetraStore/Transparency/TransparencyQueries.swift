import FluentKit
import Foundation
import NetraCore
import SQLKit

public enum TransparencyQueries {
    /// The counts behind the public figures, one grouped query per published dimension (the same work as the
    /// bare aggregates), and when any case last changed. An open case whose deadline is before `today` counts
    /// as past its deadline.
    public static func counts(calendar: ElectionCalendar, today: LocalDate, on database: any Database) async throws -> (counts: PublicCounts, updatedAt: Double?) {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        var counts = PublicCounts()
        let summary = try await sql.raw("SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM cases").first()
        counts.total = try summary?.decode(column: "n", as: Int.self) ?? 0
        let updatedAt = try summary?.decode(column: "latest", as: Double?.self)
        for row in try await sql.raw("SELECT behaviours, COUNT(*) AS n FROM cases GROUP BY behaviours").all() {
            let n = try row.decode(column: "n", as: Int.self)
            let behaviours = Set(try row.decode(column: "behaviours", as: String.self).split(separator: ",").compactMap { Behaviour(rawValue: String($0)) })
            for behaviour in behaviours { counts.behaviours[behaviour, default: 0] += n }
        }
        for row in try await sql.raw("SELECT opened_on, COUNT(*) AS n FROM cases GROUP BY opened_on").all() {
            guard let day = LocalDate(iso8601: try row.decode(column: "opened_on", as: String.self)) else { continue }
            counts.phases[calendar.phase(on: day), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        for row in try await sql.raw("""
            SELECT status, sanction_level, CASE WHEN due_on IS NOT NULL AND due_on < \(bind: today.iso8601) THEN 1 ELSE 0 END AS late,
                   COUNT(*) AS n FROM cases GROUP BY status, sanction_level, late
            """).all() {
            guard let status = CaseStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            let level = try row.decode(column: "sanction_level", as: String?.self).flatMap(SanctionLevel.init(rawValue:))
            let outcome = PublicOutcome(status: status, decided: level, pastDeadline: try row.decode(column: "late", as: Int.self) == 1)
            counts.outcomes[outcome, default: 0] += try row.decode(column: "n", as: Int.self)
        }
        let agencies = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: database).filter(\.$parentID == nil).all().map { ($0.id!, $0.name) })
        for row in try await sql.raw("SELECT subject_unit_path, COUNT(*) AS n FROM cases GROUP BY subject_unit_path").all() {
            let root = try row.decode(column: "subject_unit_path", as: String.self).split(separator: "/").first.flatMap { UUID(uuidString: String($0)) }
            counts.agencies[root.flatMap { agencies[$0] } ?? "Tidak diketahui", default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return (counts, updatedAt)
    }
}
