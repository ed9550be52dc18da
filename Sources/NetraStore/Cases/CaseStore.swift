import Crypto
import FluentKit
import Foundation
import NetraCore
import SQLKit

/// The cases a viewer may see.
public enum CaseScope: Sendable, Equatable {
    case all
    /// Cases about people in this unit subtree (a supervisor), except cases about the NIPs in `excluding`: the
    /// supervisor's own and those of the heads above them in their chain, whom they may not judge.
    case subtree(path: String, excluding: Set<String> = [])
    /// Cases that came from this source (Bawaslu sees its referrals).
    case source(String)
    case nothing
}

/// Who acts on a case, as the audit trail names them.
public struct CaseActor: Sendable {
    public let userID: UUID
    public let name: String
    public let role: Role

    public init(userID: UUID, name: String, role: Role) {
        self.userID = userID
        self.name = name
        self.role = role
    }

    public var auditName: String { "\(role.rawValue):\(name)" }
}

/// A report that may be the same as another: same person close in time, same evidence, or near-identical text.
public struct DuplicateHint: Codable, Sendable, Equatable {
    public let receipt: String
    public let reason: String
}

public enum CaseStore {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notFound
        case alreadyTriaged
        case transition(CaseTransitionError)
        /// A numbered letter needs the region's letterhead and signers, which the admin has not set yet.
        case noLetterhead
        /// The NIP chosen names nobody in the registry.
        case unknownASN(String)
        /// A summons or an examination needs the ASN the case is about.
        case noSubject
        /// Once someone has been summoned, the case's ASN is what the letters say.
        case subjectFixed
        /// Another decision already carries this decree number.
        case decreeNumberTaken(String)
        /// The examiner's NIP names nobody in the registry.
        case unknownExaminer(String)
        /// The step's letter lacks what it must say.
        case letterIncomplete(String)

