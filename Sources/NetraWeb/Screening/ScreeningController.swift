import Fluent
import NetraCore
import NetraStore
import Vapor

/// Screening for the BKPSDM team: import the elections in force, screen an export of posts, and review
/// the flags — confirm into a case or dismiss with a reason that is kept for measuring precision.
struct ScreeningController: RouteCollection {
    let rulebook: Rulebook
    let workingDays: WorkingDays
    let deadlines: DeadlinePolicy
    let vault: EvidenceVault

    func boot(routes: any RoutesBuilder) throws {
        let screening = routes.grouped("penyaringan")
        screening.get(use: page)
        screening.on(.POST, "pemilihan", body: .collect(maxSize: nil), use: importElections)
        screening.on(.POST, "unggahan", body: .collect(maxSize: nil), use: scanPosts)
        screening.post(":flag", "konfirmasi", use: confirm)
        screening.post(":flag", "tolak", use: dismiss)
    }

    struct Page: Encodable {
        struct Flag: Encodable {
            let id: String
            let postID: String
            let author: String
            let platform: String?
            let postedAt: String?
            let asnName: String?
            let asnNIP: String?
            let contest: String
            let score: Double
            let signals: [String]
            let text: [FlagReview.Segment]
            let target: [FlagReview.Segment]
            let targetAuthor: String?
            let behaviours: [TriageDetailPage.Option]
            let rules: [String]
        }
        let elections: [String]
        let flags: [Flag]
        let message: String?
        let error: String?
        let dismissed: Int
        let confirmed: Int
    }

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, message: nil, error: nil)
    }

    private func render(_ req: Request, message: String?, error: String?) async throws -> View {
        _ = try req.require(.triageReports)
        let elections = try await ScreeningStore.elections(on: req.db)
        let flags = try await ScreeningStore.queue(scope: .all, on: req.db).map { flag -> Page.Flag in
            let post = try? JSONDecoder().decode(ScreenedPost.self, from: Data(flag.post.utf8))
            let spans = (try? JSONDecoder().decode([ScreeningSpan].self, from: Data(flag.spans.utf8))) ?? []
            let signals = flag.signals.split(separator: ",").map(String.init)
            let behaviours = FlagReview.behaviours(for: signals)
            return Page.Flag(
                id: flag.id!.uuidString.lowercased(), postID: flag.postID, author: "@" + flag.author, platform: flag.platform,
                postedAt: flag.postedAt.map { String($0.prefix(10)) }, asnName: flag.asnName, asnNIP: flag.asnNIP,
                contest: flag.election.map { "\($0) nomor \(flag.pair.map(String.init) ?? "?")" } ?? "kontestasi belum jelas",
                score: flag.score, signals: signals,
                text: FlagReview.segments(of: post?.text ?? "", spans: spans.filter { $0.in == nil }),
                target: FlagReview.segments(of: post?.target?.text ?? "", spans: spans.filter { $0.in == "target" }),
                targetAuthor: post?.target?.author,
                behaviours: Behaviour.allCases.map { .init(value: $0.rawValue, title: $0.title, suggested: behaviours.contains($0)) },
                rules: behaviours.flatMap { rulebook.rules(for: $0) }.map { "\($0.title) — \($0.citations.joined(separator: "; "))" }
            )
        }
        let dismissed = try await ScreeningFlagModel.query(on: req.db).filter(\.$status == "dismissed").count()
        let confirmed = try await ScreeningFlagModel.query(on: req.db).filter(\.$status == "confirmed").count()
        let page = Page(elections: elections?.elections.map { "\($0.id): \($0.office) (\($0.pairs.count) pasangan)" } ?? [], flags: flags,
                        message: message, error: error, dismissed: dismissed, confirmed: confirmed)
        return try await req.view.render("screening", PageContext(req: req, title: "Penyaringan Media Sosial", body: page))
    }

    @Sendable
    func importElections(req: Request) async throws -> Response {
        _ = try req.require(.triageReports)
        guard let file = try req.content.decode(FileUpload.self).berkas, file.data.readableBytes > 0 else {
            return try await render(req, message: nil, error: "Pilih berkas JSON data pemilihan.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            let region = try RegionElections.load(json: Data(buffer: file.data))
            let count = try await ScreeningStore.importElections(region, at: req.clock.now(), on: req.db)
            return try await render(req, message: "\(count) pemilihan diimpor.", error: nil).encodeResponse(for: req)
        } catch is DecodingError {
            return try await render(req, message: nil, error: "Berkas bukan data pemilihan yang sah (JSON dengan region dan elections).")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    @Sendable
    func scanPosts(req: Request) async throws -> Response {
        _ = try req.require(.triageReports)
        guard let region = try await ScreeningStore.elections(on: req.db) else {
            return try await render(req, message: nil, error: "Impor data pemilihan terlebih dahulu.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let file = try req.content.decode(FileUpload.self).berkas, file.data.readableBytes > 0 else {
            return try await render(req, message: nil, error: "Pilih berkas unggahan (JSONL atau CSV).").encodeResponse(status: .unprocessableEntity, for: req)
        }
        let bytes = Array(file.data.readableBytesView)
        var posts: [ScreenedPost] = []
        var bad = 0
        if file.filename.lowercased().hasSuffix(".csv") {
            do {
                var reader = try PostsCSVFile(source: MemoryByteSource(bytes), name: file.filename)
                while let post = try reader.next() { posts.append(post) }
            } catch {
                return try await render(req, message: nil, error: error.description).encodeResponse(status: .unprocessableEntity, for: req)
            }
        } else {
            var lines = LineReader(source: MemoryByteSource(bytes))
            while let line = try lines.next() {
                guard line.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
                if let post = line.withUnsafeBufferPointer({ ScreenedPost(jsonLine: $0) }) { posts.append(post) } else { bad += 1 }
            }
        }
        let screener = Screener(region: region)
        let summary = try await ScreeningStore.record(posts.map { .init(post: $0, result: screener.screen($0)) }, at: req.clock.now(), on: req.db)
        let message = "\(summary.posts) unggahan diperiksa: \(summary.flagged) ditandai, \(summary.linked) terhubung ke ASN terdaftar"
            + (bad > 0 ? "; \(bad) baris bukan JSON yang sah." : ".")
        return try await render(req, message: message, error: nil).encodeResponse(for: req)
    }

    struct ConfirmForm: Content {
        var perilaku: [String]?
    }

    @Sendable
    func confirm(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        guard let id = req.parameters.get("flag").flatMap(UUID.init(uuidString:)), let flag = try await ScreeningFlagModel.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        let behaviours = ((try? req.content.decode(ConfirmForm.self))?.perilaku ?? []).compactMap(Behaviour.init(rawValue:))
        let post = try? JSONDecoder().decode(ScreenedPost.self, from: Data(flag.post.utf8))
        let description = "Temuan penyaringan media sosial: unggahan \(flag.platform ?? "") @\(flag.author) (\(flag.postID))"
            + (flag.postedAt.map { " tanggal \($0.prefix(10))" } ?? "") + ": \"\(post?.text ?? "")\""
            + (post?.target?.text.map { " atas konten \(post?.target?.author ?? ""): \"\($0)\"" } ?? "")
            + ". Sinyal: \(flag.signals.replacingOccurrences(of: ",", with: ", "))."
        var random = SystemRandomNumberGenerator()
        do {
            let opened = try await ScreeningStore.confirm(
                id, behaviours: behaviours, description: description,
                actor: viewer.actor,
                context: CaseContext(workingDays: try await ElectionStore.workingDays(workingDays, on: req.db), policy: deadlines, allowedSanctions: rulebook.sanctionLevels(for: behaviours)),
                today: req.clock.today, vault: vault, at: req.clock.now(), random: &random, on: req.db)
            return req.redirect(to: "/kasus/\(opened.id!.uuidString.lowercased())")
        } catch let problem as CaseStore.Problem {
            return try await render(req, message: nil, error: problem.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    struct DismissForm: Content { var alasan: String? }

    @Sendable
    func dismiss(req: Request) async throws -> Response {
        let viewer = try req.require(.triageReports)
        guard let id = req.parameters.get("flag").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let reason = ((try? req.content.decode(DismissForm.self))?.alasan ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 5 else {
            return try await render(req, message: nil, error: "Tuliskan alasan penolakan tanda (minimal 5 karakter).").encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await ScreeningStore.dismiss(id, reason: reason, actor: viewer.actor,
                                         at: req.clock.now(), on: req.db)
        return req.redirect(to: "/penyaringan")
    }
}
