import NetraCore
import NetraStore
import Vapor

/// Bawaslu refers findings to BKPSDM (penerusan) with its own reference number, and follows each one.
struct ReferralController: RouteCollection {
    let guide: Guide
    let vault: EvidenceVault

    func boot(routes: any RoutesBuilder) throws {
        routes.get("rujukan", use: page)
        routes.post("rujukan", use: refer)
    }

    struct ReferralPage: Encodable {
        struct Row: Encodable {
            let reference: String
            let receivedAt: String
            let status: String
            let caseNumber: String?
            let asnName: String?
        }
        var rows: [Row]
        var errors: [ReportSubmission.FieldError] = []
        var created: String?
    }

    struct ReferralForm: Content {
        var nomor_rujukan: String?
        var deskripsi: String?
        var tanggal: String?
        var nama_asn: String?
        var nip_asn: String?
        var unit: String?
    }

    @Sendable
    func page(req: Request) async throws -> View {
        _ = try req.require(.referCase)
        return try await render(req, errors: [], created: req.query[String.self, at: "dikirim"].map { String($0.prefix(120)) })
    }

    private func render(_ req: Request, errors: [ReportSubmission.FieldError], created: String?) async throws -> View {
        let rows = try await ReportStore.referrals(source: .bawaslu, on: req.db).map { row in
            ReferralPage.Row(
                reference: row.reference, receivedAt: LocalDate(timestamp: row.receivedAt, in: req.regionTimeZone).indonesianLong,
                status: row.caseStatus.flatMap(CaseStatus.init(rawValue:))?.title ?? ReportState(rawValue: row.reportStatus)?.title ?? row.reportStatus,
                caseNumber: row.caseNumber, asnName: row.asnName)
        }
        return try await req.view.render("referrals", PageContext(req: req, title: "Rujukan Bawaslu",
                                                                  body: ReferralPage(rows: rows, errors: errors, created: created)))
    }

    @Sendable
    func refer(req: Request) async throws -> Response {
        _ = try req.require(.referCase)
        let form = try req.content.decode(ReferralForm.self)
        var errors: [ReportSubmission.FieldError] = []
        let reference = (form.nomor_rujukan ?? "").trimmingCharacters(in: .whitespaces)
        if reference.isEmpty { errors.append(.init(field: "reference", message: "Nomor rujukan Bawaslu wajib diisi.")) }
        // One referral per number: a second tap, or the same letter sent again, adds nothing.
        if !reference.isEmpty, try await ReportStore.referrals(source: .bawaslu, on: req.db).contains(where: { $0.reference == reference }) {
            errors.append(.init(field: "reference", message: "Rujukan nomor \(reference) sudah dikirim sebelumnya; lihat statusnya di daftar di bawah."))
        }
        var submission = ReportSubmission(description: form.deskripsi ?? "", asnName: form.nama_asn, asnNIP: form.nip_asn, unit: form.unit)
        if let text = form.tanggal, !text.isEmpty {
            if let date = LocalDate(humanInput: text) { submission.occurredOn = date } else {
                errors.append(.init(field: "occurred_on", message: "Tanggal tidak dikenali; tulis mis. 21/10/2024."))
            }
        }
        switch submission.validated(today: req.clock.today) {
        case .failure(let problem): errors += problem.errors
        case .success(let clean): submission = clean
        }
        guard errors.isEmpty else { return try await render(req, errors: errors, created: nil).encodeResponse(status: .unprocessableEntity, for: req) }
        var random = SystemRandomNumberGenerator()
        let suggested = guide.answer(text: submission.description, on: submission.occurredOn ?? req.clock.today).behaviours
        _ = try await ReportStore.submit(submission, files: [], source: .bawaslu, reference: reference, suggested: suggested, vault: vault,
                                         at: req.clock.now(), random: &random, on: req.db)
        return req.redirect(to: "/rujukan?dikirim=\(reference.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
    }
}
