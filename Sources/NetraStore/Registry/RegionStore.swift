import FluentKit
import Foundation
import NetraCore

/// The region's kecamatan and desa by Kemendagri code (`netra import wilayah`), and what pages read of them.
public enum RegionStore {
    public struct Summary: Sendable, Codable, Equatable {
        public var rows = 0
        public var inserted = 0
        public var updated = 0
        public var rejectedRows = 0
    }

    /// A region as pages name it.
    public struct Region: Sendable, Equatable {
        public let code: String
        public let name: String
        public let level: RegionLevel
    }

    /// Reads, checks and writes a wilayah file; a known code is renamed, an unknown one added. Faulty rows
    /// go to `onProblem` by line; the rest commit together.
    public static func run(_ source: some ByteSource, actor: String, at date: Date, on database: any Database,
                           onProblem: (RegionProblem) -> Void = { _ in }) async throws -> Summary {
        let reading = try await check(source, on: database)
        reading.problems.forEach(onProblem)
        var summary = try await importRows(reading.accepted, actor: actor, at: date, on: database)
        summary.rows = reading.rowCount
        summary.rejectedRows = Set(reading.problems.map(\.line)).count
        return summary
    }

    /// Reads and checks a wilayah file against the stored regions, writing nothing.
    public static func check(_ source: some ByteSource, on database: any Database) async throws -> RegionFile.Reading {
        try RegionFile.read(source, existing: Set(try await RegionModel.query(on: database).all().compactMap(\.id)))
    }

    /// Writes rows already checked (parents first), as `run` and the demo region do.
    public static func importRows(_ rows: [RegionRow], actor: String, at date: Date, on database: any Database) async throws -> Summary {
        try await database.transaction { db in
            var summary = Summary(rows: rows.count)
            let stored = Dictionary(uniqueKeysWithValues: try await RegionModel.query(on: db).all().map { ($0.id!, $0) })
            for row in rows {
                if let model = stored[row.code] {
                    guard model.name != row.name else { continue }
                    model.name = row.name
                    try await model.update(on: db)
                    summary.updated += 1
                } else {
                    try await RegionModel(code: row.code, name: row.name, level: row.level.rawValue, parentCode: row.parentCode).create(on: db)
                    summary.inserted += 1
                }
            }
            if summary.inserted + summary.updated > 0 {
                try await AuditLog.append(actor: actor, action: "region.import", subject: "regions",
                                          details: ["inserted": String(summary.inserted), "updated": String(summary.updated)], at: date, on: db)
            }
            return summary
        }
    }

    /// The region Netra serves: its kabupaten/kota, or the province where several kabupaten are loaded; nil before a wilayah import.
    public static func regency(on database: any Database) async throws -> Region? {
        let tops = try await RegionModel.query(on: database)
            .filter(\.$level ~~ [RegionLevel.province.rawValue, RegionLevel.regency.rawValue]).sort(\.$id).all()
        let regencies = tops.filter { $0.level == RegionLevel.regency.rawValue }
        let chosen = regencies.count == 1 ? regencies.first : tops.first { $0.level == RegionLevel.province.rawValue } ?? regencies.first
        return chosen.flatMap { model in RegionLevel(rawValue: model.level).map { Region(code: model.id!, name: model.name, level: $0) } }
    }

    /// How many kecamatan and desa are known.
    public static func counts(on database: any Database) async throws -> (districts: Int, villages: Int) {
        let districts = try await RegionModel.query(on: database).filter(\.$level == RegionLevel.district.rawValue).count()
        let villages = try await RegionModel.query(on: database).filter(\.$level == RegionLevel.village.rawValue).count()
        return (districts, villages)
    }

    /// Every desa as "Desa X, Kecamatan Y" and every kecamatan, for the report form's place suggestions.
    public static func placeNames(on database: any Database) async throws -> [String] {
        let regions = try await RegionModel.query(on: database)
            .filter(\.$level ~~ [RegionLevel.district.rawValue, RegionLevel.village.rawValue]).sort(\.$id).all()
        let districts = Dictionary(uniqueKeysWithValues: regions.filter { $0.level == RegionLevel.district.rawValue }.map { ($0.id!, $0.name) })
        return regions.map { region in
            guard region.level == RegionLevel.village.rawValue, let district = region.parentCode.flatMap({ districts[$0] }) else { return region.name }
            return "\(region.name), \(district)"
        }
    }
}
