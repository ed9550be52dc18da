import NetraCore
import NetraStore
import Vapor

/// The public check of a printed letter, opened from its QR code or by typing the code printed under it.
struct LetterVerificationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("verifikasi", use: form)
        routes.get("verifikasi", ":code", use: verify)
    }

    /// The page model: the letter's public facts, or why there are none.
    struct VerificationPage: Encodable {
        struct Found: Encodable {
            let name: String
            let number: String
            let issuedOn: String
            let issuer: String
            let about: String?
            let sha256: String
            let status: String
        }

        let code: String
        let found: Found?
        let problem: String?

        static func make(code: String, letter: CaseStore.VerifiedLetter?) -> VerificationPage {
            guard let letter else {
                return VerificationPage(code: code, found: nil,
                                        problem: "Kode \(code) tidak dikenal. Surat dengan kode ini tidak diterbitkan melalui Netra; tanyakan keasliannya kepada instansi penerbit.")
            }
            return VerificationPage(code: code, found: Found(name: letter.name, number: letter.number, issuedOn: letter.issuedOn.indonesianLong,
                                                             issuer: letter.issuer, about: letter.about, sha256: letter.sha256, status: letter.status.title), problem: nil)
        }
    }

    @Sendable
    func form(req: Request) async throws -> Response {
        // The form sends the typed code here; a well-formed one goes to its own address, which is what the QR code opens.
        if let typed = req.query[String.self, at: "kode"], !typed.isEmpty {
            guard let code = LetterVerification.normalized(typed) else {
                let page = VerificationPage(code: typed, found: nil, problem: "Kode verifikasi terdiri atas \(LetterVerification.codeLength) huruf dan angka; periksa kembali kode yang tercetak di bawah kode QR.")
                return try await req.view.render("letter-verification", PageContext(req: req, title: "Periksa keaslian surat", body: page))
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            return req.redirect(to: LetterVerification.path(code: code))
        }
        let page = VerificationPage(code: "", found: nil, problem: nil)
        return try await req.view.render("letter-verification", PageContext(req: req, title: "Periksa keaslian surat", body: page)).encodeResponse(for: req)
    }

    @Sendable
    func verify(req: Request) async throws -> Response {
        let raw = req.parameters.get("code") ?? ""
        var letter: CaseStore.VerifiedLetter?
        if let code = LetterVerification.normalized(raw) { letter = try await CaseStore.verifiedLetter(code: code, on: req.db) }
        let page = VerificationPage.make(code: raw, letter: letter)
        return try await req.view.render("letter-verification", PageContext(req: req, title: "Periksa keaslian surat", body: page))
            .encodeResponse(status: letter == nil ? .notFound : .ok, for: req)
    }
}
