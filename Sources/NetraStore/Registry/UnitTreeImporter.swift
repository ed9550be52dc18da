import FluentKit
import Foundation
import NetraCore
import SQLKit

/// Writes the accepted rows of a units file (`kode,nama,induk,kepala_nip`): a known code is updated —
/// renamed, moved under another parent, given a head — and an unknown one created. A unit that an ASN
/// import made from a name (no code yet) is adopted by a row with the same name under the same parent
/// instead of being doubled. Moving a unit moves its whole subtree, and the unit paths copied into cases,
/// screening flags and support-list hits follow, so every scope stays right. All rows commit together.
public struct UnitTreeImporter: Sendable {
    public struct Summary: Sendable, Codable, Equatable {
        public var rows = 0
        public var inserted = 0
        public var updated = 0
        public var moved = 0
        public var rejectedRows = 0
    }

    /// Tables that copy a unit's path for their scope queries.
    static let pathColumns: [(table: String, column: String)] = [
        (CaseModel.schema, "subject_unit_path"), (ScreeningFlagModel.schema, "unit_path"), (SupportHitModel.schema, "unit_path"),
    ]

    private let database: any Database
    private let actor: String
    private let now: @Sendable () -> Date

    public init(database: any Database, actor: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.database = database
        self.actor = actor
        self.now = now
    }

    /// Reads, checks and writes a units file; `onProblem` receives each faulty row's problems, by line.
    public func run(_ source: some ByteSource, onProblem: (UnitTreeProblem) -> Void = { _ in }) async throws -> Summary {
        let reading = try UnitTreeFile.read(source)
        var summary = try await importRows(reading.rows, refused: reading.refusedCodes, onProblem: onProblem)
        reading.problems.forEach(onProblem)
        summary.rows = reading.rowCount
        summary.rejectedRows += Set(reading.problems.map(\.line)).count
        return summary
    }

    /// Checks rows read elsewhere (the demo region, the admin page) against the stored tree and writes those that pass.
    public func importRows(_ rows: [UnitRow], refused: [String: Int] = [:], onProblem: (UnitTreeProblem) -> Void = { _ in }) async throws -> Summary {
        let actor = self.actor
        let timestamp = now()
        let (summary, problems) = try await database.transaction { db -> (Summary, [UnitTreeProblem]) in
            var units = try await UnitModel.query(on: db).all()
            var byCode: [String: UnitModel] = [:]
            for unit in units { if let code = unit.code { byCode[code] = unit } }
            let plan = UnitTreePlan.check(rows, existing: Self.codedTree(units), refused: refused)

            var summary = Summary(rows: rows.count, rejectedRows: Set(plan.problems.map(\.line)).count)
            let oldPaths = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.path) })
            for row in plan.accepted {
                let parent = row.parentCode.flatMap { byCode[$0] }
                if let unit = byCode[row.code] ?? Self.uncodedUnit(named: row.name, under: parent, in: units) {
                    let moved = unit.parentID != parent?.id
                    let regionCode = row.regionCode ?? unit.regionCode
                    if unit.code != nil && !moved && unit.name == row.name && unit.headNIP == row.headNIP && unit.regionCode == regionCode { continue }
                    unit.code = row.code
                    unit.name = row.name
                    unit.headNIP = row.headNIP
                    unit.regionCode = regionCode
                    unit.parentID = parent?.id
                    byCode[row.code] = unit
                    summary.updated += 1
                    if moved { summary.moved += 1 }
                } else {
                    let unit = UnitModel(name: row.name, parent: parent, regionCode: row.regionCode ?? parent?.regionCode, headNIP: row.headNIP, code: row.code)
                    units.append(unit)
                    byCode[row.code] = unit
                    summary.inserted += 1
                }
            }
            // Paths and depths follow from the parents; only units whose path changed are written again.
            Self.recomputePaths(of: units)
            for unit in units where unit.hasChanges || oldPaths[unit.id!] == nil {
                try await unit.save(on: db)
            }
            guard let sql = db as? any SQLDatabase else { throw StoreError.sqlRequired }
            for unit in units {
                guard let old = oldPaths[unit.id!], old != unit.path else { continue }
                for (table, column) in Self.pathColumns {
                    try await sql.update(table).set(column, to: SQLBind(unit.path)).where(column, .equal, SQLBind(old)).run()
                }
            }
            if summary.inserted + summary.updated > 0 {
                try await AuditLog.append(actor: actor, action: "unit.import", subject: "unit",
                                          details: ["baru": String(summary.inserted), "diperbarui": String(summary.updated), "dipindah": String(summary.moved)],
                                          at: timestamp, on: db)
            }
            return (summary, plan.problems)
        }
        problems.forEach(onProblem)
        return summary
    }

    /// Reads and checks a units file against the stored tree, writing nothing (the page's "periksa saja").
    public func check(_ source: some ByteSource) async throws -> (summary: Summary, problems: [UnitTreeProblem]) {
        let reading = try UnitTreeFile.read(source)
        let plan = UnitTreePlan.check(reading.rows, existing: Self.codedTree(try await UnitModel.query(on: database).all()), refused: reading.refusedCodes)
        let problems = (reading.problems + plan.problems).sorted { $0.line < $1.line }
        return (Summary(rows: reading.rowCount, rejectedRows: Set(problems.map(\.line)).count), problems)
    }

    /// Each coded unit's code → its parent's code (nil for a perangkat daerah), as `UnitTreePlan` takes the stored tree.
    private static func codedTree(_ units: [UnitModel]) -> [String: String?] {
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        var tree: [String: String?] = [:]
        for unit in units { if let code = unit.code { tree[code] = .some(unit.parentID.flatMap { byID[$0]?.code }) } }
        return tree
    }

    private static func uncodedUnit(named name: String, under parent: UnitModel?, in units: [UnitModel]) -> UnitModel? {
        let key = UnitDirectory.key(name)
        return units.first { $0.code == nil && $0.parentID == parent?.id && UnitDirectory.key($0.name) == key }
    }

    /// Sets each unit's path and depth from its parent, roots first.
    static func recomputePaths(of units: [UnitModel]) {
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        var done: Set<UUID> = []
        func settle(_ unit: UnitModel) {
            guard !done.contains(unit.id!) else { return }
            done.insert(unit.id!)
            let parent = unit.parentID.flatMap { byID[$0] }
            if let parent { settle(parent) }
            let path = (parent?.path ?? "/") + unit.id!.uuidString.lowercased() + "/"
            if unit.path != path { unit.path = path }
            let depth = (parent?.depth ?? -1) + 1
            if unit.depth != depth { unit.depth = depth }
        }
        units.forEach(settle)
    }
}

