import FluentKit
import Foundation
import NetraCore

/// Who asks "what waits on me": their role, the unit they head, their NIP and their account.
public struct InboxViewer: Sendable {
    public let role: Role
    public let unitID: UUID?
    public let unitPath: String?
    public let nip: String?

    public init(role: Role, unitID: UUID?, unitPath: String?, nip: String?) {
        self.role = role
        self.unitID = unitID
        self.unitPath = unitPath
        self.nip = nip
    }
}

/// "Perlu tindakan saya": the case steps that are the viewer's (a supervisor's for cases assigned to the unit
/// they head, or below it to a unit whose head has no account; never a case about themselves or their chain), the reports to verify (BKPSDM team), the
/// decisions to take (PPK), the circulars their unit has not acknowledged, and a summons addressed to them.
public enum InboxStore {
    /// `zone` is the region's: a report's deadline counts from the day it arrived there.
    public static func items(for viewer: InboxViewer, today: LocalDate, zone: RegionTimeZone, workingDays: WorkingDays, policy: DeadlinePolicy,
                             supervision: SupervisionSchedule? = nil, on database: any Database) async throws -> [InboxItem] {
        var items: [InboxItem] = []
        for model in try await casesAwaiting(viewer, on: database)?.all() ?? [] {
            guard let status = CaseStatus(rawValue: model.status), let step = status.nextStepTitle else { continue }
            items.append(InboxItem(kind: .caseStep, title: "\(step): \(model.number)", detail: "\(model.asnName ?? "ASN belum dikenali") · \(status.title)",
                                   link: "/kasus/\(model.id!.uuidString.lowercased())", dueOn: model.dueOn.flatMap(LocalDate.init(iso8601:)),
                                   today: today, workingDays: workingDays))
        }
        items += try await otherItems(for: viewer, today: today, zone: zone, workingDays: workingDays, policy: policy, supervision: supervision, on: database)
        return InboxItem.ordered(items)
    }

    /// How many items `items` gives, counted in the database rather than read: the navigation bar shows it on
    /// every page, and a province's team may have thousands of case steps waiting.
    public static func count(for viewer: InboxViewer, today: LocalDate, zone: RegionTimeZone, workingDays: WorkingDays, policy: DeadlinePolicy,
                             supervision: SupervisionSchedule? = nil, on database: any Database) async throws -> Int {
        let cases = try await casesAwaiting(viewer, on: database)?.count() ?? 0
        return try await cases + otherItems(for: viewer, today: today, zone: zone, workingDays: workingDays, policy: policy,
                                            supervision: supervision, on: database).count
    }

    /// What waits on the viewer besides case steps: reports, circulars, a summons, referrals, supervision statements.
    private static func otherItems(for viewer: InboxViewer, today: LocalDate, zone: RegionTimeZone, workingDays: WorkingDays, policy: DeadlinePolicy,
                                   supervision: SupervisionSchedule?, on database: any Database) async throws -> [InboxItem] {
        var items: [InboxItem] = []
        func item(_ kind: InboxItem.Kind, _ title: String, _ detail: String, _ link: String, due: LocalDate?) -> InboxItem {
            InboxItem(kind: kind, title: title, detail: detail, link: link, dueOn: due, today: today, workingDays: workingDays)
        }
        if viewer.role == .admin {
            for report in try await CaseStore.pendingReports(on: database) {
                let received = LocalDate(timestamp: report.receivedAt, in: zone)
                items.append(item(.report, "Verifikasi laporan \(ReceiptCode(report.receipt)?.grouped ?? report.receipt)",
                                  String(report.description.prefix(120)), "/kasus/laporan/\(report.id!.uuidString.lowercased())",
                                  due: policy.workingDays[.received].map { workingDays.adding($0, to: received) }))
            }
        }
        if viewer.role.may(.acknowledgeCircular), let unitID = viewer.unitID {
            let acknowledged = Set(try await CircularAcknowledgementModel.query(on: database).filter(\.$unitID == unitID).all().map(\.circularID))
            for circular in try await CircularModel.query(on: database).sort(\.$issuedOn).all() where !acknowledged.contains(circular.id!) {
                items.append(item(.circular, "Terima surat edaran \(circular.number)", circular.title, "/surat-edaran", due: nil))
            }
        }
        if let nip = viewer.nip {
            for (letter, model) in try await CaseStore.lettersAddressed(to: nip, on: database)
            where letter.kind == LetterKind.summons.rawValue && model.status == CaseStatus.summoned.rawValue {
                let examination = try CaseStore.state(of: model).summons?.examinationOn
                items.append(item(.summons, "Panggilan pemeriksaan \(letter.number)", "Hadir pada \(examination?.indonesianLong ?? "tanggal dalam surat")",
                                  "/surat-saya", due: examination))
            }
        }
        if viewer.role == .bawaslu {
            items += try await referralsAwaiting(today: today, zone: zone, workingDays: workingDays, policy: policy, on: database)
        }
        if viewer.role == .supervisor, let unitID = viewer.unitID, let supervision {
            items += try await statementsAwaiting(unitID: unitID, schedule: supervision, today: today, workingDays: workingDays, on: database)
        }
        return items
    }

