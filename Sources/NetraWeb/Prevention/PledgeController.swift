import Fluent
import NetraCore
import NetraStore
import Vapor

/// Neutrality pledges: an ASN signs their own for each election; a supervisor (or the BKPSDM team)
/// records one signed on paper, with its scan, for someone in their subtree.
struct PledgeController: RouteCollection {
    let vault: EvidenceVault
    let maxScanBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        routes.get("ikrar", use: page)
        routes.post("ikrar", use: sign)
        routes.on(.POST, "ikrar", "kertas", body: .collect(maxSize: "25mb"), use: recordPaper)
    }

    struct Page: Encodable {
        struct Election: Encodable {
            let code: String
            let name: String
            let text: [String]
            let signedAt: String?
            let method: String?
            let textSHA256: String?
        }
        let elections: [Election]
        let canSign: Bool
        let canRecord: Bool
        let allElections: [Option]
        let message: String?
        let error: String?
    }

    struct Option: Encodable {
        let value: String
        let title: String
    }

    /// What the page says after a form, named in the address its redirect leads to, so a refresh records nothing again.
    enum Notice: String {
        case signed = "ditandatangani"
        case paperRecorded = "kertas"

        var message: String {
            switch self {
            case .signed: "Ikrar Anda tercatat. Terima kasih telah menjaga netralitas."
            case .paperRecorded: "Ikrar kertas tercatat beserta pindaiannya."
            }
        }
    }

    @Sendable
    func page(req: Request) async throws -> View {
        try await render(req, message: req.query[String.self, at: "pesan"].flatMap(Notice.init(rawValue:))?.message, error: nil)
    }

    private func render(_ req: Request, message: String?, error: String?) async throws -> View {
        let viewer = try req.requireViewer()
        let elections = try await PledgeStore.elections(on: req.db)
        var own: [Page.Election] = []
        if viewer.may(.signPledge), let nip = viewer.nip, let person = try await ASNModel.query(on: req.db).filter(\.$nip == nip).first() {
            let pledges = try await PledgeStore.pledges(of: nip, on: req.db)
            own = elections.map { election in
                let pledge = pledges.first { $0.electionCode == election.id }
                return Page.Election(code: election.id!, name: election.name,
                                     text: PledgeStore.text(for: person, election: election).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                     signedAt: pledge.map { AuditLog.timestamp(Date(timeIntervalSince1970: $0.signedAt)) },
                                     method: pledge.map { $0.method == "online" ? "ditandatangani di Netra" : "dicatat dari kertas bertanda tangan" },
                                     textSHA256: pledge?.textSHA256)
            }
        }
        let body = Page(elections: own, canSign: viewer.may(.signPledge) && viewer.nip != nil, canRecord: viewer.may(.recordPledge),
                        allElections: elections.map { Option(value: $0.id!, title: $0.name) }, message: message, error: error)
        return try await req.view.render("pledge", PageContext(req: req, title: "Ikrar Netralitas", body: body))
    }

    struct SignForm: Content {
        var pemilihan: String?
        var setuju: String?
    }

    @Sendable
    func sign(req: Request) async throws -> Response {
        let viewer = try req.require(.signPledge)
        let form = try? req.content.decode(SignForm.self)
        guard let nip = viewer.nip else {
            return try await render(req, message: nil, error: "Akun Anda tidak terhubung ke NIP; ikrar dicatat oleh atasan dari kertas.")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard form?.setuju == "ya", let election = form?.pemilihan, !election.isEmpty else {
            return try await render(req, message: nil, error: "Centang pernyataan setuju dan pilih pemilihannya untuk menandatangani ikrar.")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            _ = try await PledgeStore.record(nip: nip, electionCode: election, scanSHA256: nil, by: viewer.actor.auditName, at: req.clock.now(), on: req.db)
        } catch let problem as PledgeStore.Problem {
            return try await render(req, message: nil, error: problem.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/ikrar?pesan=\(Notice.signed.rawValue)")
    }

    struct PaperForm: Content {
        var nip: String?
        var pemilihan: String?
        var berkas: File?
    }

    @Sendable
    func recordPaper(req: Request) async throws -> Response {
        let viewer = try req.require(.recordPledge)
        let form = try? req.content.decode(PaperForm.self)
        let nip = (form?.nip ?? "").filter(\.isNumber)
        guard !nip.isEmpty, let election = form?.pemilihan, !election.isEmpty else {
            return try await render(req, message: nil, error: "Isi NIP dan pilih pemilihannya.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        // Outside the recorder's subtree a NIP is as unknown as a wrong one.
        guard try await RegistryQueries.detail(nip: nip, scope: viewer.registryScope, on: req.db) != nil else {
            return try await render(req, message: nil, error: "NIP \(nip) tidak ditemukan di unit Anda.").encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let file = form?.berkas, file.data.readableBytes > 0 else {
            return try await render(req, message: nil, error: "Lampirkan pindaian ikrar yang ditandatangani (foto atau PDF).")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let scan: EvidenceFile
        switch EvidenceFile.accept(name: file.filename, bytes: Array(file.data.readableBytesView), maxBytes: maxScanBytes) {
        case .success(let accepted) where accepted.type == .pdf || accepted.type.rawValue.hasPrefix("image/"): scan = accepted
        case .success: return try await render(req, message: nil, error: "Pindaian ikrar harus berupa foto atau PDF.").encodeResponse(status: .unprocessableEntity, for: req)
        case .failure(let rejection): return try await render(req, message: nil, error: rejection.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            let hash = try await vault.store(scan.bytes)
            _ = try await PledgeStore.record(nip: nip, electionCode: election, scanSHA256: hash, by: viewer.actor.auditName, at: req.clock.now(), on: req.db)
        } catch let problem as PledgeStore.Problem {
            return try await render(req, message: nil, error: problem.description).encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/ikrar?pesan=\(Notice.paperRecorded.rawValue)")
    }
}
