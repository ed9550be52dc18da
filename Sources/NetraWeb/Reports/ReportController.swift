import Fluent
import NetraCore
import NetraStore
import Vapor

/// Public reporting: the form at /lapor, the reporter's status page, and the JSON API. A report is
/// committed (database and encrypted evidence) before any success answer is sent.
struct ReportController: RouteCollection {
    let guide: Guide
    let vault: EvidenceVault
    /// The receipt cookie is `Secure` behind HTTPS, like the session's.
    let secureCookies: Bool
    static let receiptCookie = "netra_tanda_terima"
    static let receiptPath = "/lapor/tanda-terima"
    let intake: ReportIntake
    let maxFileBytes: Int
    let submissions: RateLimiter
    let lookups: RateLimiter
    let maxPublicBodyBytes: Int

    init(guide: Guide, vault: EvidenceVault, intake: ReportIntake, settings: WebSettings) {
        self.guide = guide
        self.vault = vault
        self.intake = intake
        maxFileBytes = settings.maxEvidenceFileBytes
        maxPublicBodyBytes = settings.maxPublicUploadBytes
        secureCookies = settings.secureCookies
        submissions = RateLimiter("lapor", limit: settings.submissionsPerWindow, per: 600)
        lookups = RateLimiter("status", limit: settings.lookupsPerWindow, per: 600)
    }

    /// Every public route is limited per address before its body is read (`UploadGate`); an upload's body
    /// is streamed, its files to disk, up to the public limit, so large posts never sit whole in memory.
    func boot(routes: any RoutesBuilder) throws {
        let submitting = routes.grouped(UploadGate(limiter: submissions, maxBytes: maxPublicBodyBytes))
        let lookingUp = routes.grouped(UploadGate(limiter: lookups, maxBytes: maxPublicBodyBytes))
        routes.get("lapor", use: form)
        submitting.on(.POST, "lapor", body: .stream, use: submitForm)
        routes.get("lapor", "tanda-terima", use: receiptPage)
        routes.get("lapor", "status", use: statusForm)
        lookingUp.post("lapor", "status", use: statusPage)
        lookingUp.on(.POST, "lapor", "status", "tambah", body: .stream, use: addFromReporter)
        lookingUp.post("lapor", "status", "berkas", use: sharedFile)
        submitting.on(.POST, "api", "v1", "reports", body: .stream, use: submitAPI)
        lookingUp.post("api", "v1", "reports", "status", use: statusAPI)
    }

    /// A public form's fields and files: a multipart body is streamed (files to disk, read back one by one
    /// for checking); a small URL-encoded or JSON body is read whole up to 64 KiB. `fallback` stands for a
    /// body that decodes to nothing usable (the form then reports the missing fields); nil makes that a 400.
    private func publicForm<T: Decodable>(_ req: Request, fallback: T?, files: KeyPath<T, [File]?>,
                                          streamed: (StreamedForm) throws -> (T, [(String, [UInt8])])) async throws -> (T, [(String, [UInt8])]) {
        if req.headers.contentType?.type == "multipart" {
            let form = try await req.streamedForm(MultipartLimits(maxBodyBytes: maxPublicBodyBytes, maxFileBytes: maxFileBytes + 1))
            defer { form.discard() }
            return try streamed(form)
        }
        _ = try await req.body.collect(max: 64 * 1024).get()
        let decoded: T
        if let fallback { decoded = try req.formFields(T.self, or: fallback) } else { decoded = try req.content.decode(T.self) }
        return (decoded, (decoded[keyPath: files] ?? []).map { ($0.filename, Array($0.data.readableBytesView)) })
    }

    // MARK: Form

    struct FormFields: Content {
        var deskripsi: String?
        var tanggal: String?
        var lokasi: String?
        var nama_asn: String?
        var nip_asn: String?
        var unit: String?
        var tautan: String?
        var pelapor_nama: String?
        var pelapor_kontak: String?
        /// "ya" when the reporter asks to be e-mailed about status changes.
        var kabari: String?
        var bukti: [File]?
    }

    struct FormPage: Encodable {
        var values: [String: String] = [:]
        var errors: [ReportSubmission.FieldError] = []
        var maxFileMB: Int
        var today: String
        /// The region's desa and kecamatan, offered as the place is typed.
        var places: [String] = []
    }

    @Sendable
    func form(req: Request) async throws -> View {
        let page = FormPage(maxFileMB: maxFileBytes / 1_048_576, today: req.clock.today.iso8601, places: try await RegionStore.placeNames(on: req.db))
        return try await req.view.render("report", PageContext(req: req, title: "Laporkan Pelanggaran Netralitas", body: page))
    }

