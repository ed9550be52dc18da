import Fluent
import NetraCore
import NetraStore
import Vapor

/// The support-list cross-check for the BKPSDM team: upload a candidate's list, watch it being matched
/// against the registry, and review the ASN found — confirm into a case (the supporter's row becomes its
/// evidence) or dismiss with a reason.
struct SupportListController: RouteCollection {
    let rulebook: Rulebook
    let workingDays: WorkingDays
    let deadlines: DeadlinePolicy
    let vault: EvidenceVault
    let worker: SupportListWorker
    /// Largest list accepted through the browser; larger ones go through `netra match`.
    static let maxUploadBytes = 256 * 1_048_576

    func boot(routes: any RoutesBuilder) throws {
        let matching = routes.grouped("pencocokan")
        matching.get(use: lists)
        matching.on(.POST, body: .collect(maxSize: "256mb"), use: upload)
        matching.get(":list", use: list)
        matching.post("temuan", ":hit", "konfirmasi", use: confirm)
        matching.post("temuan", ":hit", "tolak", use: dismiss)
    }

    struct ListsPage: Encodable {
        struct Item: Encodable {
            let id: String
            let fileName: String
            let uploadedAt: String
            let status: String
            let progress: String
            let hits: Int
            let rejected: Int
        }
        let lists: [Item]
        let error: String?
    }

    private static func statusTitle(_ status: SupportListStatus) -> String {
        switch status {
        case .queued: "menunggu"
        case .running: "sedang dicocokkan"
        case .done: "selesai"
        case .failed: "gagal"
        }
    }

    private static func progress(_ list: SupportListModel) -> String {
        guard list.status.isPending else { return "\(list.rowsDone) baris" }
        let percent = list.rowsTotal > 0 ? min(99, list.rowsDone * 100 / list.rowsTotal) : 0
        return "\(list.rowsDone) dari ±\(list.rowsTotal) baris (\(percent)%)"
    }

    @Sendable
    func lists(req: Request) async throws -> View {
        try await renderLists(req, error: nil)
    }

    private func renderLists(_ req: Request, error: String?) async throws -> View {
        _ = try req.require(.triageReports)
        let items = try await SupportListStore.lists(on: req.db).map { list in
            ListsPage.Item(id: list.id!.uuidString.lowercased(), fileName: list.fileName,
                           uploadedAt: LocalDate(timestamp: list.uploadedAt, in: req.regionTimeZone).indonesianLong, status: Self.statusTitle(list.status),
                           progress: Self.progress(list), hits: list.hits, rejected: list.rejected)
        }
        return try await req.view.render("support-lists", PageContext(req: req, title: "Pencocokan Daftar Dukungan", body: ListsPage(lists: items, error: error)))
    }

