import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

/// Every route of the application, for every role: who may pass. Generated from the route table, so a
/// route added without an entry here fails the suite.
@Suite("The authorization matrix covers every route and every role", .serialized)
struct AuthorizationMatrixTests {
    enum Access {
        /// Anyone, signed in or not.
        case everyone
        /// Any signed-in person.
        case signedIn
        /// Signed-in people whose role has this permission.
        case permission(Permission)
        /// Signed-in people whose role has either permission.
        case either(Permission, Permission)
    }

    static let matrix: [String: Access] = [
        "GET /": .everyone, "GET /aset/netra.js": .everyone, "GET /health": .everyone, "GET /metrics": .everyone, "GET /masuk": .everyone, "POST /masuk": .everyone,
        "GET /panduan": .everyone, "GET /api/v1/openapi.yaml": .everyone, "GET /api/v1/guide": .everyone, "POST /api/v1/guide": .everyone,
        "GET /api/v1/rules": .everyone, "GET /lapor": .everyone, "GET /verifikasi": .everyone, "GET /verifikasi/:code": .everyone, "GET /lapor/tanda-terima": .everyone, "POST /lapor": .everyone, "GET /lapor/status": .everyone,
        "POST /lapor/status": .everyone, "POST /lapor/status/tambah": .everyone, "POST /lapor/status/berkas": .everyone,
        "POST /api/v1/reports": .everyone, "POST /api/v1/reports/status": .everyone,
        "GET /transparansi": .everyone, "GET /transparansi.json": .everyone, "GET /transparansi.csv": .everyone,
        "POST /keluar": .signedIn, "GET /kuis": .signedIn, "POST /kuis": .signedIn,
        // The setup address answers 404 to everyone once an account exists, as in the demo.
        "GET /pasang": .everyone, "POST /pasang": .everyone, "GET /akun": .signedIn, "POST /akun": .signedIn, "POST /akun/sesi": .signedIn, "POST /akun/keluar-semua": .signedIn, "POST /akun/email": .signedIn,
        "GET /pengiriman": .permission(.viewDeliveries),
        "GET /pengawasan": .permission(.viewSupervision), "GET /pengawasan.csv": .permission(.viewSupervision),
        "POST /pengawasan/lapor": .permission(.fileSupervisionStatement), "POST /pengawasan/tandai": .either(.fileSupervisionStatement, .configureRegion),
        "POST /pengawasan/temuan": .either(.fileSupervisionStatement, .triageReports),
        "GET /pengawasan/irama": .permission(.configureRegion), "POST /pengawasan/irama": .permission(.configureRegion),
        "GET /pengguna": .permission(.manageAccounts), "POST /pengguna": .permission(.manageAccounts),
        "POST /pengguna/:username/nonaktifkan": .permission(.manageAccounts), "POST /pengguna/:username/aktifkan": .permission(.manageAccounts),
        "POST /pengguna/:username/sandi": .permission(.manageAccounts),
        "GET /pengaturan": .permission(.configureRegion), "POST /pengaturan": .permission(.configureRegion), "GET /logo/:sha256": .everyone, "GET /persiapan": .permission(.configureRegion), "GET /unit": .permission(.configureRegion), "GET /pemilihan": .permission(.configureRegion), "GET /surat-saya": .signedIn, "GET /surat-saya/:letter": .signedIn, "POST /pemilihan": .permission(.configureRegion), "POST /pemilihan/berkas": .permission(.configureRegion), "POST /unit": .permission(.configureRegion),
        "GET /registri": .permission(.viewRegistry), "GET /registri/asn": .permission(.viewRegistry),
        "GET /registri/asn/:nip": .permission(.viewRegistry), "GET /api/v1/units": .permission(.viewRegistry),
        "GET /api/v1/asn": .permission(.viewRegistry), "GET /api/v1/asn/:nip": .permission(.viewRegistry),
        "GET /registri/impor": .permission(.importRegistry), "POST /registri/impor": .permission(.importRegistry),
        "POST /api/v1/registry/validate": .permission(.importRegistry),
        "GET /kasus": .permission(.viewCases), "GET /kasus.csv": .permission(.viewCases), "GET /kasus/:case": .permission(.viewCases),
        "POST /kasus/:case/langkah": .permission(.viewCases), "POST /kasus/:case/asn": .permission(.triageReports), "POST /kasus/:case/catatan": .permission(.viewCases),
        "POST /kasus/:case/berkas": .permission(.viewCases), "GET /kasus/:case/surat/:letter": .permission(.viewCases),
        "GET /bukti/:sha256": .permission(.viewCases), "POST /bukti/:sha256/asli": .permission(.viewOriginalEvidence),
        "GET /kasus/laporan": .permission(.triageReports), "GET /kasus/laporan/:report": .permission(.triageReports),
        "POST /kasus/laporan/:report/verifikasi": .permission(.triageReports), "POST /kasus/laporan/:report/tolak": .permission(.triageReports),
        "GET /penyaringan": .permission(.triageReports), "POST /penyaringan/pemilihan": .permission(.triageReports),
        "POST /penyaringan/unggahan": .permission(.triageReports), "POST /penyaringan/:flag/konfirmasi": .permission(.triageReports),
        "POST /penyaringan/:flag/tolak": .permission(.triageReports),
        "GET /pencocokan": .permission(.triageReports), "POST /pencocokan": .permission(.triageReports),
        "GET /pencocokan/:list": .permission(.triageReports), "POST /pencocokan/temuan/:hit/konfirmasi": .permission(.triageReports),
        "POST /pencocokan/temuan/:hit/tolak": .permission(.triageReports),
        "GET /cakupan": .permission(.viewCoverage), "GET /cakupan.csv": .permission(.viewCoverage),
        "GET /cakupan/asn": .permission(.viewCoverage), "GET /cakupan/asn.csv": .permission(.viewCoverage),
        "GET /cakupan/wilayah.csv": .permission(.viewCoverage),
        "GET /sosialisasi": .either(.viewCoverage, .recordSocialization), "GET /sosialisasi/:event": .either(.viewCoverage, .recordSocialization),
        "POST /sosialisasi": .permission(.recordSocialization), "POST /sosialisasi/:event/peserta": .permission(.recordSocialization),
        "GET /surat-edaran": .either(.viewCoverage, .acknowledgeCircular), "GET /surat-edaran/:circular": .either(.viewCoverage, .acknowledgeCircular),
        "POST /surat-edaran": .permission(.issueCircular), "POST /surat-edaran/:circular/terima": .permission(.acknowledgeCircular),
        "GET /dasbor": .permission(.viewCases), "GET /dasbor.csv": .permission(.viewCases),
        "GET /ikrar": .signedIn, "GET /tindakan": .signedIn, "GET /api/v1/inbox": .signedIn, "POST /ikrar": .permission(.signPledge), "POST /ikrar/kertas": .permission(.recordPledge),
        "GET /rujukan": .permission(.referCase), "POST /rujukan": .permission(.referCase),
    ]

