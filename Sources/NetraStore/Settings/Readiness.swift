import FluentKit
import Foundation
import NetraCore

/// What a region still lacks before it can work (the admin's go-live page): each gap with how many and a
/// few names, so the admin can fix them one by one.
public struct Readiness: Sendable, Equatable {
    /// A unit as the page names it.
    public struct UnitRef: Sendable, Equatable {
        public let code: String?
        public let name: String
        public let headNIP: String?
    }

    public var districts = 0
    public var villages = 0
    public var units = 0
    public var people = 0
    /// Perangkat daerah and unit kerja with no head NIP: nobody supervises them, their cases go one level up.
    public var unitsWithoutHead: [UnitRef] = []
    /// Heads whose NIP is not in the registry (units usually come before the ASN export).
    public var headsNotInRegistry: [UnitRef] = []
    /// Heads in the registry who cannot sign in: no active account carries their NIP.
    public var headsWithoutAccount: [UnitRef] = []
    public var elections = 0
    public var hasLetterhead = false

    /// The region can work: every gap closed.
    public var isReady: Bool {
        districts > 0 && units > 0 && people > 0 && unitsWithoutHead.isEmpty && headsNotInRegistry.isEmpty && headsWithoutAccount.isEmpty
            && elections > 0 && hasLetterhead
    }

    public static func check(on database: any Database) async throws -> Readiness {
        var readiness = Readiness()
        (readiness.districts, readiness.villages) = try await RegionStore.counts(on: database)
        let units = try await UnitModel.query(on: database).all()
        readiness.units = units.count
        readiness.people = try await ASNModel.query(on: database).count()
        let heads = Set(units.compactMap(\.headNIP))
        let registered = heads.isEmpty ? [] : Set(try await ASNModel.query(on: database).filter(\.$nip ~~ Array(heads)).all().map(\.nip))
        let linked = heads.isEmpty ? [] : Set(try await UserModel.query(on: database).filter(\.$asnNIP ~~ Array(heads)).filter(\.$active == true).all()
            .compactMap(\.asnNIP))
        // Coded units first in code order ("2.01.02" before "2.01.10"), then those made from an ASN export, by name.
        let ordered = units.sorted { lhs, rhs in
            switch (lhs.code, rhs.code) {
            case let (left?, right?): left.compare(right, options: .numeric) == .orderedAscending
            case (.some, .none): true
            case (.none, .some): false
            case (.none, .none): lhs.name.compare(rhs.name, options: .numeric) == .orderedAscending
            }
        }
        for unit in ordered {
            let ref = UnitRef(code: unit.code, name: unit.name, headNIP: unit.headNIP)
            guard let head = unit.headNIP else { readiness.unitsWithoutHead.append(ref); continue }
            if !registered.contains(head) { readiness.headsNotInRegistry.append(ref) }
            else if !linked.contains(head) { readiness.headsWithoutAccount.append(ref) }
        }
        readiness.elections = try await ElectionModel.query(on: database).count()
        readiness.hasLetterhead = try await LetterheadStore.current(on: database) != nil
        return readiness
    }
}
