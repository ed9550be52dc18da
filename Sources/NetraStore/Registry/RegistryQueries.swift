import FluentKit
import Foundation
import NetraCore
import SQLKit

/// A unit in the tree, with how many ASN sit in it and below it.
public struct UnitNode: Codable, Sendable, Equatable {
    public let id: UUID
    /// The code BKPSDM gives the unit; nil for a unit made from a name in an ASN export.
    public let code: String?
    public let name: String
    public let depth: Int
    public let regionCode: String?
    public let headNIP: String?
    public let directCount: Int
    public var totalCount: Int
    public var children: [UnitNode]
}

public struct ASNSummary: Codable, Sendable, Equatable {
    public let nip: String
    public let name: String
    public let position: String
    public let status: String
    public let unitName: String
}

public struct ASNDetail: Codable, Sendable, Equatable {
    public let nip: String
    public let nik: String
    public let name: String
    public let gender: String
    /// Nil, like e-mail, phone and social accounts, for a viewer who may not see personal details.
    public let birthDate: String?
    public let position: String
    public let status: String
    public let email: String?
    public let phone: String?
    public let unitID: UUID
    /// From the perangkat daerah down to the person's own unit.
    public let unitPath: [String]
    public let socialAccounts: [String]
}

/// The registry questions the pages and the API ask, each already limited to the viewer's scope.
public enum RegistryQueries {
    public static func unit(id: UUID, on database: any Database) async throws -> UnitModel? {
        try await UnitModel.find(id, on: database)
    }

    /// The units in `scope` as a tree, with the ASN each holds (`counting`; without, every count is 0 and the
    /// registry is not read, for a list of units to choose from).
    public static func unitTree(scope: RegistryScope, counting: Bool = true, on database: any Database) async throws -> [UnitNode] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        let units = try await UnitModel.query(on: database).sort(\.$depth).sort(\.$name).all()
        let visible: [UnitModel]
        switch scope {
        case .all: visible = units
        case .subtree(let prefix): visible = units.filter { $0.path.hasPrefix(prefix) }
        case .person, .nothing: return []
        }
        var counts: [UUID: Int] = [:]
        for row in !counting ? [] : try await sql.select().column("unit_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(ASNModel.schema).groupBy("unit_id").all() {
            counts[try row.decode(column: "unit_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        let ids = Set(visible.compactMap(\.id))
        var childrenOf: [UUID: [UnitModel]] = [:]
        var roots: [UnitModel] = []
        for unit in visible {
            if let parent = unit.parentID, ids.contains(parent) { childrenOf[parent, default: []].append(unit) } else { roots.append(unit) }
        }
        func build(_ unit: UnitModel) -> UnitNode {
            let children = (childrenOf[unit.id!] ?? []).map(build)
            let direct = counts[unit.id!] ?? 0
            return UnitNode(id: unit.id!, code: unit.code, name: unit.name, depth: unit.depth, regionCode: unit.regionCode, headNIP: unit.headNIP,
                            directCount: direct, totalCount: direct + children.reduce(0) { $0 + $1.totalCount }, children: children)
        }
        return roots.map(build)
    }

    /// ASN whose name contains `text` or whose NIP starts with its digits, newest scope rules applied.
    /// The deepest a search pages: far beyond any registry (a province has ~100,000 ASN), and small enough that
    /// `offset + limit` never overflows.
    public static let maxOffset = 10_000_000

    public static func search(_ text: String, scope: RegistryScope, unitID: UUID? = nil, limit: Int = 50, offset: Int = 0,
                              on database: any Database) async throws -> [ASNSummary] {
        let query = ASNModel.query(on: database).join(UnitModel.self, on: \ASNModel.$unitID == \UnitModel.$id)
        switch scope {
        case .all: break
        case .subtree(let prefix): query.filter(UnitModel.self, \.$path, .custom("LIKE"), likePrefix(prefix))
        case .person(let nip): query.filter(\.$nip == nip)
        case .nothing: return []
        }
        if let unitID, let unit = try await UnitModel.find(unitID, on: database) {
            query.filter(UnitModel.self, \.$path, .custom("LIKE"), likePrefix(unit.path))
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.filter(\.isNumber)
        if !trimmed.isEmpty {
            if !digits.isEmpty && digits.count == trimmed.filter({ !$0.isWhitespace && $0 != "." }).count {
                query.filter(\.$nip, .custom("LIKE"), likePrefix(digits))
            } else {
                // PostgreSQL's LIKE is case-sensitive; SQLite's already ignores ASCII case.
                let isPostgres = (database as? any SQLDatabase)?.dialect.name == "postgresql"
                query.filter(\.$name, .custom(isPostgres ? "ILIKE" : "LIKE"), "%" + escapeLike(trimmed) + "%")
            }
        }
        // Callers check their input; the store still never computes a range that overflows.
        let start = min(max(0, offset), maxOffset), count = min(max(0, limit), maxOffset)
        let rows = try await query.sort(\.$name).range(start..<(start + count)).all()
        return try rows.map { asn in
            let unit = try asn.joined(UnitModel.self)
            return ASNSummary(nip: asn.nip, name: asn.name, position: asn.position, status: asn.status, unitName: unit.name)
        }
    }

    /// One person, or nil when unknown or outside the scope (the caller answers 404 either way).
    public static func detail(nip: String, scope: RegistryScope, on database: any Database) async throws -> ASNDetail? {
        guard let asn = try await ASNModel.query(on: database).filter(\.$nip == nip).first(),
              let unit = try await UnitModel.find(asn.unitID, on: database),
              scope.allows(unitPath: unit.path, nip: asn.nip) else { return nil }
        let ancestorIDs = unit.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) }
        let ancestors = try await UnitModel.query(on: database).filter(\.$id ~~ ancestorIDs).sort(\.$depth).all()
        let handles = try await SocialAccountModel.query(on: database).filter(\.$asnID == asn.id!).sort(\.$handle).all().map(\.handle)
        return ASNDetail(nip: asn.nip, nik: asn.nik, name: asn.name, gender: asn.gender, birthDate: asn.birthDate, position: asn.position,
                         status: asn.status, email: asn.email, phone: asn.phone, unitID: unit.id!, unitPath: ancestors.map(\.name),
                         socialAccounts: handles)
    }

    public static func asnCount(on database: any Database) async throws -> Int {
        try await ASNModel.query(on: database).count()
    }

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }

