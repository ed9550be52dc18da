import FluentKit
import SQLKit

/// Gapless numbering. Call inside a transaction: the counter row is locked (PostgreSQL) or the whole
/// database is (SQLite's single writer) until the transaction ends, and a rolled-back transaction
/// gives its number back.
public enum Counters {
    /// The register every letter of a case takes its place in, whatever number it prints.
    static func letterRegister(year: Int) -> String { "letter-register-\(year)" }

    public static func next(_ name: String, on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        // Create the row if needed, then increment it; the UPDATE takes the row lock that serializes issuers.
        try await sql.insert(into: CounterModel.schema).columns("name", "last_value").values(SQLBind(name), SQLBind(0))
            .ignoringConflicts(with: "name").run()
        let rows = try await sql.raw("UPDATE \(ident: CounterModel.schema) SET last_value = last_value + 1 WHERE name = \(bind: name) RETURNING last_value")
            .all()
        guard let value = try rows.first?.decode(column: "last_value", as: Int.self) else { throw StoreError.sqlRequired }
        return value
    }
}