        public var description: String {
            switch self {
            case .noLetterhead: "Kop surat dan penanda tangan belum diatur; admin mengisinya di halaman Pengaturan sebelum surat bernomor dapat diterbitkan."
            case .notFound: "Kasus atau laporan tidak ditemukan."
            case .alreadyTriaged: "Laporan ini sudah diverifikasi atau ditolak."
            case .transition(let error): error.description
            case .unknownASN(let nip): "NIP \(nip) tidak ada di data ASN."
            case .noSubject: "ASN yang dilaporkan belum ditetapkan: tetapkan ASN-nya lebih dulu sebelum pemanggilan atau pemeriksaan."
            case .subjectFixed: "ASN kasus ini tidak dapat diubah lagi: surat panggilan sudah terbit atas namanya."
            case .decreeNumberTaken(let number): "Nomor keputusan \(number) sudah dipakai keputusan lain; periksa nomor dari register keputusan."
            case .unknownExaminer(let nip): "NIP pemeriksa \(nip) tidak ada di data ASN."
            case .letterIncomplete(let reason): reason
            }
        }
    }

    // MARK: Triage

    public static func pendingReports(on database: any Database) async throws -> [ReportModel] {
        try await ReportModel.query(on: database).filter(\.$status == ReportState.received.rawValue).sort(\.$receivedAt).all()
    }

    /// Registry people the report may be about: the NIP given, otherwise names like the one given.
    /// The people the report may be about — the NIP it gives, those named like the name it gives, and those the reader
    /// searched for — ranked by the report's clues with the reasons. None is chosen for the reader.
    public static func registryCandidates(for report: ReportModel, search: String? = nil, on database: any Database) async throws -> [RankedCandidate] {
        var found: [ASNSummary] = []
        if let nip = report.asnNIP { found += try await RegistryQueries.search(nip, scope: .all, limit: 1, on: database).filter { $0.nip == nip } }
        if let name = report.asnName, name.count >= 3 { found += try await RegistryQueries.search(name, scope: .all, limit: 20, on: database) }
        if let search = search?.trimmingCharacters(in: .whitespaces), search.count >= 3 {
            found += try await RegistryQueries.search(search, scope: .all, limit: 20, on: database)
        }
        var seen = Set<String>()
        let nips = found.map(\.nip).filter { seen.insert($0).inserted }
        guard !nips.isEmpty else { return [] }
        let people = try await ASNModel.query(on: database).filter(\.$nip ~~ nips).all()
        // Only the candidates' units and the units above them, not the whole tree.
        let own = try await UnitModel.query(on: database).filter(\.$id ~~ Set(people.map(\.unitID))).all()
        let chainIDs = Set(own.flatMap { $0.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) } })
        let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: database).filter(\.$id ~~ chainIDs).all().map { ($0.id!, $0) })
        let kecamatan = Dictionary(try await RegionModel.query(on: database).filter(\.$level == "kecamatan").all().map { ($0.id!, $0.name) },
                                   uniquingKeysWith: { first, _ in first })
        let candidates = people.map { person -> SubjectCandidate in
            let chain = (units[person.unitID]?.path ?? "").split(separator: "/").compactMap { UUID(uuidString: String($0)) }
                .reversed().compactMap { units[$0] }
            // The kecamatan of the nearest unit that names its place (a desa code starts with its kecamatan's).
            let place = chain.compactMap(\.regionCode).first.flatMap { code in
                kecamatan.first { code == $0.key || code.hasPrefix($0.key + ".") }?.value
            }
            return SubjectCandidate(nip: person.nip, name: person.name, position: person.position, units: chain.map(\.name), kecamatan: place)
        }
        return SubjectMatching.rank(candidates, by: ReportClues(asnName: report.asnName, asnNIP: report.asnNIP, unit: report.unitText,
                                                                place: report.location, description: report.description))
    }

    /// Reports that may be this one again. Only candidates are read: the same NIP within 14 days, the
    /// same evidence file, and for near-identical text the reports of the 30 days around it.
    public static func duplicates(of report: ReportModel, on database: any Database) async throws -> [DuplicateHint] {
        let twoWeeks = 14.0 * 86_400, month = 30.0 * 86_400
        var reasons: [UUID: String] = [:]
        if let nip = report.asnNIP {
            for other in try await ReportModel.query(on: database).filter(\.$id != report.id!).filter(\.$asnNIP == nip)
                .filter(\.$receivedAt >= report.receivedAt - twoWeeks).filter(\.$receivedAt <= report.receivedAt + twoWeeks).all() {
                reasons[other.id!] = reasons[other.id!] ?? "ASN yang sama dalam 14 hari"
            }
        }
        let hashes = try await EvidenceModel.query(on: database).filter(\.$reportID == report.id!).all().map(\.sha256)
        if !hashes.isEmpty {
            for evidence in try await EvidenceModel.query(on: database).filter(\.$sha256 ~~ hashes).filter(\.$reportID != report.id!).all() {
                reasons[evidence.reportID] = reasons[evidence.reportID] ?? "berkas bukti yang sama"
            }
        }
        let words = wordSet(report.description)
        for other in try await ReportModel.query(on: database).filter(\.$id != report.id!)
            .filter(\.$receivedAt >= report.receivedAt - month).filter(\.$receivedAt <= report.receivedAt + month).all()
            where reasons[other.id!] == nil && jaccard(words, wordSet(other.description)) >= 0.8 {
            reasons[other.id!] = "uraian hampir sama"
        }
        guard !reasons.isEmpty else { return [] }
        return try await ReportModel.query(on: database).filter(\.$id ~~ Array(reasons.keys)).sort(\.$receivedAt).all().map { other in
            DuplicateHint(receipt: ReceiptCode(other.receipt)?.grouped ?? other.receipt, reason: reasons[other.id!]!)
        }
    }

    private static func wordSet(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    private static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        a.isEmpty || b.isEmpty ? 0 : Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    /// Verifies a report into a case routed to the atasan langsung of the reported person.
    public static func open(reportID: UUID, behaviours: [Behaviour], asnNIP: String?, actor: CaseActor, context: CaseContext,
                            today: LocalDate, at date: Date, on database: any Database) async throws -> CaseModel {
        try await database.transaction { db in
            guard let report = try await ReportModel.find(reportID, on: db) else { throw Problem.notFound }
            guard report.status == ReportState.received.rawValue else { throw Problem.alreadyTriaged }
            let opened = Case.received(on: today, context: context)
            let verified: Case
            do { verified = try opened.applying(.verify(behaviours: behaviours), on: today, context: context) } catch let error as CaseTransitionError { throw Problem.transition(error) }

            let model = CaseModel()
            model.id = UUID()
            model.number = "NTR-\(today.year)-\(try await Counters.next("cases-\(today.year)", on: db).zeroPadded(4))"
            model.reportID = reportID
            model.source = report.source
            try await assignSubject(model, nip: asnNIP, on: db)
            try store(verified, in: model, at: date)
            model.escalations = 0
            try await model.create(on: db)

            report.status = ReportState.caseOpened.rawValue
            if report.asnNIP == nil { report.asnNIP = model.asnNIP }
            try await report.save(on: db)
            try await ReportStore.tellReporter(report, statusTitle: verified.status.reporterTitle(sanctioned: false), at: date, on: db)
            try await AuditLog.append(actor: actor.auditName, action: "case.opened", subject: subject(model),
                                      details: ["report": reportID.uuidString.lowercased(), "number": model.number,
                                                "behaviours": behaviours.map(\.rawValue).joined(separator: ","), "asn_nip": model.asnNIP ?? ""],
                                      at: date, on: db)
            // A case about nobody identified yet stays with the team that opened it: nobody else to tell.
            if model.asnNIP != nil {
                try await NotificationStore.post(.assignment(caseNumber: model.number, due: verified.dueOn, link: link(model)), caseID: model.id!,
                                                 to: audience(of: model), at: date, on: db)
            }
            return model
        }
    }

    /// Sets or corrects the ASN a verified case is about, before anyone is summoned, and routes it to their atasan
    /// anew; the change, with its reason, goes to the audit chain and the new handler is told.
    public static func setSubject(caseID: UUID, nip: String, reason: String, actor: CaseActor, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            guard let model = try await CaseModel.find(caseID, on: db) else { throw Problem.notFound }
            guard model.status == CaseStatus.verified.rawValue else { throw Problem.subjectFixed }
            let previous = model.asnNIP
            guard previous != nip else { return }
            model.asnNIP = nil
            model.asnName = nil
            model.subjectUnitID = nil
            model.assigneeUnitID = nil
            try await assignSubject(model, nip: nip, on: db)
            try await model.save(on: db)
            try await AuditLog.append(actor: actor.auditName, action: "case.subject_set", subject: subject(model),
                                      details: ["from": previous ?? "", "to": nip, "reason": reason], at: date, on: db)
            let due = try state(of: model).dueOn
            try await NotificationStore.post(.assignment(caseNumber: model.number, due: due, link: link(model)), caseID: model.id!,
                                             to: audience(of: model), at: date, on: db)
        }
    }

    /// A finding of Netra's own (a screening flag, a support-list hit) becomes a report, verified straight into a case.
    public static func openFromFinding(_ submission: ReportSubmission, files: [EvidenceFile], source: ReportStore.Source, reference: String,
                                       behaviours: [Behaviour], actor: CaseActor, context: CaseContext, today: LocalDate, vault: EvidenceVault,
                                       at date: Date, random: inout some RandomNumberGenerator, on database: any Database) async throws -> CaseModel {
        _ = try await ReportStore.submit(submission, files: files, source: source, reference: reference, suggested: behaviours, vault: vault,
                                         at: date, random: &random, on: database)
        guard let report = try await ReportModel.query(on: database).filter(\.$source == source.rawValue).filter(\.$reference == reference).first()
        else { throw Problem.notFound }
        return try await open(reportID: report.id!, behaviours: behaviours, asnNIP: submission.asnNIP, actor: actor, context: context,
                              today: today, at: date, on: database)
    }

    /// Declines a report; the reason is shown to the reporter.
    public static func reject(reportID: UUID, reason: String, actor: CaseActor, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            guard let report = try await ReportModel.find(reportID, on: db) else { throw Problem.notFound }
            guard report.status == ReportState.received.rawValue else { throw Problem.alreadyTriaged }
            report.status = ReportState.rejected.rawValue
            report.rejectionReason = reason
            try await report.save(on: db)
            try await ReportStore.tellReporter(report, statusTitle: ReportState.rejected.title, at: date, on: db)
            try await AuditLog.append(actor: actor.auditName, action: "report.rejected", subject: "report:\(reportID.uuidString.lowercased())",
                                      details: ["reason": reason], at: date, on: db)
        }
    }

    // MARK: Workflow

    /// Applies `event`, issuing the step's letter number when the step produces a letter; the letter keeps the
    /// letterhead in force at that moment.
    public static func apply(_ event: CaseEvent, to caseID: UUID, actor: CaseActor, on day: LocalDate, context: CaseContext,
                             at date: Date, database: any Database) async throws -> CaseModel {
        try await database.transaction { db in
            guard let model = try await CaseModel.find(caseID, on: db) else { throw Problem.notFound }
            let current = try state(of: model)
            // A numbered summons to "Nama: -" would burn a number and reach nobody.
            if model.asnNIP == nil {
                switch event {
                case .summon, .examine: throw Problem.noSubject
                default: break
                }
            }
            let next: Case
            do { next = try current.applying(event, on: day, context: context) } catch let error as CaseTransitionError { throw Problem.transition(error) }
            try store(next, in: model, at: date)
            try await model.save(on: db)
            var details = ["from": current.status.rawValue, "to": next.status.rawValue]
            if let kind = LetterKind(after: event) {
                let letter = try await issueLetter(kind, for: model, state: next, on: day, on: db)
                details["letter"] = letter.number
            }
            if case .dismiss(let reason) = event { details["reason"] = reason }
            try await AuditLog.append(actor: actor.auditName, action: "case.\(event.name)", subject: subject(model), details: details, at: date, on: db)
            // The reporter hears of a change they would see on their status page, not of every inner step.
            let told = next.status.reporterTitle(sanctioned: next.decision != nil)
            if told != current.status.reporterTitle(sanctioned: current.decision != nil), let reportID = model.reportID,
               let report = try await ReportModel.find(reportID, on: db) {
                try await ReportStore.tellReporter(report, statusTitle: told, at: date, on: db)
            }
            return model
        }
    }

    /// Numbers the letter of a step and composes it whole, with the letterhead and registry facts of this
    /// moment; the hash of the composed letter is what its verification page vouches for. Every letter takes
    /// the next place in the register of letters (`sequence`); the printed number is the next of the BKPSDM's
    /// series (shared with its circulars), except a decision's, which carries the number the PPK's decree
    /// register gave it — so the BKPSDM's series has no gaps.
    static func issueLetter(_ kind: LetterKind, for model: CaseModel, state: Case, on day: LocalDate, on database: any Database) async throws -> LetterModel {
        guard let letterhead = try await LetterheadStore.current(on: database) else { throw Problem.noLetterhead }
        guard let nip = model.asnNIP else { throw Problem.noSubject }
        let caseID = try model.requireID()
        let earlier = try await letters(caseID: caseID, on: database).compactMap(\.issued)
        let letter = LetterModel()
        if kind == .decision, let decree = state.decision?.decreeNumber {
            let taken = try await LetterModel.query(on: database).filter(\.$kind == kind.rawValue).filter(\.$number == decree).count()
            guard taken == 0 else { throw Problem.decreeNumberTaken(decree) }
            letter.number = decree
        } else {
            letter.number = letterhead.numbering.number(sequence: try await Counters.next("letters-\(day.year)", on: database), year: day.year)
        }
        letter.sequence = try await Counters.next(Counters.letterRegister(year: day.year), on: database)
        let content = try await compose(kind, number: letter.number, issuedOn: day, letterhead: letterhead, model: model, nip: nip,
                                        state: state, earlier: earlier, on: database)
        let json = try JSONEncoder.sorted.encode(content)
        letter.caseID = caseID
        letter.kind = kind.rawValue
        letter.year = day.year
        letter.issuedOn = day.iso8601
        letter.letterhead = String(decoding: try JSONEncoder.sorted.encode(letterhead), as: UTF8.self)
        letter.content = String(decoding: json, as: UTF8.self)
        letter.sha256 = SHA256.hash(data: json).hexString
        letter.verificationCode = LetterVerification.newCode()
        try await letter.create(on: database)
        return letter
    }

    /// A letter of the case about the ASN `nip`, composed with what the registry says of them now: their pangkat,
    /// position and unit, and the position of their atasan langsung (the head of their unit, or of the unit above
    /// when they head it), who gets a copy.
    static func compose(_ kind: LetterKind, number: String, issuedOn: LocalDate, letterhead: Letterhead, model: CaseModel, nip: String,
                        state: Case, earlier: [IssuedLetter], on database: any Database) async throws -> OfficialLetter {
        guard let person = try await ASNModel.query(on: database).filter(\.$nip == nip).first() else { throw Problem.unknownASN(nip) }
        let unit = try await UnitModel.find(person.unitID, on: database)
        var supervising = unit
        if let headed = unit, headed.headNIP == nip {
            supervising = if let parentID = headed.parentID { try await UnitModel.find(parentID, on: database) } else { nil }
        }
        var supervisor: ASNModel?
        if let headNIP = supervising?.headNIP { supervisor = try await ASNModel.query(on: database).filter(\.$nip == headNIP).first() }
        let facts = LetterFacts(kind: kind, number: number, issuedOn: issuedOn, letterhead: letterhead, caseNumber: model.number,
                                subject: LetterSubject(name: person.name, nip: person.nip, rank: person.rank, position: person.position, unit: unit?.name ?? "-"),
                                subjectSupervisor: supervisor?.position, state: state, earlier: earlier)
        do { return try LetterComposer.compose(facts) } catch { throw Problem.letterIncomplete(error.description) }
    }

    /// An official from the registry, for the examiner of a summons or an examination.
    public static func official(nip: String, on database: any Database) async throws -> Official {
        let digits = nip.filter(\.isNumber)
        guard let person = try await ASNModel.query(on: database).filter(\.$nip == digits).first() else { throw Problem.unknownExaminer(nip) }
        return Official(position: person.position, name: person.name, nip: person.nip, rank: person.rank)
    }

    public static func state(of model: CaseModel) throws -> Case {
        try JSONDecoder().decode(Case.self, from: Data(model.state.utf8))
    }

    private static func store(_ value: Case, in model: CaseModel, at date: Date) throws {
        model.state = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        model.status = value.status.rawValue
        model.behaviours = value.behaviours.map(\.rawValue).joined(separator: ",")
        model.sanctionLevel = value.decision?.level.rawValue
        model.openedOn = value.openedOn.iso8601
        model.dueOn = value.dueOn?.iso8601
        model.updatedAt = date.timeIntervalSince1970
    }

    /// Fills in who the case is about and routes it to their atasan langsung.
    private static func assignSubject(_ model: CaseModel, nip: String?, on db: any Database) async throws {
        model.subjectUnitPath = "/"
        guard let nip else { return }
        guard let person = try await ASNModel.query(on: db).filter(\.$nip == nip).first(),
              let unit = try await UnitModel.find(person.unitID, on: db) else { throw Problem.unknownASN(nip) }
        model.asnNIP = nip
        model.asnName = person.name
        model.subjectUnitID = unit.id
        model.subjectUnitPath = unit.path
        let path = try await unitPath(of: unit, on: db)
        if case .unit(let id) = CaseRouting.assignee(reportedNIP: nip, path: path) { model.assigneeUnitID = UUID(uuidString: id) }
    }

    static func unitPath(of unit: UnitModel, on db: any Database) async throws -> [CaseRouting.UnitLevel] {
        let ids = unit.path.split(separator: "/").compactMap { UUID(uuidString: String($0)) }
        let units = try await UnitModel.query(on: db).filter(\.$id ~~ ids).sort(\.$depth).all()
        // Accounts named on a unit supervise it as its head does: a case is routed past them too.
        var handlers: [UUID: Set<String>] = [:]
        var staffed: Set<UUID> = []
        for account in try await UserModel.query(on: db).filter(\.$unitID ~~ ids).filter(\.$active == true)
            .filter(\.$role == Role.supervisor.rawValue).all() {
            guard let unitID = account.unitID else { continue }
            staffed.insert(unitID)
            if let nip = account.asnNIP { handlers[unitID, default: []].insert(nip) }
        }
        return units.map {
            CaseRouting.UnitLevel(unitID: $0.id!.uuidString, headNIP: $0.headNIP, otherHandlers: handlers[$0.id!] ?? [], hasAccount: staffed.contains($0.id!))
        }
    }

    public static func subject(_ model: CaseModel) -> String { "case:\(model.id!.uuidString.lowercased())" }

    /// The case's page, where its notifications lead.
    static func link(_ model: CaseModel) -> String { "/kasus/\(model.id!.uuidString.lowercased())" }

    /// Whom the case waits on: the head of its assigned unit, the PPK when no unit is left to route to, or the BKPSDM
    /// team while the ASN is not identified.
    static func audience(of model: CaseModel) -> NotificationStore.Audience {
        guard model.asnNIP != nil else { return .team }
        return model.assigneeUnitID.map { .unit($0) } ?? .ppk
    }

    // MARK: Reading

    public static func list(scope: CaseScope, status: CaseStatus? = nil, behaviour: Behaviour? = nil, overdueOn: LocalDate? = nil,
                            limit: Int = 100, offset: Int = 0, on database: any Database) async throws -> [CaseModel] {
        guard let query = query(scope: scope, statuses: status.map { [$0] } ?? [], behaviour: behaviour, overdueOn: overdueOn, on: database) else { return [] }
        return try await query.sort(\.$updatedAt, .descending).sort(\.$number).range(offset..<(offset + limit)).all()
    }

    /// How many cases `list` would give without a limit.
    public static func count(scope: CaseScope, status: CaseStatus? = nil, behaviour: Behaviour? = nil, overdueOn: LocalDate? = nil,
                             on database: any Database) async throws -> Int {
        guard let query = query(scope: scope, statuses: status.map { [$0] } ?? [], behaviour: behaviour, overdueOn: overdueOn, on: database) else { return 0 }
        return try await query.count()
    }

    /// The cases in `scope` that pass the filters (any of `statuses`, any status when empty); nil when the scope holds none.
    static func query(scope: CaseScope, statuses: [CaseStatus] = [], behaviour: Behaviour? = nil, overdueOn: LocalDate? = nil,
                      on database: any Database) -> QueryBuilder<CaseModel>? {
        let query = CaseModel.query(on: database)
        switch scope {
        case .all: break
        case .subtree(let prefix, let excluded):
            query.filter(\.$subjectUnitPath, .custom("LIKE"), prefix + "%")
            if !excluded.isEmpty { query.group(.or) { $0.filter(\.$asnNIP == nil).filter(\.$asnNIP !~ Array(excluded)) } }
        case .source(let source): query.filter(\.$source == source)
        case .nothing: return nil
        }
        if !statuses.isEmpty { query.filter(\.$status ~~ statuses.map(\.rawValue)) }
        if let behaviour { query.filter(\.$behaviours, .custom("LIKE"), "%\(behaviour.rawValue)%") }
        if let overdueOn {
            query.filter(\.$dueOn < overdueOn.iso8601).filter(\.$status !~ [CaseStatus.closed.rawValue, CaseStatus.dismissed.rawValue])
        }
        return query
    }

    /// One case, or nil when unknown or outside the scope.
    public static func find(_ id: UUID, scope: CaseScope, on database: any Database) async throws -> CaseModel? {
        guard let model = try await CaseModel.find(id, on: database) else { return nil }
        switch scope {
        case .all: return model
        case .subtree(let prefix, let excluded):
            return model.subjectUnitPath.hasPrefix(prefix) && !(model.asnNIP.map(excluded.contains) ?? false) ? model : nil
        case .source(let source): return model.source == source ? model : nil
        case .nothing: return nil
        }
    }

    /// A supervisor's scope: the subtree of the unit at `unitPath`, without cases about themselves (`nip`) or about the
    /// head of any unit from the root down to theirs — a reported person never handles, nor reads, their own case,
    /// and nobody judges a superior in their own chain.
    public static func supervisorScope(unitPath: String, nip: String?, on database: any Database) async throws -> CaseScope {
        let chain = unitPath.split(separator: "/").compactMap { UUID(uuidString: String($0)) }
        let heads = chain.isEmpty ? [] : try await UnitModel.query(on: database).filter(\.$id ~~ chain).all().compactMap(\.headNIP)
        return .subtree(path: unitPath, excluding: Set(heads + (nip.map { [$0] } ?? [])))
    }

    /// Whether a supervisor whose unit sits at `unitPath` may take the case's steps: the case must be assigned to
    /// their unit or one below it (a case about a head goes one level up, out of that head's reach).
    public static func isAssigned(_ model: CaseModel, within unitPath: String, on database: any Database) async throws -> Bool {
        guard let assignee = model.assigneeUnitID, let unit = try await UnitModel.find(assignee, on: database) else { return false }
        return unit.path.hasPrefix(unitPath)
    }

    /// The letters the law addresses to the person a case is about: the summons and the decision, never the
    /// team's record, notes or evidence.
    public static func lettersAddressed(to nip: String, on database: any Database) async throws -> [(letter: LetterModel, case: CaseModel)] {
        let cases = try await CaseModel.query(on: database).filter(\.$asnNIP == nip).all()
        guard !cases.isEmpty else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: cases.map { ($0.id!, $0) })
        return try await LetterModel.query(on: database).filter(\.$caseID ~~ Array(byID.keys))
            .filter(\.$kind ~~ [LetterKind.summons.rawValue, LetterKind.decision.rawValue]).sort(\.$issuedOn, .descending).sort(\.$sequence, .descending).all()
            .compactMap { letter in byID[letter.caseID].map { (letter, $0) } }
    }

    /// A case's letters in the order they were issued: by date, then by step (a decision's number comes from
    /// its own counter, so the sequence alone does not order it among the others).
    public static func letters(caseID: UUID, on database: any Database) async throws -> [LetterModel] {
        let steps = LetterKind.allCases.map(\.rawValue)
        return try await LetterModel.query(on: database).filter(\.$caseID == caseID).all()
            .sorted { ($0.issuedOn, steps.firstIndex(of: $0.kind) ?? 0, $0.sequence) < ($1.issuedOn, steps.firstIndex(of: $1.kind) ?? 0, $1.sequence) }
    }
}