    @Sendable
    func upload(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        guard let file = try req.content.decode(FileUpload.self).berkas, file.data.readableBytes > 0 else {
            return try await renderLists(req, error: "Pilih berkas CSV daftar dukungan.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        let bytes = Array(file.data.readableBytesView)
        // The header is checked now, so a wrong file is refused at once instead of failing in the background.
        do {
            _ = try SupportListFile(source: MemoryByteSource(bytes), name: file.filename, pseudonymized: false)
        } catch {
            return try await renderLists(req, error: error.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let list = try await SupportListStore.create(fileName: file.filename, bytes: bytes, uploadedBy: viewer.actor.auditName, vault: vault,
                                                     at: req.clock.now(), on: req.db)
        await worker.claimWaiting(on: req.application)
        return req.redirect(to: "/pencocokan/\(list.id!.uuidString.lowercased())")
    }

    struct ListPage: Encodable {
        struct Hit: Encodable {
            let id: String
            let line: Int
            let nip: String
            let asnName: String?
            let pair: String
            let method: String
            let confidence: Int
            let reason: String
            let row: [Cell]
            let status: String
            let dismissalReason: String?
            let caseID: String?
        }
        struct Cell: Encodable {
            let column: String
            let value: String
        }
        struct Rejection: Encodable {
            let line: Int
            let reason: String
        }
        let id: String
        let fileName: String
        let sha256: String
        let status: String
        let running: Bool
        let progress: String
        let error: String?
        let hits: [Hit]
        let hitCount: Int
        let rejected: Int
        let rejections: [Rejection]
        let shownRejections: Int
        let message: String?
    }

    @Sendable
    func list(req: Request) async throws -> View {
        try await renderList(req, message: nil)
    }

    private func renderList(_ req: Request, id: UUID? = nil, message: String?) async throws -> View {
        _ = try req.require(.triageReports)
        guard let id = id ?? req.parameters.get("list").flatMap(UUID.init(uuidString:)), let list = try await SupportListStore.list(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let hits = try await SupportListStore.hits(of: id, on: req.db).map { hit in
            ListPage.Hit(id: hit.id!.uuidString.lowercased(), line: hit.supportLine, nip: hit.nip, asnName: hit.asnName, pair: hit.pair,
                         method: hit.method == MatchHit.Method.nik.rawValue ? "NIK sama" : "nama dan tanggal lahir",
                         confidence: Int((hit.confidence * 100).rounded()), reason: hit.reason, row: Self.cells(of: hit.rowCSV),
                         status: hit.status, dismissalReason: hit.dismissalReason, caseID: hit.caseID?.uuidString.lowercased())
        }
        let rejections = try await SupportListStore.rejections(of: id, on: req.db).map { ListPage.Rejection(line: $0.line, reason: $0.reason) }
        let page = ListPage(id: id.uuidString.lowercased(), fileName: list.fileName, sha256: list.sha256, status: Self.statusTitle(list.status),
                            running: list.status.isPending, progress: Self.progress(list), error: list.error,
                            hits: hits, hitCount: list.hits, rejected: list.rejected, rejections: rejections,
                            shownRejections: rejections.count, message: message)
        return try await req.view.render("support-list", PageContext(req: req, title: "Daftar Dukungan \(list.fileName)", body: page,
                                                                     refreshSeconds: page.running ? 2 : nil))
    }

    /// The header and row a hit keeps, paired for display.
    private static func cells(of rowCSV: String) -> [ListPage.Cell] {
        var reader = CSVReader(source: MemoryByteSource(rowCSV))
        guard let header = try? reader.next()?.fields, let row = try? reader.next()?.fields else { return [] }
        return zip(header, row).map { ListPage.Cell(column: $0, value: $1) }
    }

    private func hitID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("hit").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }

    @Sendable
    func confirm(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        let id = try hitID(req)
        var random = SystemRandomNumberGenerator()
        do {
            let opened = try await SupportListStore.confirm(
                id, actor: viewer.actor,
                context: CaseContext(workingDays: try await ElectionStore.workingDays(workingDays, on: req.db), policy: deadlines, allowedSanctions: rulebook.sanctionLevels(for: [.dukunganKTP])),
                today: req.clock.today, vault: vault, at: req.clock.now(), random: &random, on: req.db)
            return req.redirect(to: "/kasus/\(opened.id!.uuidString.lowercased())")
        } catch CaseStore.Problem.notFound {
            throw Abort(.notFound)
        }
    }

    struct DismissForm: Content { var alasan: String? }

    @Sendable
    func dismiss(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        let id = try hitID(req)
        guard let hit = try await SupportHitModel.find(id, on: req.db) else { throw Abort(.notFound) }
        let reason = ((try? req.content.decode(DismissForm.self))?.alasan ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 5 else {
            return try await renderList(req, id: hit.listID, message: "Tuliskan alasan penolakan temuan (minimal 5 karakter).")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await SupportListStore.dismiss(id, reason: reason, actor: viewer.actor,
                                               at: req.clock.now(), on: req.db)
        } catch CaseStore.Problem.notFound {
            throw Abort(.notFound)
        }
        return req.redirect(to: "/pencocokan/\(hit.listID.uuidString.lowercased())")
    }
}