    @Sendable
    func submitForm(req: Request) async throws -> Response {
        let (fields, uploads) = try await publicForm(req, fallback: FormFields(), files: \.bukti) { form in
            (FormFields(deskripsi: form.value("deskripsi"), tanggal: form.value("tanggal"), lokasi: form.value("lokasi"), nama_asn: form.value("nama_asn"),
                        nip_asn: form.value("nip_asn"), unit: form.value("unit"), tautan: form.value("tautan"), pelapor_nama: form.value("pelapor_nama"),
                        pelapor_kontak: form.value("pelapor_kontak"), kabari: form.value("kabari")), try form.files("bukti"))
        }
        let values: [String: String] = [
            "deskripsi": fields.deskripsi ?? "", "tanggal": fields.tanggal ?? "", "lokasi": fields.lokasi ?? "", "nama_asn": fields.nama_asn ?? "",
            "nip_asn": fields.nip_asn ?? "", "unit": fields.unit ?? "", "tautan": fields.tautan ?? "",
            "pelapor_nama": fields.pelapor_nama ?? "", "pelapor_kontak": fields.pelapor_kontak ?? "", "kabari": fields.kabari ?? "",
        ]
        var submission = ReportSubmission(
            description: fields.deskripsi ?? "", location: fields.lokasi, asnName: fields.nama_asn, asnNIP: fields.nip_asn, unit: fields.unit,
            links: (fields.tautan ?? "").split(whereSeparator: \.isNewline).map(String.init),
            reporterName: fields.pelapor_nama, reporterContact: fields.pelapor_kontak, notifyByEmail: fields.kabari == "ya"
        )
        var errors: [ReportSubmission.FieldError] = []
        if let text = fields.tanggal?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let date = LocalDate(iso8601: text) ?? LocalDate(humanInput: text) { submission.occurredOn = date } else {
                errors.append(.init(field: "occurred_on", message: "Tanggal tidak dikenali; tulis mis. 10/10/2024."))
            }
        }
        let (files, fileErrors) = checkFiles(uploads)
        errors += fileErrors
        switch submission.validated(today: req.clock.today) {
        case .failure(let problem): errors += problem.errors
        case .success(let clean): submission = clean
        }
        guard errors.isEmpty else {
            let page = FormPage(values: values, errors: errors, maxFileMB: maxFileBytes / 1_048_576, today: req.clock.today.iso8601,
                                places: try await RegionStore.placeNames(on: req.db))
            return try await req.view.render("report", PageContext(req: req, title: "Laporkan Pelanggaran Netralitas", body: page))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let receipt = try await store(submission, files: files, source: .publicForm, on: req)
        // Post/redirect/get: a refresh of the receipt re-reads it, never sends the report again. The codes travel to
        // the receipt page sealed in a short-lived cookie of this browser's own, not in an address that is logged.
        let response = req.redirect(to: Self.receiptPath)
        response.cookies[Self.receiptCookie] = HTTPCookies.Value(
            string: try vault.seal(text: [receipt.receipt, receipt.secret, String(Int(req.clock.now().timeIntervalSince1970))].joined(separator: "\n")),
            maxAge: Self.receiptLifetime, path: "/lapor",
            isSecure: secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// How long this browser can show the receipt again, codes and all: long enough to note them, not longer.
    static let receiptLifetime = 3_600

    struct ReceiptPage: Encodable {
        struct FileProof: Encodable {
            let name: String
            let sha256: String
        }
        let receipt: String
        let secret: String
        let receivedAt: String
        let files: [FileProof]
        let description: String
    }

    /// The receipt of the report this browser just sent, from its sealed cookie; without the cookie (another browser,
    /// or an hour later) only the status page, with the codes, shows the report.
    @Sendable
    func receiptPage(req: Request) async throws -> Response {
        let zone = req.regionTimeZone
        // The lifetime is the server's to enforce too: a copied cookie stops working when the browser's would.
        guard let sealed = req.cookies[Self.receiptCookie]?.string, let opened = try? vault.open(text: sealed),
              case let parts = opened.split(separator: "\n").map(String.init), parts.count == 3, let issued = Double(parts[2]),
              req.clock.now().timeIntervalSince1970 - issued <= Double(Self.receiptLifetime),
              let report = try await ReportStore.find(receipt: parts[0], secret: parts[1], on: req.db) else {
            return req.redirect(to: "/lapor/status?tanda-terima=kedaluwarsa")
        }
        let evidence = try await EvidenceModel.query(on: req.db).filter(\.$reportID == report.id!).sort(\.$addedAt).all()
        let page = ReceiptPage(receipt: ReceiptCode(report.receipt)?.grouped ?? report.receipt, secret: parts[1],
                               receivedAt: Date(timeIntervalSince1970: report.receivedAt).indonesianDateTime(in: zone),
                               files: evidence.map { .init(name: $0.fileName, sha256: $0.sha256) }, description: report.description)
        return try await req.view.render("report-receipt", PageContext(req: req, title: "Laporan Diterima", body: page)).encodeResponse(for: req)
    }

    // MARK: Status

    struct StatusLookup: Content {
        var receipt: String?
        var secret: String?
    }

    struct StatusPage: Encodable {
        var receipt: String = ""
        var secret: String = ""
        var error: String?
        var status: ReportStatusView?
        /// When it was received, as people read it ("3 Desember 2026 pukul 13.44 WIB").
        var receivedAt: String?
        /// The messages with their times as people read them (the API keeps ISO 8601).
        var messages: [ReportStatusView.Message] = []
        struct Step: Encodable {
            let title: String
            let at: String
        }
        /// The report's way so far: each stage the reporter sees, with when it was reached.
        var steps: [Step] = []
        var added: Bool = false
        var notice: String?
    }

    @Sendable
    func statusForm(req: Request) async throws -> View {
        var page = StatusPage()
        if req.query[String.self, at: "tanda-terima"] != nil {
            page.notice = "Tanda terima tidak lagi ditampilkan di peramban ini. Masukkan kode tanda terima dan kode rahasia Anda untuk melihat laporan."
        }
        return try await req.view.render("report-status", PageContext(req: req, title: "Status Laporan", body: page))
    }

    @Sendable
    func statusPage(req: Request) async throws -> Response {
        let lookup = try req.formFields(StatusLookup.self, or: StatusLookup())
        return try await renderStatus(req, receipt: lookup.receipt ?? "", secret: lookup.secret ?? "", added: false)
    }

    struct ReporterAddition: Content {
        var receipt: String?
        var secret: String?
        var pesan: String?
        var bukti: [File]?
    }

    @Sendable
    func addFromReporter(req: Request) async throws -> Response {
        let (form, uploads) = try await publicForm(req, fallback: ReporterAddition(), files: \.bukti) { form in
            (ReporterAddition(receipt: form.value("receipt"), secret: form.value("secret"), pesan: form.value("pesan")), try form.files("bukti"))
        }
        guard let report = try await ReportStore.find(receipt: form.receipt ?? "", secret: form.secret ?? "", on: req.db) else {
            return try await renderStatus(req, receipt: form.receipt ?? "", secret: "", added: false)
        }
        let (files, errors) = checkFiles(uploads)
        let message = form.pesan?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(5_000).description
        guard errors.isEmpty else { throw Abort(.unprocessableEntity, reason: errors.map(\.message).joined(separator: " ")) }
        try await ReportStore.addFromReporter(report, message: message?.isEmpty == false ? message : nil, files: files, vault: vault,
                                              at: req.clock.now(), on: req.db)
        return try await renderStatus(req, receipt: form.receipt ?? "", secret: form.secret ?? "", added: true)
    }

    struct FileRequest: Content {
        var receipt: String?
        var secret: String?
        var sha256: String?
    }

    /// A file the case team shared with this reporter, for receipt and secret.
    @Sendable
    func sharedFile(req: Request) async throws -> Response {
        let form = try req.content.decode(FileRequest.self)
        guard let report = try await ReportStore.find(receipt: form.receipt ?? "", secret: form.secret ?? "", on: req.db),
              let file = try await CaseStore.reporterFiles(reportID: report.id!, on: req.db).first(where: { $0.sha256 == form.sha256 }) else {
            throw Abort(.notFound, reason: "Berkas tidak ditemukan.")
        }
        return try await CaseController.download(file.sha256, contentType: file.contentType, from: vault)
    }

    private func renderStatus(_ req: Request, receipt: String, secret: String, added: Bool) async throws -> Response {
        let zone = req.regionTimeZone
        guard let report = try await ReportStore.find(receipt: receipt, secret: secret, on: req.db) else {
            let page = StatusPage(receipt: receipt, error: "Kode tanda terima atau kode rahasia tidak cocok. Periksa kembali keduanya.")
            return try await req.view.render("report-status", PageContext(req: req, title: "Status Laporan", body: page))
                .encodeResponse(status: .notFound, for: req)
        }
        let status = try await ReportStore.statusView(of: report, on: req.db)
        let page = StatusPage(receipt: receipt, secret: secret, status: status,
                              receivedAt: Date(timeIntervalSince1970: report.receivedAt).indonesianDateTime(in: zone),
                              messages: status.messages.map { .init(from: $0.from, body: $0.body, at: AuditLog.date(of: $0.at)?.indonesianDateTime(in: zone) ?? $0.at) },
                              steps: try await ReportStore.reporterSteps(of: report, on: req.db).map { .init(title: $0.title, at: $0.at.indonesianDateTime(in: zone)) },
                              added: added)
        return try await req.view.render("report-status", PageContext(req: req, title: "Status Laporan", body: page)).encodeResponse(for: req)
    }

    // MARK: API

    struct APISubmission: Content {
        var description: String?
        var occurred_on: String?
        var location: String?
        var asn_name: String?
        var asn_nip: String?
        var unit: String?
        var links: [String]?
        var reporter: String?
        var files: [File]?
    }

    struct APIError: Content {
        let error: Bool
        let reason: String
        let fields: [ReportSubmission.FieldError]
    }

    @Sendable
    func submitAPI(req: Request) async throws -> Response {
        let body: APISubmission, uploads: [(String, [UInt8])]
        do {
            (body, uploads) = try await publicForm(req, fallback: nil, files: \.files) { form in
                (APISubmission(description: form.value("description"), occurred_on: form.value("occurred_on"), location: form.value("location"),
                               asn_name: form.value("asn_name"), asn_nip: form.value("asn_nip"), unit: form.value("unit"),
                               links: form.values("links") + form.values("links[]"), reporter: form.value("reporter")), try form.files("files"))
            }
        } catch let error as any AbortError where error.status == .payloadTooLarge || error is UnreadableForm {
            throw error
        } catch {
            throw Abort(.badRequest, reason: "Badan permintaan harus JSON atau multipart dengan field description.")
        }
        var submission = ReportSubmission(description: body.description ?? "", location: body.location, asnName: body.asn_name,
                                          asnNIP: body.asn_nip, unit: body.unit, links: body.links ?? [], reporterName: body.reporter)
        var errors: [ReportSubmission.FieldError] = []
        if let text = body.occurred_on, !text.isEmpty {
            if let date = LocalDate(iso8601: text) { submission.occurredOn = date } else {
                errors.append(.init(field: "occurred_on", message: "Tanggal harus berformat YYYY-MM-DD."))
            }
        }
        let (files, fileErrors) = checkFiles(uploads)
        errors += fileErrors
        switch submission.validated(today: req.clock.today) {
        case .failure(let problem): errors += problem.errors
        case .success(let clean): submission = clean
        }
        guard errors.isEmpty else {
            return try await APIError(error: true, reason: "Laporan belum dapat diterima.", fields: errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let receipt = try await store(submission, files: files, source: .api, on: req)
        return try await receipt.encodeResponse(status: .created, for: req)
    }

    @Sendable
    func statusAPI(req: Request) async throws -> ReportStatusView {
        let lookup = try req.content.decode(StatusLookup.self)
        guard let report = try await ReportStore.find(receipt: lookup.receipt ?? "", secret: lookup.secret ?? "", on: req.db) else {
            throw Abort(.notFound, reason: "Kode tanda terima atau kode rahasia tidak cocok.")
        }
        return try await ReportStore.statusView(of: report, on: req.db)
    }

    // MARK: Shared

    /// Keeps files whose content is an accepted type and within the size limit; empty file inputs are ignored.
    private func checkFiles(_ uploads: [(name: String, bytes: [UInt8])]) -> ([EvidenceFile], [ReportSubmission.FieldError]) {
        var files: [EvidenceFile] = []
        var errors: [ReportSubmission.FieldError] = []
        for upload in uploads where !upload.bytes.isEmpty {
            switch EvidenceFile.accept(name: upload.name, bytes: upload.bytes, maxBytes: maxFileBytes) {
            case .success(let file): files.append(file)
            case .failure(let rejection): errors.append(.init(field: "files", message: rejection.description))
            }
        }
        if files.count > 10 { errors.append(.init(field: "files", message: "Paling banyak 10 berkas per laporan.")) }
        return (files, errors)
    }

    private func store(_ submission: ReportSubmission, files: [EvidenceFile], source: ReportStore.Source, on req: Request) async throws -> ReportReceipt {
        let suggested = guide.answer(text: submission.description, on: submission.occurredOn ?? req.clock.today).behaviours
        return try await intake.submit(submission, files: files, source: source, suggested: suggested, at: req.clock.now())
    }
}

extension ReportReceipt: Content {}
extension ReportStatusView: Content {}
