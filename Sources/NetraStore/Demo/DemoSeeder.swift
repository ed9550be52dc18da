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

    @discardableResult
    public func seed(_ dataset: DemoDataset = .generate()) async throws -> RegistryImporter.Summary {
        guard try await isDatabaseEmpty() else { throw StoreError.notEmpty("data ASN atau pengguna") }
        let unitIDs = try await database.transaction { db -> [String: UUID] in
            for region in dataset.regions {
                try await RegionModel(code: region.code, name: region.name, level: region.level, parentCode: region.parentCode).create(on: db)
            }
            var models: [String: UnitModel] = [:]
            for unit in dataset.units {
                let model = UnitModel(name: unit.name, parent: unit.parentKey.flatMap { models[$0] }, regionCode: unit.regionCode)
                try await model.create(on: db)
                models[unit.key] = model
            }
            for election in dataset.elections {
                try await ElectionModel(code: election.code, name: election.name, votingDate: election.votingDate.iso8601,
                                        regionCode: election.regionCode).create(on: db)
            }
            return models.mapValues { $0.id! }
        }
        let summary = try await RegistryImporter(database: database).importRecords(dataset.people.map(\.record))
        let hashPassword = self.hashPassword
        try await database.transaction { db in
            for (unitKey, nip) in dataset.heads {
                try await UnitModel.query(on: db).filter(\.$id == unitIDs[unitKey]!).set(\.$headNIP, to: nip).update()
            }
            for account in dataset.accounts {
                guard let role = Role(rawValue: account.role) else { continue }
                try await UserModel(username: account.username, passwordHash: try hashPassword(account.password), displayName: account.displayName,
                                    role: role, unitID: account.unitKey.flatMap { unitIDs[$0] }, asnNIP: account.nip).create(on: db)
            }
        }
        return summary
    }

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
