import NetraCore
import NetraStore
import Vapor

extension Request {
    /// The supervision periods of the election nearest today, under the rhythms the admin set.
    func supervisionSchedule(shipped: [ElectionCalendar]) async throws -> SupervisionSchedule {
        SupervisionSchedule(calendar: try await currentElectionCalendar(shipped: shipped), rhythms: try await SupervisionStore.rhythms(on: db))
    }
}

/// Periodic supervision statements (`/pengawasan`): a head files their unit's statement for a period after the
/// units below them; the BKPSDM and the PPK see the roll-up per period, as a page, a printable recap and CSV.
struct SupervisionController: RouteCollection {
    let shippedCalendars: [ElectionCalendar]
    let workingDays: WorkingDays
    let vault: EvidenceVault

    func boot(routes: any RoutesBuilder) throws {
        routes.get("pengawasan", use: page)
        routes.get("pengawasan.csv", use: csv)
        routes.post("pengawasan", "lapor", use: file)
        routes.post("pengawasan", "tandai", use: markMissing)
        routes.post("pengawasan", "temuan", use: reportIncident)
        routes.get("pengawasan", "irama", use: rhythmPage)
        routes.post("pengawasan", "irama", use: saveRhythms)
    }

    // MARK: Page

    struct Row: Encodable {
        let unitID: String
        let name: String
        let level: Int
        let indent: String
        let standing: String
        let standingCode: String
        let due: String
        let filedAt: String?
        let filedBy: String?
        let summary: String?
        let missingNote: String?
        /// The head viewing may mark it as not come in.
        let canMarkMissing: Bool
    }

    struct PeriodChoice: Encodable {
        let value: String
        let title: String
        let selected: Bool
    }

    struct Incident: Encodable {
        let index: Int
        let text: String
        let receipt: String?
    }

    struct Own: Encodable {
        let unitName: String
        let due: String
        let standing: String
        let filed: Bool
        let filedAt: String?
        let statementID: String?
        let briefings: Int
        let mediaChecks: Int
        let pledges: Int
        let otherActivities: String?
        let nihil: Bool
        let incidents: [Incident]
        /// Units below whose statements hold this one back.
        let waitingFor: [String]
    }

    struct Totals: Encodable {
        let filed: Int
        let late: Int
        let missing: Int
        let awaited: Int
        let incidents: Int
    }

    struct Page: Encodable {
        let hasPeriods: Bool
        let periods: [PeriodChoice]
        let period: String?
        let periodKey: String?
        let rows: [Row]
        let totals: Totals
        let own: Own?
        let canFile: Bool
        let canConfigure: Bool
        let printedOn: String
        var errors: [SupervisionStatement.Problem] = []
        var values: [String: String] = [:]
        var notice: String?
    }

    @Sendable
    func page(req: Request) async throws -> View {
        var page = try await makePage(req)
        if req.query[String.self, at: "pesan"] == "terkirim" { page.notice = "Laporan pengawasan Anda telah disampaikan." }
        return try await render(req, page: page)
    }

    private func render(_ req: Request, page: Page, status: HTTPResponseStatus = .ok) async throws -> View {
        try await req.view.render("supervision", PageContext(req: req, title: "Laporan Pengawasan Berjenjang", body: page))
    }

    /// The selected period (`periode`, else the latest that has ended, else the current one) and its rows within
    /// the viewer's scope (a head's own subtree; everything for the BKPSDM and the PPK).
    private func selection(_ req: Request, periodKey: String? = nil) async throws -> (periods: [SupervisionPeriod], period: SupervisionPeriod?, rows: [StatementRow]) {
        let viewer = try req.require(.viewSupervision)
        let periods = try await req.supervisionSchedule(shipped: shippedCalendars).periods(through: req.clock.today)
        guard let period = try selectedPeriod(req, key: periodKey, periods: periods, today: req.clock.today) else { return (periods, nil, []) }
        let rows = try await SupervisionStore.rows(period: period, today: req.clock.today, workingDays: try await ElectionStore.workingDays(workingDays, on: req.db),
                                                   within: viewer.role == .supervisor ? viewer.unitPath ?? "/" + UUID().uuidString : nil, on: req.db)
        return (periods, period, rows)
    }

