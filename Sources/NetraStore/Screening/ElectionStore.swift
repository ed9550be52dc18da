import FluentKit
import Foundation
import NetraCore

/// The election was refused; each problem names its field.
public struct ElectionRefusal: Error, Sendable, Equatable {
    public let problems: [RegionalElection.Problem]
}

/// The elections held in the region (`/pemilihan`, `netra election import`): each with its timetable,
/// office and pairs. Pledges, the guide's phases, dashboards and screening all read them from here.
public enum ElectionStore {
    /// Checks and saves `election`, replacing one with the same code. Its pairs become screening's pairs
    /// for that election. Throws `ElectionRefusal` naming every fault, and then saves nothing.
    public static func save(_ election: RegionalElection, actor: String, at date: Date, on database: any Database) async throws {
        let problems = election.problems()
        guard problems.isEmpty else { throw ElectionRefusal(problems: problems) }
        try await database.transaction { db in
            let code = election.calendar.id
            let model = try await ElectionModel.find(code, on: db) ?? ElectionModel()
            let isNew = model.id == nil
            model.id = code
            model.name = election.calendar.name
            model.kind = election.calendar.kind
            model.office = election.office
            model.regionCode = election.regionCode ?? ""
            model.votingDate = election.calendar.stage("pemungutan")!.start.iso8601
            model.timetable = String(decoding: try JSONEncoder.sorted.encode(election.calendar), as: UTF8.self)
            model.pairs = String(decoding: try JSONEncoder.sorted.encode(election.pairs), as: UTF8.self)
            if isNew { try await model.create(on: db) } else { try await model.update(on: db) }
            if !election.pairs.isEmpty {
                let regionName = try await RegionStore.regency(on: db)?.name ?? election.calendar.name
                _ = try await ScreeningStore.importElections(
                    RegionElections(region: .init(name: regionName, province: nil, code: election.regionCode),
                                    elections: [.init(id: code, office: election.office, pairs: election.pairs)]), at: date, on: db)
            }
            try await AuditLog.append(actor: actor, action: isNew ? "election.added" : "election.changed", subject: "election:\(code)",
                                      details: ["name": election.calendar.name, "voting_date": model.votingDate, "pairs": String(election.pairs.count)],
                                      at: date, on: db)
        }
    }

    /// Every recorded election, by code, with its timetable and pairs where it has them.
    public static func all(on database: any Database) async throws -> [RegionalElection] {
        try await ElectionModel.query(on: database).sort(\.$votingDate).sort(\.$id).all().compactMap(decode)
    }

    public static func find(_ code: String, on database: any Database) async throws -> RegionalElection? {
        try await ElectionModel.find(code, on: database).flatMap(decode)
    }

    /// The timetables phases are read from: the region's elections, and for a kind the region has not
    /// recorded (the national Pemilu, say) the timetables shipped with Netra.
    public static func calendars(on database: any Database, shipped: [ElectionCalendar]) async throws -> [ElectionCalendar] {
        let recorded = try await all(on: database).map(\.calendar)
        let kinds = Set(recorded.map(\.kind))
        return recorded + shipped.filter { !kinds.contains($0.kind) }
    }

    /// `base` with the voting day of each of the region's elections as a holiday: the law holds voting on a
    /// day off (UU 7/2017 Pasal 167 ayat 3; UU 10/2016 for the Pilkada), so a legal deadline never counts it.
    public static func workingDays(_ base: WorkingDays, on database: any Database) async throws -> WorkingDays {
        let voting = try await ElectionModel.query(on: database).all().compactMap { model in
            LocalDate(iso8601: model.votingDate).map { WorkingDays.Holiday(date: $0, name: "Pemungutan suara \(model.name)") }
        }
        return base.adding(holidays: voting)
    }

    private static func decode(_ model: ElectionModel) throws -> RegionalElection? {
        guard let timetable = model.timetable else { return nil }
        let calendar = try JSONDecoder().decode(ElectionCalendar.self, from: Data(timetable.utf8))
        let pairs = try model.pairs.map { try JSONDecoder().decode([RegionElections.Pair].self, from: Data($0.utf8)) } ?? []
        return RegionalElection(calendar: calendar, office: model.office ?? "", regionCode: model.regionCode.isEmpty ? nil : model.regionCode, pairs: pairs)
    }
}
