import FluentKit
import Foundation
import NetraCore
import SQLKit

public enum TransparencyQueries {
    /// The public facts of every case, and when any case last changed.
    public static func facts(calendar: ElectionCalendar, on database: any Database) async throws -> (cases: [PublicCaseFacts], updatedAt: Double?) {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let agencies = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: database).filter(\.$parentID == nil).all().map { ($0.id!, $0.name) })
        let rows = try await sql.select().columns("state", "subject_unit_path", "updated_at").from(CaseModel.schema).all()
        var updatedAt: Double?
        let decoder = JSONDecoder()
        let cases = try rows.map { row -> PublicCaseFacts in
            let state = try decoder.decode(Case.self, from: Data(try row.decode(column: "state", as: String.self).utf8))
            let changed = try row.decode(column: "updated_at", as: Double.self)
            updatedAt = max(updatedAt ?? changed, changed)
            let root = try row.decode(column: "subject_unit_path", as: String.self).split(separator: "/").first.flatMap { UUID(uuidString: String($0)) }
            return PublicCaseFacts(behaviours: state.behaviours, phase: calendar.phase(on: state.openedOn),
                                   outcome: PublicOutcome(status: state.status, decided: state.decision?.level),
                                   agency: root.flatMap { agencies[$0] } ?? "Tidak diketahui")
        }
        return (cases, updatedAt)
    }
}
