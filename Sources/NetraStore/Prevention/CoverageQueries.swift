import FluentKit
import Foundation
import NetraCore
import SQLKit

/// Coverage figures per unit, from grouped counts (one query per figure, whatever the registry's size).
public enum CoverageQueries {
    /// The region tree, to add units' figures up to their desa and kecamatan.
    public struct Areas: Sendable {
        let parentCode: [String: String?]
        let level: [String: String]
        public let names: [String: String]

        /// Totals per kecamatan and per desa over `units` (a unit in a desa counts for the desa and its kecamatan;
        /// one placed at kecamatan level for the kecamatan alone), and each desa's kecamatan.
        public func totals(of units: [UnitModel], direct: [UUID: CoverageCounts])
            -> (districts: [String: CoverageCounts], villages: [String: CoverageCounts], districtOfVillage: [String: String]) {
            var districts: [String: CoverageCounts] = [:], villages: [String: CoverageCounts] = [:], districtOfVillage: [String: String] = [:]
            for unit in units {
                guard var code = unit.regionCode, let counts = direct[unit.id!] else { continue }
                var village: String?
                while level[code] == "desa", let parent = parentCode[code] ?? nil {
                    village = village ?? code
                    code = parent
                }
                guard level[code] == "kecamatan" else { continue }
                districts[code, default: CoverageCounts()] = districts[code, default: CoverageCounts()] + counts
                if let village {
                    villages[village, default: CoverageCounts()] = villages[village, default: CoverageCounts()] + counts
                    districtOfVillage[village] = code
                }
            }
            return (districts, villages, districtOfVillage)
        }
    }

    public struct Snapshot: Sendable {
        public let units: [UnitModel]
        /// Each unit's totals over its subtree, and its own alone.
        public let totals: [UUID: CoverageCounts]
        public let direct: [UUID: CoverageCounts]
        public let areas: Areas
        /// The newest circular, whose acknowledgements are counted.
        public let circular: CircularModel?
    }

    public static func snapshot(electionCode: String?, today: LocalDate, on database: any Database) async throws -> Snapshot {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        var direct: [UUID: CoverageCounts] = [:]
        func grouped(_ query: SQLQueryString, _ apply: (inout CoverageCounts, Int) -> Void) async throws {
            for row in try await sql.raw(query).all() {
                let unit = try row.decode(column: "unit_id", as: UUID.self)
                apply(&direct[unit, default: CoverageCounts()], try row.decode(column: "n", as: Int.self))
            }
        }
        try await grouped("SELECT unit_id, COUNT(*) AS n FROM asn GROUP BY unit_id") { $0.asn = $1 }
        if let electionCode {
            try await grouped("""
                SELECT a.unit_id AS unit_id, COUNT(DISTINCT a.nip) AS n FROM pledges p JOIN asn a ON a.nip = p.asn_nip
                WHERE p.election_code = \(bind: electionCode) GROUP BY a.unit_id
                """) { $0.pledged = $1 }
        }
        try await grouped("""
            SELECT a.unit_id AS unit_id, COUNT(DISTINCT a.nip) AS n FROM socialization_attendance s JOIN asn a ON a.nip = s.asn_nip
            GROUP BY a.unit_id
            """) { $0.socialized = $1 }
        try await grouped("""
            SELECT a.unit_id AS unit_id, COUNT(DISTINCT a.nip) AS n FROM quiz_attempts q JOIN asn a ON a.nip = q.asn_nip
            WHERE q.passed = \(bind: true) GROUP BY a.unit_id
            """) { $0.quizPassed = $1 }
        for row in try await sql.raw("SELECT subject_unit_id, status, due_on FROM cases WHERE subject_unit_id IS NOT NULL").all() {
            direct[try row.decode(column: "subject_unit_id", as: UUID.self), default: CoverageCounts()].cases += 1
            guard let status = CaseStatus(rawValue: try row.decode(column: "status", as: String.self)), status.isOpen else { continue }
            let unit = try row.decode(column: "subject_unit_id", as: UUID.self)
            direct[unit, default: CoverageCounts()].openCases += 1
            if let due = try row.decode(column: "due_on", as: String?.self).flatMap(LocalDate.init(iso8601:)), today > due {
                direct[unit, default: CoverageCounts()].overdueCases += 1
            }
        }
        for row in try await sql.raw("SELECT unit_path FROM screening_flags WHERE status = 'open'").all() {
            let path = try row.decode(column: "unit_path", as: String.self)
            guard let unit = path.split(separator: "/").last.flatMap({ UUID(uuidString: String($0)) }) else { continue }
            direct[unit, default: CoverageCounts()].openFlags += 1
        }

        let units = try await UnitModel.query(on: database).sort(\.$path).all()
        for unit in units { direct[unit.id!, default: CoverageCounts()].units = 1 }
        let circular = try await CircularModel.query(on: database).sort(\.$issuedOn, .descending).sort(\.$number, .descending).first()
        if let circular {
            for acknowledgement in try await CircularAcknowledgementModel.query(on: database).filter(\.$circularID == circular.id!).all() {
                direct[acknowledgement.unitID]?.circularAcknowledged = 1
            }
        }
        let totals = Coverage.subtreeTotals(parents: Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.parentID) }), direct: direct)
        let regions = try await RegionModel.query(on: database).all()
        let areas = Areas(parentCode: Dictionary(uniqueKeysWithValues: regions.map { ($0.id!, $0.parentCode) }),
                          level: Dictionary(uniqueKeysWithValues: regions.map { ($0.id!, $0.level) }),
                          names: Dictionary(uniqueKeysWithValues: regions.map { ($0.id!, $0.name) }))
        return Snapshot(units: units, totals: totals, direct: direct, areas: areas, circular: circular)
    }
}