    private static func likePrefix(_ text: String) -> String { escapeLike(text) + "%" }
}

extension ASNDetail {
    /// The record as a viewer may see it: the NIK masked to its last four digits unless `fullNIK`; birth
    /// date, e-mail, phone and social accounts left out unless `personalDetails`.
    public func shown(fullNIK: Bool, personalDetails: Bool) -> ASNDetail {
        let nik = fullNIK ? nik : ((try? NIK(nik))?.masked ?? String(repeating: "*", count: 16))
        return personalDetails
            ? ASNDetail(nip: nip, nik: nik, name: name, gender: gender, birthDate: birthDate, position: position, status: status,
                        email: email, phone: phone, unitID: unitID, unitPath: unitPath, socialAccounts: socialAccounts)
            : ASNDetail(nip: nip, nik: nik, name: name, gender: gender, birthDate: nil, position: position, status: status,
                        email: nil, phone: nil, unitID: unitID, unitPath: unitPath, socialAccounts: [])
    }
}

extension RegistryQueries {
    /// Every ASN as the support-list matcher needs them (NIP, NIK, name, birth date).
    public static func matchableASN(on database: any Database) async throws -> [MatchableASN] {
        guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
        return try await sql.select().columns("nip", "nik", "name", "birth_date").from(ASNModel.schema).all().map { row in
            MatchableASN(nip: try row.decode(column: "nip", as: String.self), nik: try? NIK(try row.decode(column: "nik", as: String.self)),
                         name: try row.decode(column: "name", as: String.self),
                         birthDate: LocalDate(iso8601: try row.decode(column: "birth_date", as: String.self)))
        }
    }
}