/// The letters a case produces, one per step.
extension CaseStore {
    /// A note on a case: "team" and "personal" stay inside; "reporter" goes to the reporter's status page.
    public static func addNote(caseID: UUID, body: String, visibility: String, actor: CaseActor, at date: Date,
                               on database: any Database) async throws {
        try await database.transaction { db in
            guard let model = try await CaseModel.find(caseID, on: db) else { throw Problem.notFound }
            if visibility == "reporter" {
                guard let reportID = model.reportID else { throw Problem.notFound }
                let message = ReportMessageModel()
                message.reportID = reportID
                message.author = "tim"
                message.visibility = "reporter"
                message.body = body
                message.createdAt = date.timeIntervalSince1970
                try await message.create(on: db)
            } else {
                let note = CaseNoteModel()
                note.caseID = caseID
                note.authorID = actor.userID
                note.authorName = actor.name
                note.visibility = visibility == "personal" ? "personal" : "team"
                note.body = body
                note.createdAt = date.timeIntervalSince1970
                try await note.create(on: db)
            }
            try await AuditLog.append(actor: actor.auditName, action: "case.note", subject: subject(model),
                                      details: ["visibility": visibility], at: date, on: db)
        }
    }

    /// Notes the viewer may read: the team's, and their own personal ones.
    public static func notes(caseID: UUID, viewer: UUID, on database: any Database) async throws -> [CaseNoteModel] {
        try await CaseNoteModel.query(on: database).filter(\.$caseID == caseID).sort(\.$createdAt).all()
            .filter { $0.visibility == "team" || $0.authorID == viewer }
    }

