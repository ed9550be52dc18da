import Fluent
import NetraCore
import NetraStore
import Vapor

/// Registry pages: the units tree, search, a person's record, and the admin's CSV upload.
struct RegistryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let registry = routes.grouped("registri")
        registry.get(use: units)
        registry.get("asn", use: search)
        registry.get("asn", ":nip", use: detail)
        registry.get("impor", use: importForm)
        registry.on(.POST, "impor", body: .collect(maxSize: nil), use: importFile)
    }

    @Sendable
    func units(req: Request) async throws -> View {
        let viewer = try req.require(.viewRegistry)
        if case .person(let nip) = viewer.registryScope { throw Abort.redirect(to: "/registri/asn/\(nip)") }
        let tree = try await RegistryQueries.unitTree(scope: viewer.registryScope, on: req.db)
        return try await req.view.render("units", PageContext(req: req, title: "Perangkat Daerah", body: UnitsPage.make(tree: tree)))
    }

    @Sendable
    func search(req: Request) async throws -> View {
        let viewer = try req.require(.viewRegistry)
        let query = String((req.query[String.self, at: "q"] ?? "").prefix(100))
        let page = try req.wholeNumber("hal", in: 1...(RegistryQueries.maxOffset / SearchPage.pageSize), fallback: 1)
        var unit: (id: UUID, name: String)?
        if let text = req.query[String.self, at: "unit"], let id = UUID(uuidString: text) {
            guard let model = try await RegistryQueries.unit(id: id, on: req.db), viewer.registryScope.allowsUnit(path: model.path) else {
                throw Abort(.notFound)
            }
            unit = (id, model.name)
        }
        let results = try await RegistryQueries.search(query, scope: viewer.registryScope, unitID: unit?.id,
                                                       limit: SearchPage.pageSize + 1, offset: (page - 1) * SearchPage.pageSize, on: req.db)
        return try await req.view.render("search", PageContext(req: req, title: "Cari ASN",
                                                               body: SearchPage.make(query: query, unit: unit, results: results, page: page)))
    }

    @Sendable
    func detail(req: Request) async throws -> View {
        let viewer = try req.require(.viewRegistry)
        let nip = (req.parameters.get("nip") ?? "").filter(\.isNumber)
        // Unknown and out-of-scope look the same: a supervisor learns nothing about other units' people.
        guard let detail = try await RegistryQueries.detail(nip: nip, scope: viewer.registryScope, on: req.db) else {
            throw Abort(.notFound)
        }
        let elections = try await PledgeStore.elections(on: req.db)
        let prevention = DetailPage.Prevention.make(try await PreventionRecords.history(of: detail.nip, on: req.db),
                                                    electionNames: Dictionary(uniqueKeysWithValues: elections.map { ($0.id!, $0.name) }))
        let shown = detail.shown(fullNIK: viewer.may(.viewNIK), personalDetails: viewer.may(.viewPersonalDetails))
        let page = DetailPage.make(shown, nikMasked: !viewer.may(.viewNIK), prevention: prevention)
        return try await req.view.render("asn", PageContext(req: req, title: detail.name, body: page))
    }

    @Sendable
    func importForm(req: Request) async throws -> View {
        _ = try req.require(.importRegistry)
        return try await req.view.render("import", PageContext(req: req, title: "Impor Data", body: ImportPage(fileError: nil, outcome: nil)))
    }

    struct ImportUpload: Content {
        var berkas: File
        var mode: String?
        var jenis: String?
    }

    @Sendable
    func importFile(req: Request) async throws -> Response {
        let viewer = try req.require(.importRegistry)
        let upload: ImportUpload
        do {
            upload = try req.content.decode(ImportUpload.self)
        } catch {
            return try await renderImport(req, ImportPage(fileError: "Pilih berkas CSV yang akan diunggah.", outcome: nil), status: .badRequest)
        }
        guard let kind = ImportKind(rawValue: upload.jenis ?? ImportKind.asn.rawValue) else {
            return try await renderImport(req, ImportPage(fileError: "Pilih jenis data yang diunggah.", outcome: nil), status: .badRequest)
        }
        let source = MemoryByteSource(Array(upload.berkas.data.readableBytesView))
        let importing = upload.mode == "impor"
        do {
            return try await renderImport(req, try await outcome(of: kind, source, importing: importing, actor: viewer.username, req: req))
        } catch let error as RegistryFileError {
            return try await renderImport(req, ImportPage(fileError: error.description, outcome: nil, kinds: ImportPage.choices(kind)), status: .unprocessableEntity)
        }
    }

    /// Checks the file, and with `importing` writes its good rows, through the same stores as `netra import`.
    private func outcome(of kind: ImportKind, _ source: MemoryByteSource, importing: Bool, actor: String, req: Request) async throws -> ImportPage {
        switch (kind, importing) {
        case (.asn, true):
            var problems: [RegistryProblem] = []
            let summary = try await RegistryImporter(database: req.db).run(source, onProblem: { problems.append($0) })
            return .make(kind, imported: true, rows: summary.rows, rejectedRows: summary.rejectedRows, inserted: summary.inserted,
                         updated: summary.updated, errors: problems.map(ImportPage.Problem.init))
        case (.asn, false):
            let report = try RegistryValidationReport.validate(source)
            return .make(kind, imported: false, rows: report.rows, rejectedRows: Set(report.errors.map(\.line)).count,
                         errors: report.errors.map(ImportPage.Problem.init))
        case (.units, true):
            var problems: [UnitTreeProblem] = []
            let summary = try await UnitTreeImporter(database: req.db, actor: actor, now: { req.clock.now() })
                .run(source, onProblem: { problems.append($0) })
            return .make(kind, imported: true, rows: summary.rows, rejectedRows: summary.rejectedRows, inserted: summary.inserted,
                         updated: summary.updated, errors: problems.sorted { $0.line < $1.line }.map(ImportPage.Problem.init))
        case (.units, false):
            let (summary, problems) = try await UnitTreeImporter(database: req.db, actor: actor).check(source)
            return .make(kind, imported: false, rows: summary.rows, rejectedRows: summary.rejectedRows, errors: problems.map(ImportPage.Problem.init))
        case (.regions, true):
            var problems: [RegionProblem] = []
            let summary = try await RegionStore.run(source, actor: actor, at: req.clock.now(), on: req.db, onProblem: { problems.append($0) })
            return .make(kind, imported: true, rows: summary.rows, rejectedRows: summary.rejectedRows, inserted: summary.inserted,
                         updated: summary.updated, errors: problems.map(ImportPage.Problem.init))
        case (.regions, false):
            let reading = try await RegionStore.check(source, on: req.db)
            return .make(kind, imported: false, rows: reading.rowCount, rejectedRows: Set(reading.problems.map(\.line)).count,
                         errors: reading.problems.map(ImportPage.Problem.init))
        }
    }

    private func renderImport(_ req: Request, _ page: ImportPage, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.view.render("import", PageContext(req: req, title: "Impor Data", body: page)).encodeResponse(status: status, for: req)
    }
}
