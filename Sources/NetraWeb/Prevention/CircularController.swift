import Fluent
import NetraCore
import NetraStore
import Vapor

/// Circulars down the hierarchy: BKPSDM issues one (drafted from the rulebook), every unit head
/// acknowledges it for their unit and so forwards it below; everyone sees who has not, level by level.
struct CircularController: RouteCollection {
    let rulebook: Rulebook

    func boot(routes: any RoutesBuilder) throws {
        let circulars = routes.grouped("surat-edaran")
        circulars.get(use: list)
        circulars.post(use: issue)
        circulars.get(":circular", use: detail)
        circulars.post(":circular", "terima", use: acknowledge)
    }

    struct ListPage: Encodable {
        struct Item: Encodable {
            let id: String
            let number: String
            let title: String
            let issuedOn: String
        }
        let circulars: [Item]
        let canIssue: Bool
        let draftTitle: String
        let draft: String
        let error: String?
    }

    @Sendable
    func list(req: Request) async throws -> View {
        try await renderList(req, error: nil)
    }

    private func renderList(_ req: Request, error: String?) async throws -> View {
        let viewer = try req.require(.viewCoverage, or: .acknowledgeCircular)
        let items = try await CircularModel.query(on: req.db).sort(\.$issuedOn, .descending).all().map {
            ListPage.Item(id: $0.id!.uuidString.lowercased(), number: $0.number, title: $0.title,
                          issuedOn: LocalDate(iso8601: $0.issuedOn)?.indonesianLong ?? $0.issuedOn)
        }
        let election = try await ElectionModel.query(on: req.db).sort(\.$id).first()
        let region = try await RegionStore.regency(on: req.db)
        let draft = CircularDistribution.draft(rulebook: rulebook, election: election?.name ?? "pemilihan", region: region.map { "Pemerintah \($0.name)" } ?? "pemerintah daerah")
        let page = ListPage(circulars: items, canIssue: viewer.may(.issueCircular), draftTitle: "Netralitas Aparatur Sipil Negara",
                            draft: draft, error: error)
        return try await req.view.render("circulars", PageContext(req: req, title: "Surat Edaran Netralitas", body: page))
    }

    struct IssueForm: Content {
        var judul: String?
        var isi: String?
    }

    @Sendable
    func issue(req: Request) async throws -> Response {
        let viewer = try req.require(.issueCircular)
        let form = try? req.content.decode(IssueForm.self)
        let title = (form?.judul ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (form?.isi ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(title.count), (20...20_000).contains(body.count) else {
            return try await renderList(req, error: "Isi perihal (3–200 karakter) dan isi surat edaran (20–20.000 karakter).")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let circular: CircularModel
        do {
            circular = try await CircularStore.issue(title: title, body: body, on: req.clock.today, by: viewer.actor.auditName,
                                                     at: req.clock.now(), on: req.db)
        } catch CircularStore.Problem.noLetterhead {
            return try await renderList(req, error: CircularStore.Problem.noLetterhead.description).encodeResponse(status: .conflict, for: req)
        }
        return req.redirect(to: "/surat-edaran/\(circular.id!.uuidString.lowercased())")
    }

    struct DetailPage: Encodable {
        struct Unit: Encodable {
            let name: String
            let depth: Int
            let status: String
        }
        struct Level: Encodable {
            let depth: Int
            let acknowledged: Int
            let awaiting: Int
            let notReceived: Int
        }
        let id: String
        let number: String
        let title: String
        let issuedOn: String
        let lines: [String]
        let levels: [Level]
        let pending: [Unit]
        let ownStatus: String?
        let canAcknowledge: Bool
        let message: String?
    }

    @Sendable
    func detail(req: Request) async throws -> View {
        try await renderDetail(req, message: req.query[String.self, at: "diterima"] == nil ? nil : Self.acknowledged)
    }

    static let acknowledged = "Surat edaran diterima dan diteruskan ke unit di bawah Anda."

    private func renderDetail(_ req: Request, message: String?) async throws -> View {
        let viewer = try req.require(.viewCoverage, or: .acknowledgeCircular)
        guard let id = req.parameters.get("circular").flatMap(UUID.init(uuidString:)), let circular = try await CircularModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let units = try await UnitModel.query(on: req.db).sort(\.$path).all()
        let statuses = try await CircularStore.statuses(of: id, units: units, on: req.db)
        let visible = units.filter { viewer.registryScope.allowsUnit(path: $0.path) }
        let levels = CircularDistribution.levels(depths: Dictionary(uniqueKeysWithValues: visible.map { ($0.id!, $0.depth) }),
                                                 statuses: statuses.filter { id, _ in visible.contains { $0.id == id } })
        let own = viewer.unitID.flatMap { statuses[$0] }
        let page = DetailPage(
            id: id.uuidString.lowercased(), number: circular.number, title: circular.title,
            issuedOn: LocalDate(iso8601: circular.issuedOn)?.indonesianLong ?? circular.issuedOn,
            lines: circular.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
            levels: levels.map { DetailPage.Level(depth: $0.depth, acknowledged: $0.counts[.acknowledged] ?? 0, awaiting: $0.counts[.awaiting] ?? 0,
                                                  notReceived: $0.counts[.notReceived] ?? 0) },
            pending: visible.compactMap { unit in
                guard let status = statuses[unit.id!], status != .acknowledged else { return nil }
                return DetailPage.Unit(name: unit.name, depth: unit.depth, status: status.title)
            },
            ownStatus: own?.title, canAcknowledge: viewer.may(.acknowledgeCircular) && own == .awaiting, message: message)
        return try await req.view.render("circular", PageContext(req: req, title: "Surat Edaran \(circular.number)", body: page))
    }

    @Sendable
    func acknowledge(req: Request) async throws -> Response {
        let viewer = try req.require(.acknowledgeCircular)
        guard let id = req.parameters.get("circular").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        guard let unitID = viewer.unitID else {
            return try await renderDetail(req, message: "Akun Anda tidak terhubung ke unit.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await CircularStore.acknowledge(id, unitID: unitID, by: viewer.actor.auditName,
                                                at: req.clock.now(), on: req.db)
        } catch CircularStore.Problem.notFound {
            throw Abort(.notFound)
        } catch let problem as CircularStore.Problem {
            return try await renderDetail(req, message: problem.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/surat-edaran/\(id.uuidString.lowercased())?diterima=1")
    }
}