    /// Whether evidence with this hash belongs to a report of a case the scope can see.
    public static func evidenceVisible(sha256: String, scope: CaseScope, on database: any Database) async throws -> EvidenceModel? {
        for evidence in try await EvidenceModel.query(on: database).filter(\.$sha256 == sha256).all() {
            if scope == .all { return evidence }
            if let model = try await CaseModel.query(on: database).filter(\.$reportID == evidence.reportID).first(),
               try await find(model.id!, scope: scope, on: database) != nil {
                return evidence
            }
        }
        return nil
    }

    /// Records that the admin opened a reporter's file as it was sent, and why.
    public static func logOriginalEvidenceViewed(sha256: String, reportID: UUID, reason: String, actor: CaseActor, at date: Date,
                                                 on database: any Database) async throws {
        try await database.transaction { db in
            try await AuditLog.append(actor: actor.auditName, action: "evidence.original_viewed", subject: "report:\(reportID.uuidString.lowercased())",
                                      details: ["sha256": sha256, "reason": reason], at: date, on: db)
        }
    }

    /// Records that someone saw a reporter's identity.
    public static func logIdentityViewed(reportID: UUID, actor: CaseActor, at date: Date, on database: any Database) async throws {
        try await database.transaction { db in
            try await AuditLog.append(actor: actor.auditName, action: "report.identity_viewed", subject: "report:\(reportID.uuidString.lowercased())",
                                      details: [:], at: date, on: db)
        }
    }
}