    /// Demo sign-ins per role; supervisors of two different units.
    static let roles: [(name: String, login: (String, String)?, role: Role?)] = [
        ("anonim", nil, nil), ("asn", ("asn", "netra-asn"), .asn), ("atasan A", ("kadisdik", "netra-kadisdik"), .supervisor),
        ("atasan B", ("kadinkes", "netra-kadinkes"), .supervisor), ("bawaslu", ("bawaslu", "netra-bawaslu"), .bawaslu),
        ("ppk", ("bupati", "netra-ppk"), .ppk), ("admin", ("admin", "netra-admin"), .admin),
    ]

    static func allowed(_ access: Access, role: Role?) -> Bool {
        switch access {
        case .everyone: true
        case .signedIn: role != nil
        case .permission(let permission): role?.may(permission) ?? false
        case .either(let first, let second): role.map { $0.may(first) || $0.may(second) } ?? false
        }
    }

    @Test("every route has an entry, and every role gets exactly what its entry says")
    func matrixHolds() async throws {
        try await withDemoApp(adjust: { $0.submissionsPerWindow = 10_000; $0.lookupsPerWindow = 10_000 }) { app, _ in
            let routes = app.routes.all.map { route in
                "\(route.method.rawValue) /" + route.path.map { $0.description }.joined(separator: "/")
            }
            let missing = routes.filter { Self.matrix[$0] == nil }
            #expect(missing.isEmpty, "routes without an entry in the authorization matrix: \(missing)")
            let stale = Self.matrix.keys.filter { !routes.contains($0) }
            #expect(stale.isEmpty, "entries for routes that no longer exist: \(stale)")

            for (name, login, role) in Self.roles {
                var client = WebClient(app)
                if let login { try await client.login(login.0, login.1) }
                for key in routes.sorted() where !["POST /keluar", "POST /akun/keluar-semua", "POST /masuk"].contains(key) {
                    guard let access = Self.matrix[key] else { continue }
                    let parts = key.split(separator: " ", maxSplits: 1)
                    let method = HTTPMethod(rawValue: String(parts[0]))
                    let path = concretePath(String(parts[1]))
                    var headers = HTTPHeaders()
                    if let token = client.csrf { headers.add(name: "X-CSRF-Token", value: token) }
                    let response = try await client.send(method, path, headers: headers, body: method == .POST ? ByteBuffer(string: "{}") : nil,
                                                         contentType: method == .POST ? .json : nil)
                    let location = response.headers.first(name: .location) ?? ""
                    let denied = response.status == .unauthorized || response.status == .forbidden
                        || (response.status == .seeOther && location.hasPrefix("/masuk"))
                    #expect(denied != Self.allowed(access, role: role), "\(name) \(key): \(response.status.code) \(location)")
                }
            }
        }
    }

    @Test("every state-changing route refuses a signed-in request without the session's CSRF token, and nothing changes")
    func csrfOnEveryForm() async throws {
        try await withDemoApp(adjust: { $0.submissionsPerWindow = 10_000; $0.lookupsPerWindow = 10_000 }) { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let before = try await AuditEventModel.query(on: app.db).count()
            let posts = app.routes.all.filter { $0.method == .POST }.map { "/" + $0.path.map { $0.description }.joined(separator: "/") }
            #expect(posts.count >= 30)
            for path in posts {
                let concrete = path.split(separator: "/").map { $0.hasPrefix(":") ? UUID().uuidString : String($0) }.joined(separator: "/")
                for token in [nil, "palsu"] {
                    var form = ["deskripsi": "Camat hadir di kampanye pasangan calon nomor urut 1.", "judul": "Sosialisasi", "langkah": "close"]
                    if let token { form["csrf"] = token }
                    let response = try await admin.send(.POST, "/" + concrete, form: form)
                    #expect(response.status == .forbidden, "POST \(path) with token \(token ?? "none"): \(response.status.code)")
                }
            }
            #expect(try await AuditEventModel.query(on: app.db).count() == before)
            #expect(try await ReportModel.query(on: app.db).count() == 0)
        }
    }
}