    /// Bawaslu's referrals not yet answered: those awaiting verification (by the triage deadline), and those
    /// verified into a case still open (by the case's next deadline). A declined or finished one is answered.
    private static func referralsAwaiting(today: LocalDate, zone: RegionTimeZone, workingDays: WorkingDays, policy: DeadlinePolicy,
                                          on database: any Database) async throws -> [InboxItem] {
        try await ReportStore.referrals(source: .bawaslu, on: database).compactMap { referral in
            let who = referral.asnName ?? "ASN belum dikenali"
            if referral.reportStatus == ReportState.received.rawValue {
                let received = LocalDate(timestamp: referral.receivedAt, in: zone)
                return InboxItem(kind: .referral, title: "Rujukan \(referral.reference) menunggu verifikasi BKPSDM", detail: who, link: "/rujukan",
                                 dueOn: policy.workingDays[.received].map { workingDays.adding($0, to: received) }, today: today, workingDays: workingDays)
            }
            guard let number = referral.caseNumber, let status = referral.caseStatus.flatMap(CaseStatus.init(rawValue:)), status.isOpen else { return nil }
            return InboxItem(kind: .referral, title: "Rujukan \(referral.reference): kasus \(number) \(status.title.lowercased())", detail: who,
                             link: "/rujukan", dueOn: referral.caseDueOn.flatMap(LocalDate.init(iso8601:)), today: today, workingDays: workingDays)
        }
    }

    /// For the latest period that has ended (or ends today): the unit's own statement not yet filed, and those of
    /// units reporting to it that are past due and neither in nor marked missing, which hold its own back. Older
    /// periods stay on the supervision page; they would bury what can still be done on time.
    private static func statementsAwaiting(unitID: UUID, schedule: SupervisionSchedule, today: LocalDate, workingDays: WorkingDays,
                                           on database: any Database) async throws -> [InboxItem] {
        var items: [InboxItem] = []
        for period in schedule.periods(through: today, limit: 2).filter({ $0.end <= today }).prefix(1) {
            let rows = try await SupervisionStore.rows(period: period, today: today, workingDays: workingDays, on: database)
            let link = "/pengawasan?periode=\(period.start.iso8601)"
            if let own = rows.first(where: { $0.unit.id == unitID }), own.statement == nil {
                items.append(InboxItem(kind: .supervision, title: "Sampaikan laporan pengawasan \(period.title)", detail: own.unit.name, link: link,
                                       dueOn: own.due, today: today, workingDays: workingDays))
            }
            for row in rows where row.unit.parent == unitID && row.standing == .missing && row.markedMissingBy == nil {
                items.append(InboxItem(kind: .supervision, title: "Laporan pengawasan \(row.unit.name) belum masuk",
                                       detail: "\(period.title) · tandai tidak masuk atau minta laporannya", link: link,
                                       dueOn: row.due, today: today, workingDays: workingDays))
            }
        }
        return items
    }

    /// Open cases whose next step is the viewer's, as a query; nil when none can be. A case with no unit head left
    /// to handle it (assigned to the PPK level) is summoned and examined by the BKPSDM team on the PPK's behalf.
    static func casesAwaiting(_ viewer: InboxViewer, on database: any Database) async throws -> QueryBuilder<CaseModel>? {
        let statuses = CaseStatus.allCases.filter { status in
            guard let awaits = status.nextStep?.awaits else { return false }
            return awaits == viewer.role || (viewer.role == .admin && awaits == .supervisor)
        }
        guard !statuses.isEmpty else { return nil }
        switch viewer.role {
        case .supervisor:
            guard let unitID = viewer.unitID, let path = viewer.unitPath else { return nil }
            // The store's supervisor scope already leaves out their own case and their chain's.
            let scope = try await CaseStore.supervisorScope(unitPath: path, nip: viewer.nip, on: database)
            guard let query = CaseStore.query(scope: scope, statuses: statuses, on: database) else { return nil }
            // A case assigned below waits on this head too while the unit it sits with has no head with an account.
            let acting = Array(try await unitsWithAnAccount(on: database))
            return query.group(.or) { either in
                either.filter(\.$assigneeUnitID == unitID)
                either.group(.and) { below in
                    below.filter(\.$assigneeUnitID != nil)
                    if !acting.isEmpty { below.filter(\.$assigneeUnitID !~ acting) }
                }
            }
        case .admin:
            // Steps the supervisor takes are the team's only where no unit holds the case.
            let supervisors = statuses.filter { $0.nextStep?.awaits == .supervisor }.map(\.rawValue)
            let own = statuses.filter { $0.nextStep?.awaits != .supervisor }.map(\.rawValue)
            return CaseModel.query(on: database).group(.or) { either in
                if !own.isEmpty { either.filter(\.$status ~~ own) }
                if !supervisors.isEmpty { either.group(.and) { $0.filter(\.$status ~~ supervisors).filter(\.$assigneeUnitID == nil) } }
            }
        default:
            return CaseModel.query(on: database).filter(\.$status ~~ statuses.map(\.rawValue))
        }
    }
}

extension InboxStore {
    /// Units whose head can act in Netra: named on an active supervisor's account, or headed by its NIP.
    static func unitsWithAnAccount(on database: any Database) async throws -> Set<UUID> {
        let supervisors = try await UserModel.query(on: database).filter(\.$role == Role.supervisor.rawValue).filter(\.$active == true).all()
        let nips = supervisors.compactMap(\.asnNIP)
        let headed = nips.isEmpty ? [] : try await UnitModel.query(on: database).filter(\.$headNIP ~~ nips).all().compactMap(\.id)
        return Set(supervisors.compactMap(\.unitID) + headed)
    }
}