extension CaseStore {
    public static func addFile(caseID: UUID, file: EvidenceFile, visibility: String, actor: CaseActor, vault: EvidenceVault, at date: Date,
                               on database: any Database) async throws {
        let hash = try await vault.store(file.bytes)
        try await database.transaction { db in
            guard let model = try await CaseModel.find(caseID, on: db) else { throw Problem.notFound }
            let record = CaseFileModel()
            record.caseID = caseID
            record.sha256 = hash
            record.contentType = file.type.rawValue
            record.size = file.bytes.count
            record.fileName = file.name
            record.visibility = ["team", "personal", "reporter"].contains(visibility) ? visibility : "team"
            record.authorID = actor.userID
            record.authorName = actor.name
            record.addedAt = date.timeIntervalSince1970
            try await record.create(on: db)
            try await AuditLog.append(actor: actor.auditName, action: "case.file_added", subject: subject(model),
                                      details: ["sha256": hash, "visibility": record.visibility], at: date, on: db)
        }
    }

    /// Files the viewer may see: team and reporter files, and their own personal ones.
    public static func files(caseID: UUID, viewer: UUID, on database: any Database) async throws -> [CaseFileModel] {
        try await CaseFileModel.query(on: database).filter(\.$caseID == caseID).sort(\.$addedAt).all()
            .filter { $0.visibility != "personal" || $0.authorID == viewer }
    }

    /// Files shared with the reporter of a report.
    public static func reporterFiles(reportID: UUID, on database: any Database) async throws -> [CaseFileModel] {
        guard let model = try await CaseModel.query(on: database).filter(\.$reportID == reportID).first() else { return [] }
        return try await CaseFileModel.query(on: database).filter(\.$caseID == model.id!).filter(\.$visibility == "reporter").sort(\.$addedAt).all()
    }

    /// A case file the viewer may download, by its hash.
    public static func visibleFile(sha256: String, scope: CaseScope, viewer: UUID, on database: any Database) async throws -> CaseFileModel? {
        for file in try await CaseFileModel.query(on: database).filter(\.$sha256 == sha256).all() {
            if file.visibility == "personal" && file.authorID != viewer { continue }
            if try await find(file.caseID, scope: scope, on: database) != nil { return file }
        }
        return nil
    }
}
