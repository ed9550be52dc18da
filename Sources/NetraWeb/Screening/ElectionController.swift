import NetraCore
import NetraStore
import Vapor

/// The admin's elections page (`/pemilihan`): the elections held in the region with their KPU timetable
/// and pairs, added through a form or as a file in the shipped calendars' form.
struct ElectionController: RouteCollection {
    static let path = "/pemilihan"
    /// Largest election file accepted: a timetable with pairs is a few kilobytes.
    static let maxFileBytes = 256 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get("pemilihan", use: page)
        routes.post("pemilihan", use: save)
        routes.on(.POST, "pemilihan", "berkas", body: .collect(maxSize: ByteCount(value: Self.maxFileBytes + 16 * 1024)), use: upload)
    }

    /// The stage dates the form asks for: the four that fix the guide's phases.
    static let stageFields: [(stage: String, start: String, end: String?)] = [
        ("penetapan", "penetapan", nil), ("kampanye", "kampanye_mulai", "kampanye_selesai"),
        ("masa_tenang", "tenang_mulai", "tenang_selesai"), ("pemungutan", "pemungutan", nil),
    ]

    struct ElectionsPage: Encodable {
        struct Row: Encodable {
            let code: String
            let name: String
            let kind: String
            let office: String
            let voting: String
            let stages: [String]
            let pairs: [String]
        }
        struct KindChoice: Encodable {
            let value: String
            let title: String
            let selected: Bool
        }
        var rows: [Row]
        var form: [String: String] = [:]
        var kinds: [KindChoice] = []
        var editing: String?
        var errors: [String] = []
        var errorFields: [String: Bool] = [:]
        var saved: String?
    }

    static func kindTitle(_ kind: String) -> String { kind == "pemilu" ? "Pemilu" : "Pilkada" }

    @Sendable
    func page(req: Request) async throws -> View {
        _ = try req.require(.configureRegion)
        var page = try await electionsPage(req, form: [:], kind: nil)
        if let code = req.query[String.self, at: "kode"], let election = try await ElectionStore.find(code, on: req.db) {
            page = try await electionsPage(req, form: Self.formValues(election), kind: election.calendar.kind)
            page.editing = code
        }
        page.saved = req.query[String.self, at: "tersimpan"]
        return try await req.view.render("elections", PageContext(req: req, title: "Pemilihan", body: page))
    }

    @Sendable
    func save(req: Request) async throws -> Response {
        let viewer = try req.require(.configureRegion)
        let form = try req.content.decode([String: String].self)
        let value = { (key: String) in (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let code = form["ubah"] ?? value("kode")
        var problems: [RegionalElection.Problem] = []
        var stages: [ElectionCalendar.Stage] = []
        for field in Self.stageFields {
            let start = LocalDate(iso8601: value(field.start))
            let end = field.end.map { LocalDate(iso8601: value($0)) } ?? start
            guard let start, let end else {
                problems.append(.init(field: .stages, message: "\(ElectionCalendar.requiredStageNames[field.stage] ?? field.stage): isi tanggal (TTTT-BB-HH)."))
                continue
            }
            stages.append(.init(id: field.stage, name: ElectionCalendar.requiredStageNames[field.stage] ?? field.stage, start: start, end: end))
        }
        let stored = try await ElectionStore.find(code, on: req.db)
        if form["ubah"] != nil, stored == nil { throw Abort(.notFound) }
        // Stages the form does not show (registration, say) stay as they were.
        let kept = (form["ubah"] == nil ? nil : stored)?.calendar.stages.filter { !ElectionCalendar.requiredStages.contains($0.id) } ?? []
        var pairs: [RegionElections.Pair] = []
        for (index, line) in value("pasangan").split(whereSeparator: \.isNewline).enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            switch RegionElections.Pair.parse(line: String(line), lineNumber: index + 1) {
            case .success(let pair): pairs.append(pair)
            case .failure(let problem): problems.append(problem)
            }
        }
        let regionCode = value("kode_wilayah")
        let election = RegionalElection(
            calendar: ElectionCalendar(id: code, name: value("nama"), kind: value("jenis"), regulation: value("regulasi").isEmpty ? nil : value("regulasi"),
                                       stages: (kept + stages).sorted { $0.start < $1.start }),
            office: value("jabatan"), regionCode: regionCode.isEmpty ? nil : regionCode, pairs: pairs)
        if form["ubah"] == nil, stored != nil {
            problems.append(.init(field: .code, message: "Kode \(code) sudah dipakai; pilih pemilihan itu dari daftar untuk mengubahnya."))
        }
        if problems.isEmpty {
            do {
                try await ElectionStore.save(election, actor: viewer.username, at: req.clock.now(), on: req.db)
                return req.redirect(to: Self.path + "?tersimpan=\(code)")
            } catch let refusal as ElectionRefusal {
                problems = refusal.problems
            }
        } else {
            problems = election.problems().filter { $0.field != .stages || stages.count == Self.stageFields.count } + problems
        }
        var page = try await electionsPage(req, form: form, kind: value("jenis"))
        page.editing = form["ubah"]
        page.errors = problems.map(\.message)
        page.errorFields = Dictionary(problems.map { ($0.field.rawValue, true) }, uniquingKeysWith: { first, _ in first })
        return try await req.view.render("elections", PageContext(req: req, title: "Pemilihan", body: page)).encodeResponse(status: .unprocessableEntity, for: req)
    }

    struct Upload: Content {
        var berkas: File
    }

    @Sendable
    func upload(req: Request) async throws -> Response {
        let viewer = try req.require(.configureRegion)
        var problems: [String] = []
        var code: String?
        if let upload = try? req.content.decode(Upload.self), upload.berkas.data.readableBytes > 0 {
            do {
                let election = try RegionalElection.load(yaml: String(decoding: upload.berkas.data.readableBytesView, as: UTF8.self))
                try await ElectionStore.save(election, actor: viewer.username, at: req.clock.now(), on: req.db)
                code = election.calendar.id
            } catch let problem as RegionalElection.FileProblem {
                problems = [problem.description]
            } catch let refusal as ElectionRefusal {
                problems = refusal.problems.map(\.message)
            }
        } else {
            problems = ["Pilih berkas pemilihan (YAML) yang akan diunggah."]
        }
        if let code { return req.redirect(to: Self.path + "?tersimpan=\(code)") }
        var page = try await electionsPage(req, form: [:], kind: nil)
        page.errors = problems
        return try await req.view.render("elections", PageContext(req: req, title: "Pemilihan", body: page)).encodeResponse(status: .unprocessableEntity, for: req)
    }

    static func formValues(_ election: RegionalElection) -> [String: String] {
        var form = ["kode": election.calendar.id, "nama": election.calendar.name, "jabatan": election.office, "kode_wilayah": election.regionCode ?? "",
                    "regulasi": election.calendar.regulation ?? "", "pasangan": election.pairs.map(\.line).joined(separator: "\n")]
        for field in stageFields {
            guard let stage = election.calendar.stage(field.stage) else { continue }
            form[field.start] = stage.start.iso8601
            if let end = field.end { form[end] = stage.end.iso8601 }
        }
        return form
    }

    private func electionsPage(_ req: Request, form: [String: String], kind: String?) async throws -> ElectionsPage {
        let rows = try await ElectionStore.all(on: req.db).map { election in
            ElectionsPage.Row(
                code: election.calendar.id, name: election.calendar.name, kind: Self.kindTitle(election.calendar.kind), office: election.office,
                voting: election.calendar.stage("pemungutan")?.start.indonesianLong ?? "—",
                stages: election.calendar.stages.map { stage in
                    stage.start == stage.end ? "\(stage.name): \(stage.start.indonesianLong)"
                        : "\(stage.name): \(stage.start.indonesianLong) – \(stage.end.indonesianLong)"
                },
                pairs: election.pairs.map { pair in
                    "\(pair.number). \(pair.candidate)" + (pair.runningMate.isEmpty ? "" : " – \(pair.runningMate)")
                        + (pair.parties.isEmpty ? "" : " (\(pair.parties.joined(separator: ", ")))")
                })
        }
        let kinds = RegionalElection.kinds.map { ElectionsPage.KindChoice(value: $0, title: Self.kindTitle($0), selected: $0 == kind) }
        return ElectionsPage(rows: rows, form: form, kinds: kinds)
    }
}
