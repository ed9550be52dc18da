import FluentKit
import Foundation
import NetraCore
import NetraMail
import NetraSamples
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// #20 item 2: notifications that reach people, by e-mail through a real SMTP server.
@Suite("Notifications delivered by e-mail", .serialized)
struct NotificationDeliveryTests {
    static func mailSettings() throws -> MailSettings {
        let address = try #require(TestSMTPServer.address)
        return try #require(try MailSettings.fromEnvironment([
            "NETRA_SMTP_HOST": address.host, "NETRA_SMTP_PORT": String(address.port), "NETRA_SMTP_USER": "netra", "NETRA_SMTP_PASSWORD": "sandi-uji",
            "NETRA_SMTP_FROM": "netra@bkpsdm.example.go.id", "NETRA_SMTP_CA_FILE": TestSMTPServer.certificate,
            "NETRA_PUBLIC_URL": "https://netra.example.go.id",
        ]))
    }

    /// Makes a supervisor account through the admin's form, as the BKPSDM would.
    static func addSupervisor(_ username: String, nip: String? = nil, unit: String? = nil, email: String, by admin: inout WebClient) async throws {
        let response = try await admin.send(.POST, "/pengguna", form: ["csrf": admin.csrf!, "username": username, "peran": "supervisor",
                                                                       "nip": nip ?? "", "unit": unit ?? "", "email": email, "password": "sandi-awal-yang-panjang"])
        #expect(response.status == .seeOther, "\(response.body.string)")
    }

    @Test("a verified case is e-mailed to the school's head with its link; a busy mailbox is tried again later, a refused one shows as failed",
          .enabled(if: TestSMTPServer.isAvailable))
    func caseReachesTheMailbox() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        let mail = try Self.mailSettings()
        try await withDemoApp(adjust: { $0.clock = clock.webClock; $0.mail = mail }) { app, settings in
            let (teacher, school) = try await demoTeacher(on: app)
            let run = uniqueLetters()
            let head = "kepsek.\(run)@sekolah.example.go.id", busy = "sibuk-sekali@\(run)x.example.go.id", refused = "tolak@\(run)x.example.go.id"
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            try await Self.addSupervisor("kepsek.hilir", nip: school.headNIP, email: head, by: &admin)
            try await Self.addSupervisor("wakasek.hilir", unit: school.code ?? school.name, email: busy, by: &admin)
            try await Self.addSupervisor("tu.hilir", unit: school.code ?? school.name, email: refused, by: &admin)

            var citizen = WebClient(app)
            let (form, type) = multipart([("deskripsi", "Guru \(teacher.name) memasang baliho pasangan calon di pagar sekolah."), ("nip_asn", teacher.nip)], files: [])
            #expect(try await citizen.send(.POST, "/lapor", body: form, contentType: type).status == .seeOther)
            let report = try #require(try await ReportModel.query(on: app.db).first())
            let opened = try await admin.send(.POST, "/kasus/laporan/\(report.id!.uuidString.lowercased())/verifikasi",
                                              form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": teacher.nip])
            let casePath = try #require(opened.headers.first(name: .location))
            let number = try #require(try await CaseModel.query(on: app.db).first()).number

            let deliverer = OutboxDeliverer(mailer: try .smtp(mail.smtp), settings: mail, vault: try settings.makeVault(on: app.db))
            #expect(try await deliverer.deliverDue(now: clock.now, on: app.db) == .init(sent: 1, retried: 1, failed: 1))
            let message = try #require(try TestSMTPServer.deliveredMessages().first { $0.recipient == head })
            #expect(message.body.contains("Kasus \(number)") || message.body.contains("nomor kasus \(number)"))
            #expect(message.body.contains("Buka: https://netra.example.go.id\(casePath)"))
            #expect(!message.body.contains(teacher.name) && !message.body.contains(teacher.nip))

            let deliveries = try await admin.send(.GET, "/pengiriman").body.string
            #expect(deliveries.contains("Terkirim") && deliveries.contains("Gagal") && deliveries.contains("550"))
            #expect(deliveries.contains("Menunggu") && deliveries.contains("451") && deliveries.contains("Dicoba lagi 7 Oktober 2024 pukul 09.01 WIB"))
            #expect(try await deliverer.deliverDue(now: clock.now, on: app.db) == .init())

            clock.set("2024-10-07T02:01:30Z")
            #expect(try await deliverer.deliverDue(now: clock.now, on: app.db) == .init(sent: 1, retried: 0, failed: 0))
            #expect(try TestSMTPServer.deliveredMessages().contains { $0.recipient == busy })
            #expect(try TestSMTPServer.deliveredMessages().filter { $0.recipient == head }.count == 1)

            // The head sees the case first, and the notification under it.
            var kepsek = WebClient(app)
            try await kepsek.login("kepsek.hilir", "sandi-awal-yang-panjang")
            _ = try await kepsek.send(.POST, "/akun", form: ["csrf": kepsek.csrf!, "lama": "sandi-awal-yang-panjang",
                                                             "baru": "sandi-baru-kepala-sekolah", "ulang": "sandi-baru-kepala-sekolah"])
            let inbox = try await kepsek.send(.GET, "/tindakan").body.string
            #expect(inbox.contains("Pemberitahuan terbaru") && inbox.contains("Kasus baru") && inbox.contains(casePath))
            #expect(!inbox.contains("belum memiliki alamat e-mail"))
        }
    }

    @Test("an account sets or clears its own address, a wrong one is refused with the reason; only the admin sees deliveries")
    func addressesAndDeliveryPage() async throws {
        try await withDemoApp { app in
            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            // A head linked to a NIP starts with the registry's address; clearing it leaves notifications in Netra only.
            #expect(!(try await head.send(.GET, "/tindakan").body.string.contains("belum memiliki alamat e-mail")))
            _ = try await head.send(.POST, "/akun/email", form: ["csrf": head.csrf!, "email": ""])
            #expect(try await head.send(.GET, "/tindakan").body.string.contains("belum memiliki alamat e-mail"))
            let wrong = try await head.send(.POST, "/akun/email", form: ["csrf": head.csrf!, "email": "kadisdik.gmail.com"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Alamat e-mail &quot;kadisdik.gmail.com&quot; tidak sah") && wrong.body.string.contains(#"value="kadisdik.gmail.com""#))
            let saved = try await head.send(.POST, "/akun/email", form: ["csrf": head.csrf!, "email": "Kadisdik@Pemkab.example.go.id"])
            #expect(saved.headers.first(name: .location) == "/akun?email=1")
            #expect(try await head.send(.GET, "/akun?email=1").body.string.contains(#"value="kadisdik@pemkab.example.go.id""#))
            #expect(!(try await head.send(.GET, "/tindakan").body.string.contains("belum memiliki alamat e-mail")))
            #expect(try await head.send(.GET, "/pengiriman").status == .forbidden)

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let page = try await admin.send(.GET, "/pengiriman")
            #expect(page.status == .ok && page.body.string.contains("Server SMTP belum diatur"))
            #expect(try await admin.send(.GET, "/pengiriman?status=entah").status == .badRequest)
            #expect(try await admin.send(.GET, "/pengiriman?offset=-1").status == .badRequest)
        }
    }

    @Test("mail settings that cannot work stop the start with the setting named")
    func mailSettingsChecked() throws {
        let base = ["NETRA_SMTP_HOST": "smtp.example.go.id", "NETRA_SMTP_FROM": "netra@example.go.id", "NETRA_PUBLIC_URL": "https://netra.example.go.id"]
        #expect(try MailSettings.fromEnvironment([:]) == nil)
        let settings = try #require(try MailSettings.fromEnvironment(base))
        #expect(settings.smtp.port == 587 && settings.smtp.security == .startTLS)
        #expect(try MailSettings.fromEnvironment(base.merging(["NETRA_SMTP_SECURITY": "tls"]) { $1 })?.smtp.port == 465)
        func problem(_ changes: [String: String]) -> String {
            do { _ = try MailSettings.fromEnvironment(base.merging(changes) { $1 }); return "" } catch { return "\(error)" }
        }
        #expect(problem(["NETRA_SMTP_FROM": ""]).contains("NETRA_SMTP_FROM"))
        #expect(problem(["NETRA_PUBLIC_URL": "netra.example.go.id"]).contains("NETRA_PUBLIC_URL"))
        #expect(problem(["NETRA_SMTP_SECURITY": "ssl"]).contains("starttls, tls atau none"))
        #expect(problem(["NETRA_SMTP_PORT": "99999"]).contains("NETRA_SMTP_PORT"))
        #expect(problem(["NETRA_SMTP_SECURITY": "none", "NETRA_SMTP_USER": "netra"]).contains("tanpa enkripsi"))
    }
}

/// A reporter who asks to hear about their report's status gets it by e-mail, and nothing more.
@Suite("The reporter's chosen e-mail", .serialized)
struct ReporterEmailTests {
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [MailMessage] = []
        var mailer: Mailer { Mailer { [self] message in lock.withLock { messages.append(message) } } }
        var sent: [MailMessage] { lock.withLock { messages } }
    }

    @Test("opting in needs an e-mail contact; triage and a visible status change are e-mailed, inner steps are not; the address stays hidden")
    func reporterOptIn() async throws {
        let recorder = Recorder()
        let mail = MailSettings(smtp: SMTPConfiguration(host: "smtp.invalid", port: 587, sender: try MailAddress("netra@bkpsdm.example.go.id")),
                                publicURL: "https://netra.example.go.id")
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock; $0.mail = mail; $0.mailer = recorder.mailer }) { app, settings in
            let (teacher, _) = try await demoTeacher(on: app)
            let description = "Guru \(teacher.name) memasang baliho pasangan calon di pagar sekolah."
            var citizen = WebClient(app)
            let (phoneForm, phoneType) = multipart([("deskripsi", description), ("pelapor_kontak", "0812 3456 7890"), ("kabari", "ya")], files: [])
            let refused = try await citizen.send(.POST, "/lapor", body: phoneForm, contentType: phoneType)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("isi kontak dengan alamat e-mail yang sah") && refused.body.string.contains(#"value="ya" checked"#))
            let (form, type) = multipart([("deskripsi", description), ("nip_asn", teacher.nip), ("pelapor_kontak", "warga.peduli@contoh.id"),
                                          ("kabari", "ya")], files: [])
            #expect(try await citizen.send(.POST, "/lapor", body: form, contentType: type).status == .seeOther)
            let (quiet, quietType) = multipart([("deskripsi", "Laporan lain tanpa permintaan kabar, tentang baliho di kantor."),
                                                ("pelapor_kontak", "diam@contoh.id")], files: [])
            #expect(try await citizen.send(.POST, "/lapor", body: quiet, contentType: quietType).status == .seeOther)

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let reports = try await ReportModel.query(on: app.db).sort(\.$receivedAt).all()
            let opened = try await admin.send(.POST, "/kasus/laporan/\(reports[0].id!.uuidString.lowercased())/verifikasi",
                                              form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": teacher.nip])
            let casePath = try #require(opened.headers.first(name: .location))
            _ = try await admin.send(.POST, "/kasus/laporan/\(reports[1].id!.uuidString.lowercased())/tolak",
                                     form: ["csrf": admin.csrf!, "alasan": "Tidak ada ASN yang dapat dikenali dari laporan ini."])
            // The summons is an inner step: the reporter's page says the same as before.
            _ = try await admin.send(.POST, "\(casePath)/langkah", form: ["csrf": admin.csrf!, "langkah": "summon", "jam_periksa": "09.00", "nip_pemeriksa": demoExaminerNIP, "tanggal_periksa": "2024-10-21", "tempat": "Aula"])

            let deliverer = OutboxDeliverer(mailer: recorder.mailer, settings: mail, vault: try settings.makeVault(on: app.db))
            #expect(try await deliverer.deliverDue(now: clock.now, on: app.db).sent >= 1)
            let toReporter = recorder.sent.filter { $0.to.address == "warga.peduli@contoh.id" }
            let receipt = ReceiptCode(reports[0].receipt)?.grouped ?? reports[0].receipt
            #expect(toReporter.map(\.subject) == ["Status laporan Anda: Sedang diperiksa oleh atasan ASN yang dilaporkan"])
            #expect(toReporter.first?.body.contains("kode \(receipt)") == true && toReporter.first?.body.contains("https://netra.example.go.id/lapor/status") == true)
            #expect(toReporter.first.map { !$0.body.contains(teacher.name) && !$0.body.contains("baliho") } == true)
            #expect(!recorder.sent.contains { $0.to.address == "diam@contoh.id" })
            let deliveries = try await admin.send(.GET, "/pengiriman").body.string
            #expect(deliveries.contains("Pelapor") && !deliveries.contains("warga.peduli@contoh.id"))
        }
    }
}
