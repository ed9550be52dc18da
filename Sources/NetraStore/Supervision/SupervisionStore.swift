import FluentKit
import Foundation
import NetraCore
import SQLKit

/// A unit that files supervision statements: one with a supervisor account, reporting to the nearest such
/// unit above it. A unit without an account is covered by the statement of the first unit above that has one.
public struct ReportingUnit: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let path: String
    /// The nearest reporting unit above; nil for a top one (reporting to the BKPSDM and the PPK).
    public let parent: UUID?
    public let children: [UUID]
    /// Reporting levels below it (0 for one with none), which gives it that many more days after its period.
    public let levelsBelow: Int
    /// Its depth among reporting units, 0 at the top.
    public let level: Int
}

/// One reporting unit in one period, as the roll-up and the head's page show it.
public struct StatementRow: Sendable, Equatable {
    public let unit: ReportingUnit
    public let due: LocalDate
    public let standing: StatementStanding
    public let statementID: UUID?
    public let statement: SupervisionStatement?
    public let filedAt: Date?
    public let filedBy: String?
    public let markedMissingBy: String?
    public let missingReason: String?
    /// The receipt of the report each incident became, by the incident's index.
    public let reportedIncidents: [Int: String]
}

/// Periodic supervision statements, filed bottom-up (laporan pengawasan berjenjang).
public enum SupervisionStore {
    static let markerTable = "supervision_markers"
    static let rhythmKey = "supervision-rhythm"

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notReportingUnit
        case periodNotStarted
        case alreadyFiled
        /// Units below whose statements are neither in nor marked missing.
        case waitingFor([String])
        /// A unit below may be marked missing only once its own due date has passed.
        case notDueYet(unit: String, due: LocalDate)
        case notBelow
        case refused(SupervisionStatement.Refusal)
        case noSuchIncident