/// A unit as the admin's units page lists it: its place in the tree and its head.
public struct UnitListing: Sendable, Equatable {
    public let code: String?
    public let name: String
    public let parentCode: String?
    public let parentName: String?
    public let headNIP: String?
    /// The head's name from the registry; nil when the NIP is not (yet) there.
    public let headName: String?
    public let regionCode: String?
    public let depth: Int
}

extension UnitTreeImporter {
    public static func hasUnit(code: String, on database: any Database) async throws -> Bool {
        try await UnitModel.query(on: database).filter(\.$code == code).first() != nil
    }

    /// Every unit, parents before their children (by path), with its parent's code and its head's name.
    public static func listing(on database: any Database) async throws -> [UnitListing] {
        let units = try await UnitModel.query(on: database).sort(\.$path).all()
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        let heads = Set(units.compactMap(\.headNIP))
        let names = heads.isEmpty ? [:] : Dictionary(try await ASNModel.query(on: database).filter(\.$nip ~~ Array(heads)).all().map { ($0.nip, $0.name) },
                                                     uniquingKeysWith: { first, _ in first })
        // Siblings by name under each parent, so the page reads like the tree.
        let ordered = units.sorted { lhs, rhs in
            let left = lhs.path.split(separator: "/").map { UUID(uuidString: String($0)).flatMap { byID[$0]?.name } ?? "" }
            let right = rhs.path.split(separator: "/").map { UUID(uuidString: String($0)).flatMap { byID[$0]?.name } ?? "" }
            return left.lexicographicallyPrecedes(right)
        }
        return ordered.map { unit in
            let parent = unit.parentID.flatMap { byID[$0] }
            return UnitListing(code: unit.code, name: unit.name, parentCode: parent?.code, parentName: parent?.name, headNIP: unit.headNIP,
                               headName: unit.headNIP.flatMap { names[$0] }, regionCode: unit.regionCode, depth: unit.depth)
        }
    }
}
