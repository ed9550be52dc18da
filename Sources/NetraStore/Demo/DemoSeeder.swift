import FluentKit
import Foundation
import NetraCore

/// Loads the demo region into an empty database.
public struct DemoSeeder: Sendable {
    private let database: any Database
    private let hashPassword: @Sendable (String) throws -> String

    /// `hashPassword` is the web layer's bcrypt; the store does not choose how passwords are hashed.
    public init(database: any Database, hashPassword: @escaping @Sendable (String) throws -> String) {
        self.database = database
        self.hashPassword = hashPassword
    }

    public func isDatabaseEmpty() async throws -> Bool {
        let people = try await ASNModel.query(on: database).count()
        let users = try await UserModel.query(on: database).count()
        return people == 0 && users == 0
    }

    /// Builds the demo region through the same importers and account service a real region uses: units
    /// from a units file's rows (the demo's keys are their codes), the ASN export, then the accounts.
    @discardableResult
    public func seed(_ dataset: DemoDataset = .generate()) async throws -> RegistryImporter.Summary {
        guard try await isDatabaseEmpty() else { throw StoreError.notEmpty("data ASN atau pengguna") }
        let regions = dataset.regions.enumerated().compactMap { index, region in
            RegionLevel(code: region.code).map { RegionRow(line: index + 2, code: region.code, name: region.name, level: $0) }
        }
        try await RegionStore.importRows(regions, actor: Self.actor, at: Date(), on: database)
        for election in dataset.elections {
            try await ElectionStore.save(election.regional, actor: Self.actor, at: Date(), on: database)
        }
        let rows = dataset.units.enumerated().map { index, unit in
            UnitRow(line: index + 2, code: unit.key, name: unit.name, parentCode: unit.parentKey, headNIP: dataset.heads[unit.key], regionCode: unit.regionCode)
        }
        let units = try await UnitTreeImporter(database: database, actor: Self.actor).importRows(rows)
        guard units.rejectedRows == 0 else { throw StoreError.demoRejected("unit") }
        let summary = try await RegistryImporter(database: database).importRecords(dataset.people.map(\.record))
        let hashPassword = self.hashPassword
        let accounts = AccountStore(database: database, hashPassword: { try hashPassword($0) })
        for account in dataset.accounts {
            guard let role = Role(rawValue: account.role) else { throw StoreError.demoRejected("akun \(account.username)") }
            try await accounts.add(AccountRequest(username: account.username, role: role, password: account.password, displayName: account.displayName,
                                                  nip: account.nip, unit: account.unitKey), by: Self.actor)
        }
        try await LetterheadStore.save(dataset.letterhead, logo: nil, actor: Self.actor, at: Date(), on: database)
        return summary
    }

    /// Who the audit trail names for the demo's setup.
    static let actor = "data-demo"

    /// Inserts synthetic cases in bulk, each about its ASN's unit. For scale tests and benchmarks: they
    /// bypass reports and the audit trail, which record real actions only.
    public func seedCases(_ cases: [DemoCase], at date: Date) async throws {
        let people = try await ASNModel.query(on: database).all()
        let unitOf = Dictionary(people.map { ($0.nip, $0.unitID) }, uniquingKeysWith: { first, _ in first })
        let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: database).all().map { ($0.id!, $0) })
        let encoder = JSONEncoder()
        for chunk in stride(from: 0, to: cases.count, by: 500).map({ Array(cases[$0..<min($0 + 500, cases.count)]) }) {
            let models = try chunk.map { item -> CaseModel in
                let model = CaseModel()
                model.id = UUID()
                model.number = item.number
                model.source = "public"
                model.asnNIP = item.nip
                model.asnName = item.name
                let unit = unitOf[item.nip].flatMap { units[$0] }
                model.subjectUnitID = unit?.id
                model.subjectUnitPath = unit?.path ?? "/"
                model.assigneeUnitID = unit?.parentID ?? unit?.id
                model.status = item.state.status.rawValue
                model.behaviours = item.state.behaviours.map(\.rawValue).joined(separator: ",")
                model.sanctionLevel = item.state.decision?.level.rawValue
                model.state = String(decoding: try encoder.encode(item.state), as: UTF8.self)
                model.openedOn = item.state.openedOn.iso8601
                model.dueOn = item.state.dueOn?.iso8601
                model.escalations = 0
                model.updatedAt = date.timeIntervalSince1970
                return model
            }
            try await database.transaction { db in try await models.create(on: db) }
        }
    }
}