        public var description: String {
            switch self {
            case .notReportingUnit: "Unit ini tidak menyampaikan laporan pengawasan (tidak ada akun atasan padanya)."
            case .periodNotStarted: "Periode ini belum dimulai."
            case .alreadyFiled: "Laporan pengawasan periode ini sudah disampaikan; laporan yang masuk tidak diubah."
            case .waitingFor(let units): "Laporan unit di bawah Anda belum masuk: \(units.joined(separator: ", ")). Tunggu laporannya, atau tandai tidak masuk setelah batas waktunya lewat."
            case .notDueYet(let unit, let due): "Laporan \(unit) baru dapat ditandai tidak masuk setelah batasnya, \(due.indonesianLong), lewat."
            case .notBelow: "Unit itu tidak melapor kepada Anda."
            case .refused(let refusal): refusal.problems.map(\.message).joined(separator: " ")
            case .noSuchIncident: "Temuan itu tidak ada pada laporan ini."
            }
        }
    }

    // MARK: Rhythms

    public static func rhythms(on database: any Database) async throws -> SupervisionRhythms {
        guard let model = try await SettingModel.find(rhythmKey, on: database) else { return .standard }
        return try JSONDecoder().decode(SupervisionRhythms.self, from: Data(model.value.utf8))
    }

    public static func setRhythms(_ rhythms: SupervisionRhythms, actor: String, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            let json = String(decoding: try JSONEncoder.sorted.encode(rhythms), as: UTF8.self)
            let model = try await SettingModel.find(rhythmKey, on: db) ?? {
                let created = SettingModel()
                created.id = rhythmKey
                return created
            }()
            model.value = json
            model.updatedAt = date.timeIntervalSince1970
            try await model.save(on: db)
            try await AuditLog.append(actor: actor, action: "settings.supervision_rhythm", subject: "settings:\(rhythmKey)",
                                      details: rhythms.byPhase.mapValues(\.rawValue), at: date, on: db)
        }
    }

    // MARK: The reporting tree

    /// Every reporting unit, in tree order (each followed by the units reporting to it, by name).
    public static func reportingUnits(on database: any Database) async throws -> [ReportingUnit] {
        let units = try await UnitModel.query(on: database).all()
        let supervisors = try await UserModel.query(on: database).filter(\.$active == true).filter(\.$role == Role.supervisor.rawValue).all()
        let named = Set(supervisors.compactMap(\.unitID))
        let heads = Set(supervisors.filter { $0.unitID == nil }.compactMap(\.asnNIP))
        let reporting = units.filter { named.contains($0.id!) || ($0.headNIP.map(heads.contains) ?? false) }
        let ids = Set(reporting.map { $0.id! })
        var parent: [UUID: UUID] = [:]
        var children: [UUID: [UnitModel]] = [:]
        for unit in reporting {
            let above = unit.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) }.filter { $0 != unit.id }
            if let nearest = above.last(where: ids.contains) {
                parent[unit.id!] = nearest
                children[nearest, default: []].append(unit)
            }
        }
        func height(_ id: UUID) -> Int { (children[id] ?? []).map { 1 + height($0.id!) }.max() ?? 0 }
        var ordered: [ReportingUnit] = []
        func visit(_ unit: UnitModel, level: Int) {
            let below = (children[unit.id!] ?? []).sorted { $0.name < $1.name }
            ordered.append(ReportingUnit(id: unit.id!, name: unit.name, path: unit.path, parent: parent[unit.id!], children: below.map { $0.id! },
                                         levelsBelow: height(unit.id!), level: level))
            below.forEach { visit($0, level: level + 1) }
        }
        reporting.filter { parent[$0.id!] == nil }.sorted { $0.name < $1.name }.forEach { visit($0, level: 0) }
        return ordered
    }

    // MARK: Statements

    /// The reporting units within `unitPath` (all when nil) for `period`, in tree order, each with its standing.
    public static func rows(period: SupervisionPeriod, today: LocalDate, workingDays: WorkingDays, within unitPath: String? = nil,
                            on database: any Database) async throws -> [StatementRow] {
        let units = try await reportingUnits(on: database).filter { unitPath == nil || $0.path.hasPrefix(unitPath!) }
        let stored = try await SupervisionStatementModel.query(on: database).filter(\.$periodStart == period.start.iso8601).all()
        let byUnit = Dictionary(stored.map { ($0.unitID, $0) }, uniquingKeysWith: { first, _ in first })
        return try units.map { unit in
            let model = byUnit[unit.id]
            let due = StatementStanding.due(periodEnd: period.end, levelsBelow: unit.levelsBelow, workingDays: workingDays)
            let filedOn = model?.filedOn.flatMap(LocalDate.init(iso8601:))
            let statement = try model?.content.map { try JSONDecoder().decode(SupervisionStatement.self, from: Data($0.utf8)) }
            let reported = try model?.reportedIncidents.map { try JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            return StatementRow(unit: unit, due: due,
                                standing: .of(filedOn: filedOn, due: due, markedMissing: model?.markedMissingBy != nil, today: today),
                                statementID: model?.id, statement: statement, filedAt: model?.filedAt.map(Date.init(timeIntervalSince1970:)),
                                filedBy: model?.filedBy, markedMissingBy: model?.markedMissingBy, missingReason: model?.missingReason,
                                reportedIncidents: Dictionary(uniqueKeysWithValues: reported.compactMap { key, value in Int(key).map { ($0, value) } }))
        }
    }

    /// Files a unit's statement for `period`, once the statements of the units reporting to it are in or marked
    /// missing. A statement filed is never changed; one marked missing may still come in late.
    public static func file(_ statement: SupervisionStatement, unitID: UUID, period: SupervisionPeriod, actor: String, today: LocalDate,
                            at date: Date, workingDays: WorkingDays, on database: any Database) async throws {
        let clean: SupervisionStatement
        switch statement.validated() {
        case .failure(let refusal): throw Problem.refused(refusal)
        case .success(let value): clean = value
        }
        guard today >= period.start else { throw Problem.periodNotStarted }
        try await database.transaction { db in
            let rows = try await rows(period: period, today: today, workingDays: workingDays, on: db)
            guard let own = rows.first(where: { $0.unit.id == unitID }) else { throw Problem.notReportingUnit }
            guard own.statement == nil else { throw Problem.alreadyFiled }
            let waiting = rows.filter { $0.unit.parent == unitID && $0.statement == nil && $0.markedMissingBy == nil }.map(\.unit.name)
            guard waiting.isEmpty else { throw Problem.waitingFor(waiting) }
            let model = try await SupervisionStatementModel.query(on: db).filter(\.$unitID == unitID)
                .filter(\.$periodStart == period.start.iso8601).first() ?? newRow(unitID: unitID, period: period, at: date)
            model.content = String(decoding: try JSONEncoder.sorted.encode(clean), as: UTF8.self)
            model.filedOn = today.iso8601
            model.filedAt = date.timeIntervalSince1970
            model.filedBy = actor
            // The unique index on (unit, period) stops a second row from a double tap racing this one.
            try await model.save(on: db)
            try await AuditLog.append(actor: actor, action: "supervision.filed", subject: "unit:\(unitID.uuidString.lowercased())",
                                      details: ["period": period.start.iso8601, "nihil": clean.nihil ? "ya" : "tidak",
                                                "incidents": String(clean.incidents.count), "standing": own.due < today ? "late" : "on_time"],
                                      at: date, on: db)
        }
    }

    /// Marks the statement of a unit reporting to `byUnit` (nil: the admin, for any unit) as not come in,
    /// once its due date has passed, so that the head above can file.
    public static func markMissing(unitID: UUID, period: SupervisionPeriod, reason: String, actor: String, byUnit: UUID?, today: LocalDate,
                                   at date: Date, workingDays: WorkingDays, on database: any Database) async throws {
        try await database.transaction { db in
            let rows = try await rows(period: period, today: today, workingDays: workingDays, on: db)
            guard let row = rows.first(where: { $0.unit.id == unitID }) else { throw Problem.notReportingUnit }
            // Marking only unblocks the head above: a top unit, reporting to nobody, is never marked.
            guard let parent = row.unit.parent, byUnit == nil || parent == byUnit else { throw Problem.notBelow }
            guard row.statement == nil else { throw Problem.alreadyFiled }
            guard today > row.due else { throw Problem.notDueYet(unit: row.unit.name, due: row.due) }
            guard row.markedMissingBy == nil else { return }
            let model = try await SupervisionStatementModel.query(on: db).filter(\.$unitID == unitID)
                .filter(\.$periodStart == period.start.iso8601).first() ?? newRow(unitID: unitID, period: period, at: date)
            model.markedMissingBy = actor
            model.missingReason = reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : String(reason.prefix(500))
            try await model.save(on: db)
            try await AuditLog.append(actor: actor, action: "supervision.marked_missing", subject: "unit:\(unitID.uuidString.lowercased())",
                                      details: ["period": period.start.iso8601, "reason": model.missingReason ?? ""], at: date, on: db)
        }
    }

    public static func statement(_ id: UUID, on database: any Database) async throws -> SupervisionStatementModel? {
        try await SupervisionStatementModel.find(id, on: database)
    }

    /// Turns an incident of a filed statement into a report in the triage queue, once: a second tap gives the
    /// same receipt.
    public static func reportIncident(statementID: UUID, index: Int, actor: String, vault: EvidenceVault, at date: Date,
                                      random: inout some RandomNumberGenerator, on database: any Database) async throws -> String {
        guard let model = try await SupervisionStatementModel.find(statementID, on: database),
              let content = model.content.flatMap({ try? JSONDecoder().decode(SupervisionStatement.self, from: Data($0.utf8)) }),
              content.incidents.indices.contains(index) else { throw Problem.noSuchIncident }
        var reported = try model.reportedIncidents.map { try JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
        if let receipt = reported[String(index)] { return receipt }
        let unit = try await UnitModel.find(model.unitID, on: database)
        let reference = "pengawasan:\(statementID.uuidString.lowercased()):\(index)"
        let receipt = try await ReportStore.submit(ReportSubmission(description: content.incidents[index], unit: unit?.name), files: [],
                                                   source: .supervision, reference: reference, suggested: [], vault: vault, at: date,
                                                   random: &random, on: database).receipt
        reported[String(index)] = receipt
        model.reportedIncidents = String(decoding: try JSONEncoder.sorted.encode(reported), as: UTF8.self)
        try await model.save(on: database)
        try await AuditLog.append(actor: actor, action: "supervision.incident_reported", subject: "unit:\(model.unitID.uuidString.lowercased())",
                                  details: ["period": model.periodStart, "incident": String(index), "receipt": receipt], at: date, on: database)
        return receipt
    }

    private static func newRow(unitID: UUID, period: SupervisionPeriod, at date: Date) -> SupervisionStatementModel {
        let model = SupervisionStatementModel()
        model.unitID = unitID
        model.periodStart = period.start.iso8601
        model.periodEnd = period.end.iso8601
        model.createdAt = date.timeIntervalSince1970
        return model
    }

    // MARK: Reminders

    /// The supervision job as the server and `netra jobs run` start it: the schedule of the election nearest `today`,
    /// the region's voting days as days off, then `remindAndEscalate`; nothing without an election.
    public static func runJob(today: LocalDate, shipped: [ElectionCalendar], workingDays: WorkingDays, at date: Date,
                              on database: any Database) async throws -> ReminderOutcome {
        guard let schedule = try await schedule(today: today, shipped: shipped, on: database) else { return ReminderOutcome() }
        return try await remindAndEscalate(schedule: schedule, today: today, workingDays: try await ElectionStore.workingDays(workingDays, on: database),
                                           at: date, on: database)
    }

    /// The periods of the region's election nearest `today` (a shipped timetable for a kind the region has not
    /// recorded), under the rhythms in force.
    public static func schedule(today: LocalDate, shipped: [ElectionCalendar], on database: any Database) async throws -> SupervisionSchedule? {
        let calendars = try await ElectionStore.calendars(on: database, shipped: shipped)
        guard let calendar = ElectionCalendar.nearest(calendars, to: today) else { return nil }
        return SupervisionSchedule(calendar: calendar, rhythms: try await rhythms(on: database))
    }

    public struct ReminderOutcome: Sendable, Equatable {
        public var reminders = 0
        public var escalations = 0

        public init(reminders: Int = 0, escalations: Int = 0) {
            self.reminders = reminders
            self.escalations = escalations
        }
    }

    /// On a statement's due day its unit's heads are reminded; once the day has passed without it, the head
    /// of the unit it reports to (the BKPSDM team for a top unit) is told. Each happens once per unit and
    /// period, whichever instance runs it: a marker row is claimed first.
    public static func remindAndEscalate(schedule: SupervisionSchedule, today: LocalDate, workingDays: WorkingDays, at date: Date,
                                         on database: any Database) async throws -> ReminderOutcome {
        var outcome = ReminderOutcome()
        // Only statements due in the last few days: Netra started in the middle of an election does not
        // chase weeks nobody was asked for, and a job run every few minutes acts well within that time.
        for period in schedule.periods(through: today, limit: 10) where period.end.adding(days: 31) >= today {
            for row in try await rows(period: period, today: today, workingDays: workingDays, on: database)
            where row.statement == nil && today <= row.due.adding(days: 3) {
                if today == row.due {
                    guard try await claimMarker(unit: row.unit.id, period: period, kind: "reminder", at: date, on: database) else { continue }
                    let notice = Notice.statementDue(unit: row.unit.name, period: period.title, due: row.due)
                    try await NotificationStore.email(notice, toHeadsOf: row.unit.id, at: date, on: database)
                    outcome.reminders += 1
                } else if today > row.due, row.markedMissingBy == nil {
                    guard try await claimMarker(unit: row.unit.id, period: period, kind: "escalation", at: date, on: database) else { continue }
                    let notice = Notice.statementMissing(unit: row.unit.name, period: period.title, due: row.due)
                    if let parent = row.unit.parent {
                        try await NotificationStore.email(notice, toHeadsOf: parent, at: date, on: database)
                    } else {
                        try await NotificationStore.email(notice, toRole: .admin, at: date, on: database)
                    }
                    try await AuditLog.append(actor: "sistem", action: "supervision.escalated", subject: "unit:\(row.unit.id.uuidString.lowercased())",
                                              details: ["period": period.start.iso8601, "due_on": row.due.iso8601,
                                                        "to": row.unit.parent?.uuidString.lowercased() ?? "admin"], at: date, on: database)
                    outcome.escalations += 1
                }
            }
        }
        return outcome
    }

    /// True for the one caller that records this marker first.
    private static func claimMarker(unit: UUID, period: SupervisionPeriod, kind: String, at date: Date, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        let rows = try await sql.raw("""
            INSERT INTO \(ident: markerTable) (unit_id, period_start, kind, at) VALUES (\(bind: unit), \(bind: period.start.iso8601), \(bind: kind), \(bind: date.timeIntervalSince1970))
            ON CONFLICT (unit_id, period_start, kind) DO NOTHING RETURNING kind
            """).all()
        return !rows.isEmpty
    }
}