    private func makePage(_ req: Request, periodKey: String? = nil) async throws -> Page {
        let zone = req.regionTimeZone
        let viewer = try req.require(.viewSupervision)
        let today = req.clock.today
        let (periods, selected, rows) = try await selection(req, periodKey: periodKey)
        let printedOn = today.indonesianLong
        guard let period = selected else {
            return Page(hasPeriods: false, periods: [], period: nil, periodKey: nil, rows: [], totals: Totals(filed: 0, late: 0, missing: 0, awaited: 0, incidents: 0),
                        own: nil, canFile: false, canConfigure: viewer.may(.configureRegion), printedOn: printedOn)
        }
        let mayFile = viewer.may(.fileSupervisionStatement)
        let ownRow = mayFile ? rows.first { $0.unit.id == viewer.unitID } : nil
        let own = ownRow.map { row in
            Own(unitName: row.unit.name, due: row.due.indonesianLong, standing: row.standing.title, filed: row.statement != nil,
                filedAt: row.filedAt?.indonesianDateTime(in: zone), statementID: row.statementID?.uuidString.lowercased(),
                briefings: row.statement?.briefings ?? 0, mediaChecks: row.statement?.mediaChecks ?? 0, pledges: row.statement?.pledges ?? 0,
                otherActivities: row.statement?.otherActivities, nihil: row.statement?.nihil ?? false,
                incidents: (row.statement?.incidents ?? []).enumerated().map { Incident(index: $0.offset, text: $0.element, receipt: row.reportedIncidents[$0.offset]) },
                waitingFor: rows.filter { $0.unit.parent == row.unit.id && $0.statement == nil && $0.markedMissingBy == nil }.map(\.unit.name))
        }
        let baseLevel = rows.map(\.unit.level).min() ?? 0
        return Page(
            hasPeriods: true,
            periods: periods.map { PeriodChoice(value: $0.start.iso8601, title: $0.title, selected: $0 == period) },
            period: period.title, periodKey: period.start.iso8601,
            rows: rows.map { row in
                let level = row.unit.level - baseLevel
                let marksBelow = mayFile && row.unit.parent != nil && row.unit.parent == viewer.unitID
                let open = row.statement == nil && row.markedMissingBy == nil && today > row.due
                return Row(unitID: row.unit.id.uuidString.lowercased(), name: row.unit.name, level: level, indent: String(repeating: "— ", count: level),
                           standing: row.standing.title, standingCode: row.standing.rawValue, due: row.due.indonesianLong,
                           filedAt: row.filedAt?.indonesianDateTime(in: zone), filedBy: row.filedBy, summary: row.statement.map(Self.summary),
                           // Marking unblocks the head above, so a top unit (reporting to nobody) is never marked.
                           missingNote: Self.missingNote(row), canMarkMissing: open && row.unit.parent != nil && (marksBelow || viewer.role == .admin))
            },
            totals: Totals(filed: rows.filter { $0.standing == .filed }.count, late: rows.filter { $0.standing == .late }.count,
                           missing: rows.filter { $0.standing == .missing }.count, awaited: rows.filter { $0.standing == .awaited }.count,
                           incidents: rows.compactMap(\.statement).map(\.incidents.count).reduce(0, +)),
            own: own, canFile: own.map { !$0.filed && $0.waitingFor.isEmpty && today >= period.start } ?? false,
            canConfigure: viewer.may(.configureRegion), printedOn: printedOn)
    }

    private func selectedPeriod(_ req: Request, key: String?, periods: [SupervisionPeriod], today: LocalDate) throws -> SupervisionPeriod? {
        if let key = key ?? req.query[String.self, at: "periode"], !key.isEmpty {
            guard let period = periods.first(where: { $0.start.iso8601 == key }) else {
                throw Abort(.notFound, reason: "Periode laporan \(key) tidak ada dalam jadwal pemilihan ini.")
            }
            return period
        }
        return periods.first { $0.end < today } ?? periods.first
    }

    /// "Ditandai tidak masuk oleh Kabid SD: cuti sakit".
    static func missingNote(_ row: StatementRow) -> String? {
        guard let by = row.markedMissingBy else { return nil }
        return "Ditandai tidak masuk oleh \(by)" + (row.missingReason.map { ": \($0)" } ?? "")
    }

    /// "2 pengarahan · 12 pemeriksaan medsos · 0 ikrar · nihil" or "… · 1 temuan".
    static func summary(_ statement: SupervisionStatement) -> String {
        let found = statement.nihil ? "nihil" : "\(statement.incidents.count) temuan"
        return "\(statement.briefings) pengarahan · \(statement.mediaChecks) pemeriksaan media sosial · \(statement.pledges) ikrar · \(found)"
    }

