import NetraCore
import NetraStore
import Vapor

/// The region's letterhead, signers and numbering (`/pengaturan`), and the logos letters show (`/logo/…`).
struct SettingsController: RouteCollection {
    static let path = "/pengaturan"

    static func logoPath(_ sha256: String) -> String { "/logo/\(sha256)" }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("pengaturan", use: form)
        routes.on(.POST, "pengaturan", body: .collect(maxSize: ByteCount(value: LetterLogo.maxBytes + 64 * 1024)), use: save)
        routes.get("logo", ":sha256", use: logo)
        routes.get("persiapan", use: readiness)
    }

    struct SettingsForm: Content {
        var pemerintah: String?
        var instansi: String?
        var alamat: String?
        var kota: String?
        var penomoran: String?
        var ppk_jabatan: String?
        var ppk_nama: String?
        var ppk_nip: String?
        var kepala_jabatan: String?
        var kepala_nama: String?
        var kepala_nip: String?
        var kepala_pangkat: String?
        var zona_waktu: String?
        var logo: File?
        var hapus_logo: String?

        var letterhead: Letterhead {
            Letterhead(government: pemerintah ?? "", agency: instansi ?? "", address: alamat ?? "", city: kota ?? "",
                       numbering: LetterNumbering(pattern: penomoran ?? ""),
                       ppk: Official(position: ppk_jabatan ?? "", name: ppk_nama ?? "", nip: ppk_nip),
                       agencyHead: Official(position: kepala_jabatan ?? "", name: kepala_nama ?? "", nip: kepala_nip, rank: kepala_pangkat),
                       timeZone: zona_waktu.flatMap(RegionTimeZone.init(rawValue:)))
        }
    }

    struct SettingsPage: Encodable {
        /// Form values by field name.
        var values: [String: String]
        /// Messages by field name, shown beside the field.
        var fieldErrors: [String: String] = [:]
        var errors: [String] = []
        var saved = false
        var isSet: Bool
        var logoURL: String?
        var numberExample: String
        var timeZones: [Choice] = []

        struct Choice: Encodable {
            let value: String
            let title: String
        }

        init(_ letterhead: Letterhead, isSet: Bool, today: LocalDate) {
            values = [
                Letterhead.Field.government.rawValue: letterhead.government, Letterhead.Field.agency.rawValue: letterhead.agency,
                Letterhead.Field.address.rawValue: letterhead.address, Letterhead.Field.city.rawValue: letterhead.city,
                Letterhead.Field.numbering.rawValue: letterhead.numbering.pattern,
                Letterhead.Field.ppkPosition.rawValue: letterhead.ppk.position, Letterhead.Field.ppkName.rawValue: letterhead.ppk.name,
                Letterhead.Field.ppkNIP.rawValue: letterhead.ppk.nip ?? "",
                Letterhead.Field.headPosition.rawValue: letterhead.agencyHead.position, Letterhead.Field.headName.rawValue: letterhead.agencyHead.name,
                Letterhead.Field.headNIP.rawValue: letterhead.agencyHead.nip ?? "",
                Letterhead.Field.headRank.rawValue: letterhead.agencyHead.rank ?? "",
                Letterhead.Field.timeZone.rawValue: letterhead.timeZone?.rawValue ?? "",
            ]
            timeZones = RegionTimeZone.allCases.map { .init(value: $0.rawValue, title: $0.title) }
            self.isSet = isSet
            logoURL = letterhead.logo.map(SettingsController.logoPath)
            numberExample = letterhead.numbering.number(sequence: 1, year: today.year)
        }
    }

    @Sendable
    func form(req: Request) async throws -> View {
        _ = try req.require(.configureRegion)
        let current = try await LetterheadStore.current(on: req.db)
        let shown = if let current { current } else { try await suggestion(req) }
        var page = SettingsPage(shown, isSet: current != nil, today: req.clock.today)
        page.saved = req.query[String.self, at: "tersimpan"] != nil
        return try await req.view.render("settings", PageContext(req: req, title: "Pengaturan", body: page))
    }

    @Sendable
    func save(req: Request) async throws -> Response {
        let viewer = try req.require(.configureRegion)
        let form = try req.content.decode(SettingsForm.self)
        let upload = form.logo.flatMap { file in file.data.readableBytes == 0 ? nil : LetterheadStore.LogoUpload(bytes: Array(file.data.readableBytesView)) }
        do {
            try await LetterheadStore.save(form.letterhead, logo: upload, removeLogo: form.hapus_logo != nil, actor: viewer.username,
                                           at: req.clock.now(), on: req.db)
            try await req.clock.followSettings(on: req.db)
        } catch let refusal as LetterheadRefusal {
            let current = try await LetterheadStore.current(on: req.db)
            var shown = form.letterhead
            shown.logo = current?.logo
            var page = SettingsPage(shown, isSet: current != nil, today: req.clock.today)
            page.errors = refusal.problems.map(\.description)
            page.fieldErrors = Dictionary(refusal.problems.map { ($0.field.rawValue, $0.message) }, uniquingKeysWith: { first, _ in first })
            return try await req.view.render("settings", PageContext(req: req, title: "Pengaturan", body: page))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: Self.path + "?tersimpan=1")
    }

    /// What a region that has not set its letterhead sees first: the heading built from its wilayah and the
    /// standard numbering. Names and NIPs stay empty: nobody is named a signer by default.
    private func suggestion(_ req: Request) async throws -> Letterhead {
        let region = try await RegionStore.regency(on: req.db)
        return Letterhead(government: region.map { "PEMERINTAH \($0.name.uppercased())" } ?? "",
                          agency: "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA", address: "", city: "", numbering: .standard,
                          ppk: Official(position: region.map { Self.headOfRegion($0.name) } ?? "", name: "", nip: nil),
                          agencyHead: Official(position: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", name: "", nip: nil),
                          timeZone: region.map { RegionTimeZone.of(regionCode: $0.code) })
    }

    /// "Kabupaten Sungai Harapan" → "Bupati Sungai Harapan"; "Kota Palangka Raya" → "Wali Kota Palangka Raya".
    static func headOfRegion(_ name: String) -> String {
        if name.hasPrefix("Kabupaten ") { return "Bupati " + name.dropFirst("Kabupaten ".count) }
        if name.hasPrefix("Kota ") { return "Wali Kota " + name.dropFirst("Kota ".count) }
        return ""
    }

    // MARK: Go-live checklist

    struct ReadinessPage: Encodable {
        struct Item: Encodable {
            let title: String
            let done: Bool
            let detail: String
            /// A few of the units at fault, "kode — nama".
            let examples: [String]
            let more: Int
            let link: String
            let action: String
        }
        let ready: Bool
        let items: [Item]
    }

    static let examplesShown = 10

    @Sendable
    func readiness(req: Request) async throws -> View {
        _ = try req.require(.configureRegion)
        let state = try await Readiness.check(on: req.db)
        func units(_ refs: [Readiness.UnitRef], withHead: Bool) -> (examples: [String], more: Int) {
            let shown = refs.prefix(Self.examplesShown).map { ref in
                [ref.code, ref.name, withHead ? ref.headNIP.map { "kepala NIP \($0)" } : nil].compactMap { $0 }.joined(separator: " — ")
            }
            return (shown, max(0, refs.count - Self.examplesShown))
        }
        let withoutHead = units(state.unitsWithoutHead, withHead: false)
        let notInRegistry = units(state.headsNotInRegistry, withHead: true)
        let withoutAccount = units(state.headsWithoutAccount, withHead: true)
        let items = [
            ReadinessPage.Item(title: "Wilayah: kecamatan dan desa", done: state.districts > 0,
                               detail: state.districts > 0 ? "\(state.districts) kecamatan dan \(state.villages) desa/kelurahan." : "Belum ada kecamatan. Impor berkas wilayah (kode,nama dengan kode Kemendagri).",
                               examples: [], more: 0, link: "/registri/impor", action: "Impor wilayah"),
            ReadinessPage.Item(title: "Perangkat daerah dan unit kerja", done: state.units > 0,
                               detail: state.units > 0 ? "\(state.units) unit." : "Belum ada unit. Impor berkas unit (kode,nama,induk,kepala_nip).",
                               examples: [], more: 0, link: "/registri/impor", action: "Impor unit"),
            ReadinessPage.Item(title: "Data ASN", done: state.people > 0,
                               detail: state.people > 0 ? "\(state.people) ASN di registri." : "Belum ada ASN. Impor ekspor data ASN dari BKPSDM.",
                               examples: [], more: 0, link: "/registri/impor", action: "Impor data ASN"),
            ReadinessPage.Item(title: "Setiap unit punya kepala", done: state.unitsWithoutHead.isEmpty,
                               detail: state.unitsWithoutHead.isEmpty ? "Semua unit punya kepala." : "\(state.unitsWithoutHead.count) unit tanpa kepala_nip: kasus di unit itu naik ke atasan berikutnya dan tidak ada yang mengawasinya.",
                               examples: withoutHead.examples, more: withoutHead.more, link: UnitAdminController.path, action: "Isi kepala unit"),
            ReadinessPage.Item(title: "Kepala unit ada di data ASN", done: state.headsNotInRegistry.isEmpty,
                               detail: state.headsNotInRegistry.isEmpty ? "Semua kepala unit ditemukan di data ASN." : "\(state.headsNotInRegistry.count) kepala unit tidak ditemukan di data ASN.",
                               examples: notInRegistry.examples, more: notInRegistry.more, link: "/registri/impor", action: "Impor data ASN"),
            ReadinessPage.Item(title: "Kepala unit punya akun", done: state.headsWithoutAccount.isEmpty,
                               detail: state.headsWithoutAccount.isEmpty ? "Semua kepala unit dapat masuk." : "\(state.headsWithoutAccount.count) kepala unit belum punya akun aktif: mereka tidak dapat mengawasi unitnya.",
                               examples: withoutAccount.examples, more: withoutAccount.more, link: "/pengguna", action: "Buat akun"),
            ReadinessPage.Item(title: "Pemilihan", done: state.elections > 0,
                               detail: state.elections > 0 ? "\(state.elections) data pemilihan." : "Belum ada pemilihan: penyaringan dan tahapan belum tahu pasangan calon di wilayah ini.",
                               examples: [], more: 0, link: ElectionController.path, action: "Catat pemilihan"),
            ReadinessPage.Item(title: "Kop surat dan penanda tangan", done: state.hasLetterhead,
                               detail: state.hasLetterhead ? "Kop surat, penomoran dan penanda tangan sudah diatur." : "Belum diatur: surat bernomor belum dapat diterbitkan.",
                               examples: [], more: 0, link: Self.path, action: "Atur kop surat"),
        ]
        return try await req.view.render("readiness", PageContext(req: req, title: "Persiapan", body: ReadinessPage(ready: state.isReady, items: items)))
    }

    /// A logo as uploaded. Public (it heads every letter); an SVG is served so that nothing in it can run.
    @Sendable
    func logo(req: Request) async throws -> Response {
        let hash = (req.parameters.get("sha256") ?? "").lowercased()
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit), let logo = try await LetterheadStore.logo(sha256: hash, on: req.db) else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: logo.data))
        response.headers.replaceOrAdd(name: .contentType, value: logo.contentType)
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        // The address is the file's hash: it never changes.
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        return response
    }
}
