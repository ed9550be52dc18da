import FluentKit
import Foundation
import NetraCore

/// Finds the unit an imported row belongs to from the two names a registry export carries
/// (perangkat_daerah and unit_kerja), creating units that do not exist yet. Names match whatever
/// their case and spacing.
struct UnitDirectory: Sendable {
    private var roots: [String: UnitModel] = [:]
    /// (root id, normalized name) → unit anywhere below that root.
    private var descendants: [String: UUID] = [:]
    /// Unit code → unit, for exports that carry `kode_unit`.
    private var coded: [String: UUID] = [:]

    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    init(loadingFrom database: any Database) async throws {
        let units = try await UnitModel.query(on: database).sort(\.$depth).all()
        var byID: [UUID: UnitModel] = [:]
        for unit in units {
            byID[unit.id!] = unit
            if let code = unit.code { coded[code] = unit.id! }
            if unit.parentID == nil {
                roots[Self.key(unit.name)] = unit
            } else if let rootID = unit.path.split(separator: "/").first.flatMap({ UUID(uuidString: String($0)) }) {
                let composite = rootID.uuidString + "|" + Self.key(unit.name)
                if descendants[composite] == nil { descendants[composite] = unit.id }
            }
        }
    }

    func knows(code: String) -> Bool { coded[code] != nil }

    mutating func unitID(of record: ASNRecord, on database: any Database) async throws -> UUID {
        if let code = record.unitCode, let id = coded[code] { return id }
        return try await unitID(agency: record.agency, workUnit: record.workUnit, on: database)
    }

    mutating func unitID(agency: String, workUnit: String, on database: any Database) async throws -> UUID {
        let root: UnitModel
        if let known = roots[Self.key(agency)] {
            root = known
        } else {
            root = UnitModel(name: agency.trimmingCharacters(in: .whitespaces), parent: nil, regionCode: nil)
            try await root.create(on: database)
            roots[Self.key(agency)] = root
        }
        if Self.key(workUnit) == Self.key(agency) { return root.id! }
        let composite = root.id!.uuidString + "|" + Self.key(workUnit)
        if let id = descendants[composite] { return id }
        let unit = UnitModel(name: workUnit.trimmingCharacters(in: .whitespaces), parent: root, regionCode: root.regionCode)
        try await unit.create(on: database)
        descendants[composite] = unit.id!
        return unit.id!
    }
}
