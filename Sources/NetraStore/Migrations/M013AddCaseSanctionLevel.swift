import FluentKit
import Foundation
import NetraCore
import SQLKit

/// The decided sanction level as a column beside the case state, so public figures count outcomes with
/// one grouped query instead of reading every case's state. Filled in for the cases already there.
struct M013AddCaseSanctionLevel: AsyncMigration {
    var name: String { "M013AddCaseSanctionLevel" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CaseModel.schema).field("sanction_level", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        let decoder = JSONDecoder()
        for row in try await sql.raw("SELECT id, state FROM cases").all() {
            guard let state = try? decoder.decode(Case.self, from: Data(try row.decode(column: "state", as: String.self).utf8)),
                  let level = state.decision?.level else { continue }
            try await sql.raw("UPDATE cases SET sanction_level = \(bind: level.rawValue) WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseModel.schema).deleteField("sanction_level").update()
    }
}
