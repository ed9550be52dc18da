import FluentKit
import Foundation
import NetraCore
import NetraMail
import NetraSamples
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// #20's done-when, on a region set up as a regency would (no demo): a case reaches the school's head by e-mail
/// and tops their "Perlu tindakan"; a missed deadline moves it to the kepala dinas, who is e-mailed, while the head
/// is told it was taken over; a case about the kepala dinas goes to the PPK and stays closed to them.
@Suite("Escalation to a person, on a region without demo data", .serialized)
struct EscalationJourneyTests {
    /// Where this test's messages are read: the real SMTP server's spool when `.ci/run` started one, or
    /// what a recording mailer was handed.
    final class Mailbox: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [MailMessage] = []
        let usesRealServer = TestSMTPServer.isAvailable

        var mailer: Mailer? {
            usesRealServer ? nil : Mailer { [self] message in lock.withLock { recorded.append(message) } }
        }

        func settings() throws -> MailSettings {
            if usesRealServer { return try NotificationDeliveryTests.mailSettings() }
            return MailSettings(smtp: SMTPConfiguration(host: "smtp.invalid", port: 587, sender: try MailAddress("netra@bkpsdm.example.go.id")),
                                publicURL: "https://netra.example.go.id")
        }

        /// Subjects of the messages to `address`, in the order sent.
        func subjects(to address: String) throws -> [String] {
            if usesRealServer {
                return try TestSMTPServer.deliveredMessages().filter { $0.recipient == address }.map { message in
                    message.body.components(separatedBy: "\r\n").dropFirst(2).first ?? ""
                }
            }
            return lock.withLock { recorded.filter { $0.to.address == address }.map(\.body) }
                .map { $0.components(separatedBy: "\n").dropFirst(2).first ?? "" }
        }
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../NetraCoreTests/Fixtures/registry/\(name)").standardized.path
    }

    @Test("teacher's case: e-mailed to the school head, escalated to the kepala dinas after the deadline; the kepala dinas's own case goes to the PPK")
    func journey() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        let mailbox = Mailbox()
        let mail = try mailbox.settings()
        try await withDemoApp(adjust: { $0.seedDemo = false; $0.clock = clock.webClock; $0.mail = mail; $0.mailer = mailbox.mailer }) { app, settings in
            _ = try await UnitTreeImporter(database: app.db, actor: "uji").run(try FileByteSource(path: Self.fixture("units-dev.csv")))
            _ = try await RegistryImporter(database: app.db).run(try FileByteSource(path: Self.fixture("asn-dev-clean.csv")))
            let school = try #require(try await UnitModel.query(on: app.db).filter(\.$code == "2.01.02.01").first())
            let teacher = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == school.id!).first())
            let kadisdikNIP = "196907312000102006"

            let run = uniqueLetters()
            let headAddress = "kepsek.\(run)@sdn1.example.go.id", dinasAddress = "kadisdik.\(run)@disdik.example.go.id",
                ppkAddress = "bupati.\(run)@pemkab.example.go.id"
            let accounts = AccountStore(database: app.db, hashPassword: { [passwords = app.password] in try passwords.hash($0) })
            for request in [
                AccountRequest(username: "admin.bkpsdm", role: .admin, password: "sandi-admin-bkpsdm"),
                AccountRequest(username: "kepsek.sdn1", role: .supervisor, password: "sandi-kepala-sekolah", displayName: "Kepala SDN 1",
                               unit: "2.01.02.01", email: headAddress),
                AccountRequest(username: "kadisdik", role: .supervisor, password: "sandi-kepala-dinas", nip: kadisdikNIP, email: dinasAddress),
                AccountRequest(username: "bupati", role: .ppk, password: "sandi-bupati-daerah", displayName: "Bupati", email: ppkAddress),
            ] { try await accounts.add(request, by: "uji") }
            let deliverer = OutboxDeliverer(mailer: try mailbox.mailer ?? .smtp(mail.smtp), settings: mail, vault: try settings.makeVault(on: app.db))

            var admin = WebClient(app)
            try await admin.login("admin.bkpsdm", "sandi-admin-bkpsdm")
            let teacherCase = try await ConflictOfInterestTests.openCase(about: teacher.nip, app: app, admin: &admin)
            let number = try #require(try await CaseModel.query(on: app.db).filter(\.$asnNIP == teacher.nip).first()).number
            _ = try await deliverer.deliverDue(now: clock.now, on: app.db)
            #expect(try mailbox.subjects(to: headAddress).count == 1)
            #expect(try mailbox.subjects(to: headAddress).first?.contains("nomor kasus \(number) telah diverifikasi dan ditugaskan kepada Anda") == true)

            var head = WebClient(app)
            try await head.login("kepsek.sdn1", "sandi-kepala-sekolah")
            let items = try JSONDecoder().decode([InboxItem].self, from: Data(try await head.send(.GET, "/api/v1/inbox").body.readableBytesView))
            // The case tops their case steps (a supervision statement due today may come before it).
            #expect(items.first { $0.kind == .caseStep }?.link == teacherCase)
            #expect(try await head.send(.GET, teacherCase).body.string.contains("Ditangani oleh</dt><dd>Kepala SDN 1 Harapan Hilir"))

            // Five working days pass without a summons.
            clock.set("2024-10-15T02:00:00Z")
            let outcome = try await DeadlineJob.run(today: clock.webClock.today, workingDays: try WorkingDays.bundled(), at: clock.now, on: app.db)
            #expect(outcome.escalations == 1)
            _ = try await deliverer.deliverDue(now: clock.now, on: app.db)
            #expect(try mailbox.subjects(to: dinasAddress).last?.contains("Kasus \(number) melewati tenggat 14 Oktober 2024 tanpa tindak lanjut dan kini menjadi tanggung jawab Anda") == true)
            #expect(try mailbox.subjects(to: headAddress).last?.contains("telah dialihkan kepada atasan satu tingkat di atas Anda") == true)

            let taken = try await head.send(.GET, teacherCase).body.string
            #expect(taken.contains("Kasus ini telah diambil alih oleh") && taken.contains("tenggat 14 Oktober 2024"))
            #expect(!taken.contains(#"name="langkah""#))
            var dinas = WebClient(app)
            try await dinas.login("kadisdik", "sandi-kepala-dinas")
            let dinasItems = try JSONDecoder().decode([InboxItem].self, from: Data(try await dinas.send(.GET, "/api/v1/inbox").body.readableBytesView))
            #expect(dinasItems.first { $0.kind == .caseStep }?.link == teacherCase)
            let dinasPage = try await dinas.send(.GET, teacherCase).body.string
            #expect(dinasPage.contains("tenggat 14 Oktober 2024 terlewati, dialihkan dari Kepala SDN 1 Harapan Hilir kepada Kepala Dinas Pendidikan dan Kebudayaan"))
            #expect(dinasPage.contains(#"value="summon""#) && !dinasPage.contains("Kasus ini telah diambil alih"))
            #expect(try await dinas.send(.GET, "/tindakan").body.string.contains("Kasus dialihkan kepada Anda"))
            let audit = try await AuditLog.records(subject: "case:\(teacherCase.split(separator: "/").last!)", on: app.db).map(\.action)
            #expect(audit.contains("case.escalated"))

            // A case about the kepala dinas goes past them, to the PPK.
            let ownCase = try await ConflictOfInterestTests.openCase(about: kadisdikNIP, app: app, admin: &admin)
            _ = try await deliverer.deliverDue(now: clock.now, on: app.db)
            #expect(try mailbox.subjects(to: ppkAddress).count == 1)
            #expect(try await dinas.send(.GET, ownCase).status == .forbidden)
            #expect(try mailbox.subjects(to: dinasAddress).count == 1)
        }
    }
}
