import NetraCore
import NetraStore
import Vapor

/// The admin's units page (`/unit`): add a unit, rename it, move it under another parent, set its head.
/// Each change is one row through the same checks and importer as a units file, so a page edit and a
/// re-import can never disagree (a missing parent, a cycle, a bad NIP are refused the same way).
struct UnitAdminController: RouteCollection {
    static let path = "/unit"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("unit", use: page)
        routes.post("unit", use: save)
    }

    struct UnitForm: Content {
        var kode: String?
        var nama: String?
        var induk: String?
        var kepala_nip: String?
        var kode_wilayah: String?
        /// Set when an existing unit is edited: its code, which stays its key.
        var ubah: String?
    }

    struct UnitsPage: Encodable {
        struct Row: Encodable {
            let code: String?
            let name: String
            let parent: String?
            let head: String?
            let headMissing: Bool
            let indent: Int
        }
        var rows: [Row]
        /// The form's values by field name.
        var form: [String: String] = [:]
        var editing: String?
        var errors: [String] = []
        var errorFields: [String: Bool] = [:]
        var saved: String?
    }

    @Sendable
    func page(req: Request) async throws -> View {
        _ = try req.require(.configureRegion)
        let units = try await UnitTreeImporter.listing(on: req.db)
        var page = Self.unitsPage(units)
        if let code = req.query[String.self, at: "kode"], let unit = units.first(where: { $0.code == code }) {
            page.editing = code
            page.form = ["kode": code, "nama": unit.name, "induk": unit.parentCode ?? "", "kepala_nip": unit.headNIP ?? "",
                         "kode_wilayah": unit.regionCode ?? ""]
        }
        page.saved = req.query[String.self, at: "tersimpan"]
        return try await req.view.render("unit-admin", PageContext(req: req, title: "Kelola Unit", body: page))
    }

    @Sendable
    func save(req: Request) async throws -> Response {
        let viewer = try req.require(.configureRegion)
        let form = try req.content.decode(UnitForm.self)
        let code = form.ubah ?? form.kode ?? ""
        let (row, problems) = UnitRow.checked(line: 1, code: code, name: form.nama ?? "", parent: form.induk ?? "", head: form.kepala_nip ?? "",
                                              region: form.kode_wilayah ?? "")
        var refused = problems
        if let row {
            let existing = try await UnitTreeImporter.hasUnit(code: row.code, on: req.db)
            if form.ubah == nil && existing {
                refused.append(UnitTreeProblem(line: 1, field: .code, message: "Kode \(row.code) sudah dipakai unit lain; pilih unit itu dari daftar untuk mengubahnya."))
            } else if form.ubah != nil && !existing {
                throw Abort(.notFound)
            } else {
                _ = try await UnitTreeImporter(database: req.db, actor: viewer.username, now: { req.clock.now() })
                    .importRows([row], onProblem: { refused.append($0) })
            }
        }
        guard !refused.isEmpty else { return req.redirect(to: Self.path + "?tersimpan=\(code.addingPercentEncoding(withAllowedCharacters: Self.codeCharacters) ?? "")") }
        var page = Self.unitsPage(try await UnitTreeImporter.listing(on: req.db))
        page.editing = form.ubah
        page.form = ["kode": code, "nama": form.nama ?? "", "induk": form.induk ?? "", "kepala_nip": form.kepala_nip ?? "", "kode_wilayah": form.kode_wilayah ?? ""]
        page.errors = refused.map { "\(UnitAdminController.label($0.field)): \($0.message)" }
        page.errorFields = Dictionary(refused.map { ($0.field.rawValue, true) }, uniquingKeysWith: { first, _ in first })
        return try await req.view.render("unit-admin", PageContext(req: req, title: "Kelola Unit", body: page)).encodeResponse(status: .unprocessableEntity, for: req)
    }

    /// A unit code's own characters stay readable in the address; anything else is escaped.
    static let codeCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._/"))

    static func label(_ field: UnitTreeColumn) -> String {
        switch field {
        case .code: "Kode"
        case .name: "Nama"
        case .parent: "Induk"
        case .headNIP: "NIP kepala"
        case .regionCode: "Kode wilayah"
        }
    }

    private static func unitsPage(_ units: [UnitListing]) -> UnitsPage {
        let rows = units.map { unit in
            UnitsPage.Row(code: unit.code, name: unit.name, parent: unit.parentCode ?? unit.parentName,
                          head: unit.headNIP.map { nip in unit.headName.map { "\($0) (\(nip))" } ?? nip }, headMissing: unit.headNIP != nil && unit.headName == nil,
                          indent: min(unit.depth, 6))
        }
        return UnitsPage(rows: rows)
    }
}
