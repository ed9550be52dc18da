import Fluent
import NetraCore
import NetraStore
import Vapor

/// Triage of incoming reports and the case workflow, each action checked against the viewer's role
/// and scope. Out-of-scope cases answer 404, like unknown ones.
struct CaseController: RouteCollection {
    let rulebook: Rulebook
    let workingDays: WorkingDays
    let deadlines: DeadlinePolicy
    let vault: EvidenceVault
    /// Largest evidence file accepted, the same limit as on the public report form.
    let maxFileBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("kasus")
        cases.get(use: list)
        cases.get("laporan", use: triageList)
        cases.get("laporan", ":report", use: triageDetail)
        cases.post("laporan", ":report", "verifikasi", use: verify)
        cases.post("laporan", ":report", "tolak", use: reject)
        cases.get(":case", use: detail)
        cases.post(":case", "langkah", use: step)
        cases.post(":case", "asn", use: setSubject)
        cases.post(":case", "catatan", use: note)
        cases.on(.POST, ":case", "berkas", body: .collect(maxSize: nil), use: addFile)
        cases.get(":case", "surat", ":letter", use: letter)
        routes.get("kasus.csv", use: exportCSV)
        routes.get("bukti", ":sha256", use: evidence)
        routes.post("bukti", ":sha256", "asli", use: originalEvidence)
    }

    // MARK: Scope

    static func scope(of viewer: Viewer, on database: any Database) async throws -> CaseScope {
        switch viewer.role {
        case .admin, .ppk: .all
        case .supervisor:
            if let path = viewer.unitPath { try await CaseStore.supervisorScope(unitPath: path, nip: viewer.nip, on: database) } else { .nothing }
        case .bawaslu: .source(ReportStore.Source.bawaslu.rawValue)
        case .asn: .nothing
        }
    }

    /// Whether the viewer may take the case's workflow steps: a supervisor only for a case assigned to their unit
    /// or one below it; the other roles as the workflow names them.
    /// The case if the viewer's scope holds it. A case about the viewer themselves is refused with 403 and where the
    /// law lets them read it (the letters addressed to them); any other is 404, as for a case that does not exist.
    static func visibleCase(_ id: UUID, to viewer: Viewer, on database: any Database) async throws -> CaseModel {
        if let model = try await CaseStore.find(id, scope: try await scope(of: viewer, on: database), on: database) { return model }
        if let nip = viewer.nip, try await CaseStore.find(id, scope: .all, on: database)?.asnNIP == nip {
            throw Abort(.forbidden, reason: "Kasus ini tentang Anda: Anda tidak menanganinya. Surat yang ditujukan kepada Anda (panggilan dan keputusan) ada di halaman Surat untuk Saya.")
        }
        throw Abort(.notFound)
    }

    static func mayHandle(_ model: CaseModel, viewer: Viewer, on database: any Database) async throws -> Bool {
        guard viewer.role == .supervisor else { return true }
        guard let path = viewer.unitPath else { return false }
        return try await CaseStore.isAssigned(model, within: path, on: database)
    }

    /// Working days count the region's voting days as days off.
    private func context(for behaviours: [Behaviour], _ req: Request) async throws -> CaseContext {
        CaseContext(workingDays: try await ElectionStore.workingDays(workingDays, on: req.db), policy: deadlines,
                    allowedSanctions: rulebook.sanctionLevels(for: behaviours))
    }

    private func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("case").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    // MARK: Triage

    @Sendable
    func triageList(req: Request) async throws -> View {
        _ = try req.require(.triageReports)
        let rows = try await CaseStore.pendingReports(on: req.db).map { report in
            TriageListPage.Row(
                id: report.id!.uuidString.lowercased(), receipt: ReceiptCode(report.receipt)?.grouped ?? report.receipt,
                receivedAt: LocalDate(timestamp: report.receivedAt, in: req.regionTimeZone).indonesianLong, source: ReportStore.Source(rawValue: report.source)?.title ?? report.source, excerpt: String(report.description.prefix(140)),
                asn: report.asnName ?? report.asnNIP ?? "—",
                suggested: report.suggestedBehaviours.split(separator: ",").compactMap { Behaviour(rawValue: String($0))?.title })
        }
        return try await req.view.render("triage", PageContext(req: req, title: "Laporan Masuk", body: TriageListPage(rows: rows)))
    }

    @Sendable
    func triageDetail(req: Request) async throws -> View {
        try await renderTriage(req, error: nil)
    }

    private func renderTriage(_ req: Request, error: String?, chosen: String? = nil) async throws -> View {
        let viewer = try req.require(.triageReports)
        guard let id = req.parameters.get("report").flatMap(UUID.init(uuidString:)), let report = try await ReportModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let showIdentity = viewer.may(.viewReporterIdentity) && (report.reporterName != nil || report.reporterContact != nil)
        let identity = showIdentity ? try ReportStore.reporterIdentity(of: report, vault: vault) : (name: nil, contact: nil)
        if showIdentity { try await CaseStore.logIdentityViewed(reportID: id, actor: viewer.actor, at: req.clock.now(), on: req.db) }
        let suggested = Set(report.suggestedBehaviours.split(separator: ",").map(String.init))
        let search = req.query[String.self, at: "cari"].map { String($0.prefix(100)) }
        // A report already verified or declined shows what became of it, not the forms again.
        var outcome: String?, caseLink: String?
        switch ReportState(rawValue: report.status) {
        case .caseOpened:
            let opened = try await CaseModel.query(on: req.db).filter(\.$reportID == id).first()
            outcome = "Laporan ini sudah diverifikasi menjadi kasus \(opened?.number ?? "")."
            caseLink = opened.map { "/kasus/\($0.id!.uuidString.lowercased())" }
        case .rejected: outcome = "Laporan ini tidak ditindaklanjuti: \(report.rejectionReason ?? "")"
        default: break
        }
        let evidence = try await EvidenceModel.query(on: req.db).filter(\.$reportID == id).all()
        let page = TriageDetailPage(
            id: id.uuidString.lowercased(), receipt: ReceiptCode(report.receipt)?.grouped ?? report.receipt,
            receivedAt: LocalDate(timestamp: report.receivedAt, in: req.regionTimeZone).indonesianLong, source: ReportStore.Source(rawValue: report.source)?.title ?? report.source, reference: report.reference,
            description: report.description, occurredOn: report.occurredOn.flatMap(LocalDate.init(iso8601:))?.indonesianLong,
            location: report.location, asnName: report.asnName, asnNIP: report.asnNIP, unit: report.unitText,
            links: (try? JSONDecoder().decode([String].self, from: Data(report.links.utf8))) ?? [],
            reporterName: identity.name, reporterContact: identity.contact,
            evidence: evidence.map { .init(sha256: $0.sha256, contentType: $0.contentType, size: $0.size, fileName: $0.fileName) },
            mayOpenOriginals: viewer.may(.viewOriginalEvidence),
            candidates: try await CaseStore.registryCandidates(for: report, search: search, on: req.db).map { Self.candidateRow($0, chosen: chosen) },
            search: search, unidentifiedChosen: chosen == Self.unidentified, outcome: outcome, caseLink: caseLink,
            duplicates: try await CaseStore.duplicates(of: report, on: req.db),
            behaviours: Behaviour.allCases.map { .init(value: $0.rawValue, title: $0.title, suggested: suggested.contains($0.rawValue)) },
            error: error
        )
        return try await req.view.render("triage-detail", PageContext(req: req, title: "Verifikasi Laporan", body: page))
    }

    struct VerifyForm: Content {
        var perilaku: [String]?
        /// A candidate's NIP, or `unidentified`; nothing is chosen for the reader.
        var nip: String?
    }

    /// The choice "not (yet) identified in the registry".
    static let unidentified = "belum"

    @Sendable
    func verify(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        guard let id = req.parameters.get("report").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let form = try req.content.decode(VerifyForm.self)
        let behaviours = (form.perilaku ?? []).compactMap(Behaviour.init(rawValue:))
        // Opening a case against a person is always an explicit choice: a candidate, or "not identified".
        guard let choice = form.nip, !choice.isEmpty else {
            return try await renderTriage(req, error: "Pilih ASN yang dilaporkan, atau \"Belum dikenali dalam data ASN\".")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let nip = choice == Self.unidentified ? nil : choice.filter(\.isNumber)
        do {
            let opened = try await CaseStore.open(reportID: id, behaviours: behaviours, asnNIP: nip, actor: viewer.actor,
                                                  context: try await context(for: behaviours, req), today: req.clock.today, at: req.clock.now(), on: req.db)
            return req.redirect(to: "/kasus/\(opened.id!.uuidString.lowercased())")
        } catch let problem as CaseStore.Problem {
            return try await renderTriage(req, error: problem.description, chosen: choice).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct RejectForm: Content { var alasan: String? }

    @Sendable
    func reject(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        guard let id = req.parameters.get("report").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let reason = (try req.content.decode(RejectForm.self).alasan ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 10 else {
            return try await renderTriage(req, error: "Tuliskan alasan penolakan (minimal 10 karakter); pelapor akan membacanya.")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await CaseStore.reject(reportID: id, reason: reason, actor: viewer.actor, at: req.clock.now(), on: req.db)
        } catch let problem as CaseStore.Problem {
            return try await renderTriage(req, error: problem.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/kasus/laporan")
    }

    // MARK: Lists

    private struct Filters {
        let status: CaseStatus?
        let behaviour: Behaviour?
        let overdue: Bool
        let unit: UUID?
        /// The page of the list, from 1 (`halaman`).
        let page: Int

        init(_ req: Request) {
            status = req.query[String.self, at: "status"].flatMap(CaseStatus.init(rawValue:))
            behaviour = req.query[String.self, at: "perilaku"].flatMap(Behaviour.init(rawValue:))
            overdue = req.query[String.self, at: "terlambat"] == "1"
            unit = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:))
            page = max(1, min(req.query[Int.self, at: "halaman"] ?? 1, 1_000_000))
        }

        /// The list's address for another page, with the same filters.
        func query(page: Int) -> String {
            var items = [URLQueryItem]()
            if let status { items.append(URLQueryItem(name: "status", value: status.rawValue)) }
            if let behaviour { items.append(URLQueryItem(name: "perilaku", value: behaviour.rawValue)) }
            if let unit { items.append(URLQueryItem(name: "unit", value: unit.uuidString.lowercased())) }
            if overdue { items.append(URLQueryItem(name: "terlambat", value: "1")) }
            if page > 1 { items.append(URLQueryItem(name: "halaman", value: String(page))) }
            var components = URLComponents()
            components.queryItems = items
            return components.percentEncodedQuery ?? ""
        }

        func address(page: Int) -> String {
            let query = query(page: page)
            return query.isEmpty ? "/kasus" : "/kasus?" + query
        }
    }

    /// Cases on one page of the list.
    static let pageSize = 50
    /// Cases in one CSV export: every case of a province's election, not a page of them.
    static let exportLimit = 100_000

    /// The viewer's scope narrowed by the unit filter; a unit outside the scope shows nothing.
    private func scope(_ req: Request, viewer: Viewer, filters: Filters) async throws -> CaseScope {
        let scope = try await Self.scope(of: viewer, on: req.db)
        guard let unitID = filters.unit else { return scope }
        guard let unit = try await UnitModel.find(unitID, on: req.db) else { return .nothing }
        switch scope {
        case .all: return .subtree(path: unit.path)
        case .subtree(let prefix, let excluded): return unit.path.hasPrefix(prefix) ? .subtree(path: unit.path, excluding: excluded) : .nothing
        case .source, .nothing: return .nothing
        }
    }

    @Sendable
    func list(req: Request) async throws -> View {
        let viewer = try req.require(.viewCases)
        let filters = Filters(req)
        let today = req.clock.today
        let scope = try await scope(req, viewer: viewer, filters: filters)
        let overdueOn = filters.overdue ? today : nil
        let total = try await CaseStore.count(scope: scope, status: filters.status, behaviour: filters.behaviour, overdueOn: overdueOn, on: req.db)
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let pageNumber = min(filters.page, pages)
        let rows = try await CaseStore.list(scope: scope, status: filters.status, behaviour: filters.behaviour, overdueOn: overdueOn,
                                            limit: Self.pageSize, offset: (pageNumber - 1) * Self.pageSize, on: req.db)
            .map { CaseListPage.row($0, today: today) }
        let first = (pageNumber - 1) * Self.pageSize
        let page = CaseListPage(
            rows: rows,
            statuses: CaseStatus.allCases.map { .init(value: $0.rawValue, title: $0.title, suggested: $0 == filters.status) },
            behaviours: Behaviour.allCases.map { .init(value: $0.rawValue, title: $0.title, suggested: $0 == filters.behaviour) },
            units: try await unitOptions(for: viewer, selected: filters.unit, on: req.db),
            status: filters.status?.rawValue ?? "", behaviour: filters.behaviour?.rawValue ?? "", overdueOnly: filters.overdue,
            canTriage: viewer.may(.triageReports), query: filters.query(page: 1),
            shown: rows.isEmpty ? "" : "\(IndonesianNumber.grouped(first + 1))–\(IndonesianNumber.grouped(first + rows.count)) dari \(IndonesianNumber.grouped(total))",
            previousPage: pageNumber > 1 ? filters.address(page: pageNumber - 1) : nil,
            nextPage: pageNumber < pages ? filters.address(page: pageNumber + 1) : nil
        )
        return try await req.view.render("cases", PageContext(req: req, title: "Kasus", body: page))
    }

    /// Perangkat daerah and their unit kerja the viewer may filter by.
    private func unitOptions(for viewer: Viewer, selected: UUID?, on database: any Database) async throws -> [TriageDetailPage.Option] {
        guard viewer.role != .bawaslu else { return [] }
        var options: [TriageDetailPage.Option] = []
        func walk(_ node: UnitNode, level: Int) {
            guard level <= 1 else { return }
            options.append(.init(value: node.id.uuidString.lowercased(), title: String(repeating: "— ", count: level) + node.name, suggested: node.id == selected))
            node.children.forEach { walk($0, level: level + 1) }
        }
        try await RegistryQueries.unitTree(scope: viewer.registryScope, counting: false, on: database).forEach { walk($0, level: 0) }
        return options
    }

    /// The same list as CSV, with the viewer's scope and filters; never any reporter identity.
    @Sendable
    func exportCSV(req: Request) async throws -> Response {
        let viewer = try req.require(.viewCases)
        let today = req.clock.today
        var lines = ["nomor,status,asn,nip,perilaku,dibuka,tenggat,terlambat"]
        let filters = Filters(req)
        for model in try await CaseStore.list(scope: try await scope(req, viewer: viewer, filters: filters), status: filters.status,
                                              behaviour: filters.behaviour, overdueOn: filters.overdue ? today : nil, limit: Self.exportLimit, on: req.db) {
            let row = CaseListPage.row(model, today: today)
            lines.append([model.number, model.status, model.asnName ?? "", model.asnNIP ?? "", model.behaviours, model.openedOn, model.dueOn ?? "",
                          row.overdue ? "ya" : "tidak"].map { CSVField.escaped($0, formulaSafe: true) }.joined(separator: ","))
        }
        return .csv(lines, filename: "kasus-netralitas-\(today.iso8601).csv")
    }

    // MARK: Case page

    @Sendable
    func detail(req: Request) async throws -> View {
        try await renderDetail(req, error: nil)
    }

    private func renderDetail(_ req: Request, error: String?, draft: [String: String] = [:]) async throws -> View {
        let viewer = try req.require(.viewCases)
        let model = try await Self.visibleCase(try caseID(req), to: viewer, on: req.db)
        let value = try CaseStore.state(of: model)
        let context = try await context(for: value.behaviours, req)
        let mayHandle = try await Self.mayHandle(model, viewer: viewer, on: req.db)
        let facts = CaseDetailPage.Facts(
            id: model.id!, number: model.number, asnName: model.asnName, asnNIP: model.asnNIP, reportID: model.reportID, state: value,
            today: req.clock.today, zone: req.regionTimeZone,
            audit: try await AuditLog.records(subject: CaseStore.subject(model), on: req.db),
            notes: try await CaseStore.notes(caseID: model.id!, viewer: viewer.userID, on: req.db),
            files: try await CaseStore.files(caseID: model.id!, viewer: viewer.userID, on: req.db),
            letters: try await CaseStore.letters(caseID: model.id!, on: req.db),
            handling: try await CaseStore.handling(of: model, on: req.db), viewerUnitID: viewer.unitID, viewerNIP: viewer.nip,
            mayHandle: mayHandle, permittedActions: mayHandle ? Self.actions(for: viewer, case: value, today: req.clock.today) : [],
            allowedSanctions: context.allowedSanctions, examinationWindow: context.examinationWindow(servedOn: req.clock.today),
            examinationRows: Self.examinationRows,
            report: try await originalReport(of: model, req: req),
            subjectChoice: try await subjectChoice(for: model, status: value.status, viewer: viewer, req: req), error: error, draft: draft)
        return try await req.view.render("case", PageContext(req: req, title: "Kasus \(model.number)", body: CaseDetailPage.make(facts)))
    }

    private func originalReport(of model: CaseModel, req: Request) async throws -> OriginalReport? {
        let zone = req.regionTimeZone
        guard let id = model.reportID, let report = try await ReportModel.find(id, on: req.db) else { return nil }
        let evidence = try await EvidenceModel.query(on: req.db).filter(\.$reportID == id).all()
        return OriginalReport(receipt: ReceiptCode(report.receipt)?.grouped ?? report.receipt, receivedAt: Date(timeIntervalSince1970: report.receivedAt).indonesianDateTime(in: zone),
                              description: report.description, occurredOn: report.occurredOn.flatMap(LocalDate.init(iso8601:))?.indonesianLong,
                              location: report.location,
                              evidence: evidence.map { .init(sha256: $0.sha256, contentType: $0.contentType, size: $0.size, fileName: $0.fileName) })
    }

    /// The ASN is set or corrected by the BKPSDM team only while nobody has been summoned: a summons names its addressee.
    private func subjectChoice(for model: CaseModel, status: CaseStatus, viewer: Viewer, req: Request) async throws -> SubjectChoice? {
        guard viewer.may(.triageReports), status == .verified, let id = model.reportID, let report = try await ReportModel.find(id, on: req.db) else { return nil }
        let search = req.query[String.self, at: "cari"].map { String($0.prefix(100)) }
        let candidates = try await CaseStore.registryCandidates(for: report, search: search, on: req.db).filter { $0.candidate.nip != model.asnNIP }
        return SubjectChoice(current: model.asnName.map { "\($0) (\(model.asnNIP ?? ""))" }, candidates: candidates.map { Self.candidateRow($0) }, search: search)
    }

    static func candidateRow(_ ranked: RankedCandidate, chosen: String? = nil) -> TriageDetailPage.Candidate {
        .init(nip: ranked.candidate.nip, name: ranked.candidate.name, unitName: ranked.candidate.units.prefix(2).joined(separator: ", "),
              position: ranked.candidate.position,
              reasons: ranked.reasons.isEmpty ? "tidak ada petunjuk yang cocok selain pencarian" : ranked.reasons.joined(separator: " · "),
              chosen: chosen == ranked.candidate.nip)
    }

    struct SubjectForm: Content {
        var nip: String?
        var alasan: String?
    }

    /// Sets or corrects the ASN a case is about (audited with the reason), and routes it anew.
    @Sendable
    func setSubject(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        let model = try await Self.visibleCase(try caseID(req), to: viewer, on: req.db)
        let form = try req.content.decode(SubjectForm.self)
        guard let nip = form.nip?.filter(\.isNumber), !nip.isEmpty else {
            return try await renderDetail(req, error: "Pilih ASN yang dilaporkan.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        let reason = (form.alasan ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 10 else {
            return try await renderDetail(req, error: "Tuliskan dasar penetapan ASN ini (minimal 10 karakter); dicatat di jejak audit.")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await CaseStore.setSubject(caseID: model.id!, nip: nip, reason: String(reason.prefix(500)), actor: viewer.actor, at: req.clock.now(), on: req.db)
        } catch let problem as CaseStore.Problem {
            return try await renderDetail(req, error: problem.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/kasus/\(model.id!.uuidString.lowercased())")
    }

    /// The steps this viewer may take now.
    static func actions(for viewer: Viewer, case value: Case, today: LocalDate) -> [String] {
        var actions: [String] = []
        let status = value.status
        // An ASN who did not appear on the first summons's date gets a second one (PP 94/2021), once.
        if status == .summoned, let summons = value.summons, summons.number == 1, today >= summons.examinationOn,
           let summon = CaseStatus.verified.nextStep, viewer.may(summon.permission) {
            actions.append(summon.event)
        }
        // The examination is recorded on or after the day the ASN was summoned for.
        let examinationDue = status != .summoned || value.summons.map { today >= $0.examinationOn } ?? true
        if let step = status.nextStep, viewer.may(step.permission), examinationDue {
            actions.append(step.event)
            // Nobody came on the second summons's day: the case goes on without an examination.
            if status == .summoned, value.summons?.number == 2 { actions.append(CaseEvent.recordAbsence.name) }
        }
        if status.isOpen && viewer.may(.closeCase) { actions.append("dismiss") }
        return actions
    }

    struct StepForm: Content {
        var langkah: String
        var tanggal_periksa: String?
        var jam_periksa: String?
        var tempat: String?
        var nip_pemeriksa: String?
        var berita_acara: String?
        var sanksi: String?
        var hukuman: String?
        var pertimbangan: String?
        var nomor_sk: String?
        var alasan: String?
        /// "ya" when the PPK decides a sanction other than the one recommended, knowingly.
        var berbeda: String?
    }

    @Sendable
    func step(req: Request) async throws -> Response {
        let viewer = try req.require(.viewCases)
        let model = try await Self.visibleCase(try caseID(req), to: viewer, on: req.db)
        let form = try req.content.decode(StepForm.self)
        let value = try CaseStore.state(of: model)
        guard try await Self.mayHandle(model, viewer: viewer, on: req.db), Self.actions(for: viewer, case: value, today: req.clock.today).contains(form.langkah) else {
            throw Abort(.forbidden, reason: "Langkah ini tidak dapat Anda lakukan pada kasus ini sekarang.")
        }
        // A refused summons or examination comes back with what was typed in it.
        let draft = ["summon", "examine"].contains(form.langkah) ? ((try? req.content.decode([String: String].self)) ?? [:]).filter { $0.key != "csrf" } : [:]
        func refuse(_ message: String) async throws -> Response {
            try await renderDetail(req, error: message, draft: draft).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let event: CaseEvent
        do {
            switch form.langkah {
            case "summon":
                guard let date = form.tanggal_periksa.flatMap(LocalDate.init(humanInput:)) else { return try await refuse("Isi tanggal pemeriksaan, mis. 21/10/2024.") }
                guard let time = form.jam_periksa.flatMap(TimeOfDay.init(humanInput:)) else { return try await refuse("Isi jam pemeriksaan, mis. 09.00.") }
                guard let examinerNIP = form.nip_pemeriksa?.trimmingCharacters(in: .whitespaces), !examinerNIP.isEmpty else {
                    return try await refuse("Isi NIP pejabat yang memeriksa (tempat ASN menghadap).")
                }
                let examiner = try await CaseStore.official(nip: examinerNIP, on: req.db)
                guard examiner.nip != model.asnNIP else { return try await refuse("Pejabat yang memeriksa tidak boleh ASN yang dilaporkan sendiri.") }
                event = .summon(examinationOn: date, at: time, place: form.tempat ?? "", examiner: examiner)
            case "examine":
                var exchanges: [Case.Exchange] = []
                for row in 1...Self.examinationRows {
                    let question = (draft["pertanyaan_\(row)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    let answer = (draft["jawaban_\(row)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    if question.isEmpty && answer.isEmpty { continue }
                    guard !question.isEmpty, !answer.isEmpty else {
                        return try await refuse("Pertanyaan nomor \(row): \(question.isEmpty ? "pertanyaannya" : "jawabannya") belum diisi.")
                    }
                    exchanges.append(Case.Exchange(question: question, answer: answer))
                }
                event = .examine(minutes: form.berita_acara ?? "", exchanges: exchanges, examiner: value.summons?.examiner)
            case "recommend":
                guard let level = form.sanksi.flatMap(SanctionLevel.init(rawValue:)) else { return try await refuse("Pilih tingkat sanksi.") }
                event = .recommend(level: level, reasoning: form.pertimbangan ?? "")
            case "decide":
                guard let penalty = form.hukuman.flatMap(Penalty.init(rawValue:)) else { return try await refuse("Pilih hukuman yang dijatuhkan.") }
                if let recommended = value.recommendation?.level, penalty.level != recommended, form.berbeda != "ya" {
                    return try await refuse("Hukuman yang dipilih (\(penalty.level.title.lowercased()): \(penalty.title)) berbeda tingkat dari rekomendasi (\(recommended.title.lowercased())). Centang pernyataan bahwa Anda memutuskan berbeda dari rekomendasi, atau pilih hukuman pada tingkat yang direkomendasikan.")
                }
                guard let letterhead = try await LetterheadStore.current(on: req.db) else { return try await refuse(CaseStore.Problem.noLetterhead.description) }
                event = .decide(penalty: penalty, decreeNumber: form.nomor_sk ?? "", signer: "\(letterhead.ppk.position) \(letterhead.ppk.name)")
            case CaseEvent.recordAbsence.name: event = .recordAbsence
            case "carry_out_sanction": event = .carryOutSanction
            case "close": event = .close
            case "dismiss": event = .dismiss(reason: form.alasan ?? "")
            default: throw Abort(.badRequest, reason: "Langkah tidak dikenal.")
            }
        } catch let problem as CaseStore.Problem {
            return try await refuse(problem.description)
        }
        do {
            _ = try await CaseStore.apply(event, to: model.id!, actor: viewer.actor, on: req.clock.today, context: try await context(for: value.behaviours, req),
                                          at: req.clock.now(), database: req.db)
        } catch let problem as CaseStore.Problem {
            return try await refuse(problem.description)
        }
        return req.redirect(to: "/kasus/\(model.id!.uuidString.lowercased())")
    }

    /// Question-and-answer rows the examination form offers (five open, the rest behind "Pertanyaan berikutnya").
    static let examinationRows = 20

    struct NoteForm: Content {
        var isi: String
        var untuk: String?
    }

    @Sendable
    func note(req: Request) async throws -> Response {
        let viewer = try req.require(.viewCases)
        let model = try await Self.visibleCase(try caseID(req), to: viewer, on: req.db)
        let form = try req.content.decode(NoteForm.self)
        let body = form.isi.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, body.count <= 5_000 else { return try await renderDetail(req, error: "Catatan kosong atau terlalu panjang.").encodeResponse(status: .unprocessableEntity, for: req) }
        let visibility = ["team", "personal", "reporter"].contains(form.untuk ?? "") ? form.untuk! : "team"
        guard visibility != "reporter" || viewer.may(.triageReports) else {
            throw Abort(.forbidden, reason: "Hanya Tim Netralitas yang berkirim pesan kepada pelapor.")
        }
        try await CaseStore.addNote(caseID: model.id!, body: body, visibility: visibility, actor: viewer.actor, at: req.clock.now(), on: req.db)
        return req.redirect(to: "/kasus/\(model.id!.uuidString.lowercased())")
    }

    struct FileForm: Content {
        var berkas: File?
        var untuk: String?
    }

    @Sendable
    func addFile(req: Request) async throws -> Response {
        let viewer = try req.require(.viewCases)
        let model = try await Self.visibleCase(try caseID(req), to: viewer, on: req.db)
        let form = try req.content.decode(FileForm.self)
        let visibility = ["team", "personal", "reporter"].contains(form.untuk ?? "") ? form.untuk! : "team"
        guard visibility != "reporter" || viewer.may(.triageReports) else {
            throw Abort(.forbidden, reason: "Hanya Tim Netralitas yang membagikan berkas kepada pelapor.")
        }
        guard let upload = form.berkas, upload.data.readableBytes > 0 else {
            return try await renderDetail(req, error: "Pilih berkas yang akan diunggah.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        let file: EvidenceFile
        switch EvidenceFile.accept(name: upload.filename, bytes: Array(upload.data.readableBytesView), maxBytes: maxFileBytes) {
        case .success(let accepted): file = accepted
        case .failure(let rejection):
            return try await renderDetail(req, error: rejection.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await CaseStore.addFile(caseID: model.id!, file: file, visibility: visibility,
                                    actor: viewer.actor, vault: vault, at: req.clock.now(), on: req.db)
        return req.redirect(to: "/kasus/\(model.id!.uuidString.lowercased())")
    }

    // MARK: Letters and evidence

    struct LetterPage: Encodable {
        let letter: OfficialLetter
        let logoURL: String?
        /// The QR code and what it opens; nil for a letter numbered before letters were kept whole.
        let verification: Verification?

        struct Verification: Encodable {
            let url: String
            let code: String
            let sha256: String
            /// The QR code as an SVG data URI, so the printed page needs nothing else.
            let qrImage: String
        }
    }

    @Sendable
    func letter(req: Request) async throws -> View {
        let viewer = try req.require(.viewCases)
        let model = try await Self.visibleCase(try caseID(req), to: viewer, on: req.db)
        guard let letterID = req.parameters.get("letter").flatMap(UUID.init(uuidString:)),
              let letter = try await LetterModel.find(letterID, on: req.db), letter.caseID == model.id else { throw Abort(.notFound) }
        return try await Self.renderLetter(letter, of: model, req: req)
    }

    /// A letter as printed: as it was composed when numbered, with the QR code of its verification page.
    static func renderLetter(_ letter: LetterModel, of model: CaseModel, req: Request) async throws -> View {
        let printed = try await CaseStore.printedLetter(letter, of: model, on: req.db)
        return try await req.view.render("letter", try letterPage(printed, address: { req.publicURL($0) }))
    }

    /// The printed page of a letter: the letter, its emblem, and the QR code of its verification page at `address`.
    static func letterPage(_ printed: CaseStore.PrintedLetter, address: (String) -> String) throws -> LetterPage {
        var verification: LetterPage.Verification?
        if let code = printed.verificationCode, let sha256 = printed.sha256 {
            let url = address(LetterVerification.path(code: code))
            let svg = try QRCode(text: url).svg
            verification = .init(url: url, code: code, sha256: sha256, qrImage: "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString())
        }
        return LetterPage(letter: printed.letter, logoURL: printed.letter.heading.logo.map(SettingsController.logoPath), verification: verification)
    }

    @Sendable
    func evidence(req: Request) async throws -> Response {
        let viewer = try req.require(.viewCases)
        let hash = (req.parameters.get("sha256") ?? "").lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { throw Abort(.notFound) }
        let viewerScope = try await Self.scope(of: viewer, on: req.db)
        // A reporter's file is given as its copy without metadata (EXIF, GPS, owner's name).
        if let record = try await CaseStore.evidenceVisible(sha256: hash, scope: viewer.may(.triageReports) ? .all : viewerScope, on: req.db) {
            return try await Self.download(ReportStore.staffCopy(of: record), contentType: record.contentType, from: vault)
        }
        guard let file = try await CaseStore.visibleFile(sha256: hash, scope: viewerScope, viewer: viewer.userID, on: req.db) else {
            throw Abort(.notFound)
        }
        return try await Self.download(hash, contentType: file.contentType, from: vault)
    }

    struct OriginalRequest: Content {
        var alasan: String?
    }

    /// A reporter's file as it was sent, for the admin only, with the reason recorded in the audit chain.
    @Sendable
    func originalEvidence(req: Request) async throws -> Response {
        let viewer = try req.require(.viewOriginalEvidence)
        let hash = (req.parameters.get("sha256") ?? "").lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit),
              let record = try await CaseStore.evidenceVisible(sha256: hash, scope: .all, on: req.db) else { throw Abort(.notFound) }
        let reason = (try req.content.decode(OriginalRequest.self).alasan ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (10...500).contains(reason.count) else {
            throw Abort(.unprocessableEntity, reason: "Tuliskan alasan membuka berkas asli (10–500 karakter); alasan ini dicatat di jejak audit.")
        }
        try await CaseStore.logOriginalEvidenceViewed(sha256: hash, reportID: record.reportID, reason: reason, actor: viewer.actor,
                                                      at: req.clock.now(), on: req.db)
        return try await Self.download(hash, contentType: record.contentType, from: vault)
    }

    /// An evidence file as an attachment that browsers will not try to render or sniff.
    static func download(_ hash: String, contentType: String, from vault: EvidenceVault) async throws -> Response {
        let bytes = try await vault.read(hash)
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.contentDisposition = .init(.attachment, filename: "bukti-\(hash.prefix(12)).\(EvidenceType(rawValue: contentType)?.fileExtension ?? "bin")")
        return response
    }
}
