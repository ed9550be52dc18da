import FluentKit
import SQLKit

/// Letters kept as composed, with their hash and verification code; pangkat/golongan in the registry.
struct M023AddOfficialLetters: AsyncMigration {
    var name: String { "M023AddOfficialLetters" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for column in ["content", "sha256", "verification_code"] {
            try await database.schema(LetterModel.schema).field(FieldKey(stringLiteral: column), .string).update()
        }
        try await database.schema(ASNModel.schema).field("rank", .string).update()
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("CREATE UNIQUE INDEX letters_verification_code ON \(ident: LetterModel.schema) (verification_code)").run()
        // Two decisions typed with one decree number at the same moment: the second is refused by the database.
        try await sql.raw("CREATE UNIQUE INDEX letters_decree_number ON \(ident: LetterModel.schema) (number) WHERE kind = 'keputusan'").run()
        // Until now a letter's place in the register was its number's sequence; the register continues from there.
        for row in try await sql.raw("SELECT year, MAX(sequence) AS last FROM \(ident: LetterModel.schema) GROUP BY year").all() {
            let year = try row.decode(column: "year", as: Int.self), last = try row.decode(column: "last", as: Int.self)
            try await sql.insert(into: CounterModel.schema).columns("name", "last_value").values(SQLBind(Counters.letterRegister(year: year)), SQLBind(last)).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        try await sql.raw("DROP INDEX IF EXISTS letters_verification_code").run()
        try await sql.raw("DROP INDEX IF EXISTS letters_decree_number").run()
        try await sql.delete(from: CounterModel.schema).where("name", .like, "letter-register-%").run()
        try await database.schema(ASNModel.schema).deleteField("rank").update()
        for column in ["content", "sha256", "verification_code"] {
            try await database.schema(LetterModel.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