    // MARK: Filing

    struct StatementForm: Content {
        var periode: String
        var pengarahan: String?
        var pemeriksaan_medsos: String?
        var ikrar: String?
        var kegiatan_lain: String?
        var temuan: String?
        var nihil: String?
    }

    @Sendable
    func file(req: Request) async throws -> Response {
        let viewer = try req.require(.fileSupervisionStatement)
        let form = try req.content.decode(StatementForm.self)
        guard let unitID = viewer.unitID else { throw Abort(.forbidden, reason: SupervisionStore.Problem.notReportingUnit.description) }
        var page = try await makePage(req, periodKey: form.periode)
        let schedule = try await req.supervisionSchedule(shipped: shippedCalendars)
        guard let period = schedule.period(startingOn: LocalDate(iso8601: form.periode) ?? req.clock.today) else { throw Abort(.notFound) }
        var problems: [SupervisionStatement.Problem] = []
        func count(_ raw: String?, field: String, label: String) -> Int {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return 0 }
            guard let value = Int(text) else {
                problems.append(.init(field: field, message: "\(label) harus bilangan bulat (tulis 0 bila tidak ada)."))
                return 0
            }
            return value
        }
        let statement = SupervisionStatement(
            briefings: count(form.pengarahan, field: "pengarahan", label: "Jumlah pengarahan"),
            mediaChecks: count(form.pemeriksaan_medsos, field: "pemeriksaan_medsos", label: "Jumlah pemeriksaan media sosial"),
            pledges: count(form.ikrar, field: "ikrar", label: "Jumlah ikrar"), otherActivities: form.kegiatan_lain,
            incidents: (form.temuan ?? "").components(separatedBy: .newlines), nihil: form.nihil == "ya")
        // Every problem at once: the numbers that are not numbers, and what the statement itself lacks.
        if case .failure(let refusal) = statement.validated() { problems += refusal.problems }
        do {
            guard problems.isEmpty else { throw SupervisionStore.Problem.refused(.init(problems: problems)) }
            try await SupervisionStore.file(statement, unitID: unitID, period: period, actor: viewer.displayName, today: req.clock.today,
                                            at: req.clock.now(), workingDays: try await ElectionStore.workingDays(workingDays, on: req.db), on: req.db)
        } catch let problem as SupervisionStore.Problem {
            if case .refused(let refusal) = problem { page.errors = refusal.problems } else {
                page.errors = [.init(field: "laporan", message: problem.description)]
            }
            page.values = ["pengarahan": form.pengarahan ?? "", "pemeriksaan_medsos": form.pemeriksaan_medsos ?? "", "ikrar": form.ikrar ?? "",
                           "kegiatan_lain": form.kegiatan_lain ?? "", "temuan": form.temuan ?? "", "nihil": form.nihil ?? ""]
            return try await render(req, page: page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/pengawasan?periode=\(period.start.iso8601)&pesan=terkirim")
    }

    struct MarkForm: Content {
        var periode: String
        var unit: String
        var alasan: String?
    }

    @Sendable
    func markMissing(req: Request) async throws -> Response {
        let viewer = try req.require(.fileSupervisionStatement, or: .configureRegion)
        let form = try req.content.decode(MarkForm.self)
        let schedule = try await req.supervisionSchedule(shipped: shippedCalendars)
        guard let period = LocalDate(iso8601: form.periode).flatMap(schedule.period(startingOn:)), let unitID = UUID(uuidString: form.unit) else {
            throw Abort(.notFound)
        }
        // The admin may mark any unit below another; a head only the units reporting to their own.
        let byUnit: UUID? = viewer.role == .admin ? nil : viewer.unitID
        guard viewer.role == .admin || byUnit != nil else { throw Abort(.forbidden, reason: SupervisionStore.Problem.notBelow.description) }
        do {
            try await SupervisionStore.markMissing(unitID: unitID, period: period, reason: form.alasan ?? "", actor: viewer.displayName,
                                                   byUnit: byUnit, today: req.clock.today,
                                                   at: req.clock.now(), workingDays: try await ElectionStore.workingDays(workingDays, on: req.db), on: req.db)
        } catch let problem as SupervisionStore.Problem {
            if problem == .notBelow || problem == .notReportingUnit { throw Abort(.forbidden, reason: problem.description) }
            var page = try await makePage(req, periodKey: form.periode)
            page.errors = [.init(field: "unit", message: problem.description)]
            return try await render(req, page: page).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/pengawasan?periode=\(period.start.iso8601)")
    }

    struct IncidentForm: Content {
        var laporan: String
        var temuan: Int
    }

    /// One incident of a filed statement into the triage queue (the head who filed it, or the BKPSDM team).
    @Sendable
    func reportIncident(req: Request) async throws -> Response {
        let viewer = try req.require(.fileSupervisionStatement, or: .triageReports)
        let form = try req.content.decode(IncidentForm.self)
        guard let id = UUID(uuidString: form.laporan), let model = try await SupervisionStore.statement(id, on: req.db) else { throw Abort(.notFound) }
        guard viewer.role == .admin || model.unitID == viewer.unitID else { throw Abort(.forbidden, reason: "Hanya kepala unit pelapor atau Tim Netralitas BKPSDM.") }
        var random = SystemRandomNumberGenerator()
        do {
            _ = try await SupervisionStore.reportIncident(statementID: id, index: form.temuan, actor: viewer.displayName, vault: vault,
                                                          at: req.clock.now(), random: &random, on: req.db)
        } catch SupervisionStore.Problem.noSuchIncident {
            throw Abort(.notFound, reason: SupervisionStore.Problem.noSuchIncident.description)
        }
        return req.redirect(to: "/pengawasan?periode=\(model.periodStart)")
    }

    // MARK: Export

    /// The roll-up of the selected period as the page shows it, one line per unit.
    @Sendable
    func csv(req: Request) async throws -> Response {
        let zone = req.regionTimeZone
        let (_, period, rows) = try await selection(req)
        var lines = ["periode,unit,tingkat,status,batas,disampaikan,oleh,pengarahan,pemeriksaan_medsos,ikrar,temuan,keterangan"]
        for row in rows {
            let statement = row.statement
            let counts: [String] = statement.map { [String($0.briefings), String($0.mediaChecks), String($0.pledges), $0.nihil ? "nihil" : String($0.incidents.count)] }
                ?? ["", "", "", ""]
            let fields: [String] = [period?.title ?? "", row.unit.name, String(row.unit.level), row.standing.title, row.due.iso8601,
                                    row.filedAt?.indonesianDateTime(in: zone) ?? "", row.filedBy ?? ""] + counts + [Self.missingNote(row) ?? ""]
            lines.append(fields.map { CSVField.escaped($0, formulaSafe: true) }.joined(separator: ","))
        }
        return .csv(lines, filename: "laporan-pengawasan-\(period?.start.iso8601 ?? req.clock.today.iso8601).csv")
    }

    // MARK: Rhythms

    struct RhythmRow: Encodable {
        let phase: String
        let title: String
        let choices: [PeriodChoice]
    }

    @Sendable
    func rhythmPage(req: Request) async throws -> View {
        _ = try req.require(.configureRegion)
        return try await renderRhythms(req, saved: req.query[String.self, at: "tersimpan"] != nil)
    }

    private func renderRhythms(_ req: Request, saved: Bool) async throws -> View {
        let rhythms = try await SupervisionStore.rhythms(on: req.db)
        let rows = ElectionPhase.allCases.map { phase in
            RhythmRow(phase: phase.rawValue, title: phase.title, choices: SupervisionRhythm.allCases.map {
                PeriodChoice(value: $0.rawValue, title: $0.title, selected: rhythms.rhythm(in: phase) == $0)
            })
        }
        struct RhythmPage: Encodable { let rows: [RhythmRow]; let saved: Bool }
        return try await req.view.render("supervision-rhythm", PageContext(req: req, title: "Irama Laporan Pengawasan", body: RhythmPage(rows: rows, saved: saved)))
    }

    @Sendable
    func saveRhythms(req: Request) async throws -> Response {
        let viewer = try req.require(.configureRegion)
        var chosen: [ElectionPhase: SupervisionRhythm] = [:]
        for phase in ElectionPhase.allCases {
            let raw = try req.content.get(String?.self, at: phase.rawValue) ?? SupervisionRhythm.none.rawValue
            guard let rhythm = SupervisionRhythm(rawValue: raw) else { throw Abort(.badRequest, reason: "Irama \"\(raw)\" untuk \(phase.title) tidak dikenal.") }
            chosen[phase] = rhythm
        }
        try await SupervisionStore.setRhythms(SupervisionRhythms(byPhase: chosen), actor: viewer.displayName, at: req.clock.now(), on: req.db)
        return req.redirect(to: "/pengawasan/irama?tersimpan=1")
    }
}
