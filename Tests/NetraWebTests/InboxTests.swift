import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
@testable import NetraWeb
import VaporTesting

/// #20 item 1: "Perlu tindakan saya", the first page after sign-in.
@Suite("What waits on me", .serialized)
struct InboxTests {
    @Test("a report waits on the admin, the verified case on the kepala dinas (most urgent first, overdue in red), the decision on the PPK; the reported head sees none of it")
    func journey() async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            let (teacher, _) = try await demoTeacher(on: app)
            var citizen = WebClient(app)
            let (form, type) = multipart([("deskripsi", "Guru \(teacher.name) memasang baliho pasangan calon di pagar sekolah."), ("nip_asn", teacher.nip)], files: [])
            #expect(try await citizen.send(.POST, "/lapor", body: form, contentType: type).status == .seeOther)

            var admin = WebClient(app)
            let signIn = try await admin.login("admin", "netra-admin", then: "")
            #expect(signIn.headers.first(name: .location) == "/tindakan")
            let adminInbox = try await admin.send(.GET, "/tindakan").body.string
            #expect(adminInbox.contains("Verifikasi laporan") && adminInbox.contains("Batas 16 Oktober 2024 · 7 hari kerja lagi"))
            let report = try #require(try await ReportModel.query(on: app.db).first())
            let opened = try await admin.send(.POST, "/kasus/laporan/\(report.id!.uuidString.lowercased())/verifikasi",
                                              form: ["csrf": admin.csrf!, "perilaku[]": "alat_peraga", "nip": teacher.nip])
            let casePath = try #require(opened.headers.first(name: .location))
            #expect(!(try await admin.send(.GET, "/tindakan").body.string.contains("Verifikasi laporan")))

            // The school's head has no account: the case waits on the kepala dinas above, who sees it first.
            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            let json = try await head.send(.GET, "/api/v1/inbox")
            let items = try JSONDecoder().decode([InboxItem].self, from: Data(json.body.readableBytesView))
            // The case tops their case steps (their unit's supervision statement may be due sooner).
            let first = try #require(items.first { $0.kind == .caseStep })
            #expect(first.kind == .caseStep && first.link == casePath && first.title.hasPrefix("Panggil untuk diperiksa") && first.workingDaysLeft == 5)
            // The count follows them to every page.
            #expect(try await head.send(.GET, "/registri").body.string.contains("Perlu Tindakan (\(items.count))"))
            var other = WebClient(app)
            try await other.login("kadinkes", "netra-kadinkes")
            let otherPage = try await other.send(.GET, "/tindakan").body.string
            let otherItems = try JSONDecoder().decode([InboxItem].self, from: Data(try await other.send(.GET, "/api/v1/inbox").body.readableBytesView))
            #expect(!otherPage.contains(casePath) && !otherItems.contains { $0.link == casePath })
            #expect(otherItems.isEmpty ? !otherPage.contains("Perlu Tindakan (") : otherPage.contains("Perlu Tindakan (\(otherItems.count))"))

            clock.set("2024-10-21T03:00:00Z")
            let late = try await head.send(.GET, "/tindakan").body.string
            #expect(late.contains(#"<span class="error">Batas 14 Oktober 2024 · lewat 5 hari kerja</span>"#))
            #expect(try await other.send(.GET, "/api/v1/inbox").status == .ok)
            var ppk = WebClient(app)
            try await ppk.login("bupati", "netra-ppk")
            #expect(!(try await ppk.send(.GET, "/tindakan").body.string.contains(casePath)))
            var anonymous = WebClient(app)
            #expect(try await anonymous.send(.GET, "/api/v1/inbox").status == .unauthorized)
        }
    }

    @Test("urgency: overdue first (longest first), then fewest working days, then items without a deadline")
    func ordering() throws {
        let days = try WorkingDays.bundled()
        let today = LocalDate(year: 2024, month: 10, day: 14)!
        func item(_ title: String, _ due: LocalDate?) -> InboxItem {
            InboxItem(kind: .caseStep, title: title, detail: "", link: "/", dueOn: due, today: today, workingDays: days)
        }
        let ordered = InboxItem.ordered([item("tanpa batas", nil), item("besok", today.adding(days: 1)), item("lewat lama", today.adding(days: -7)),
                                         item("lewat", today.adding(days: -1)), item("minggu depan", today.adding(days: 7))])
        #expect(ordered.map(\.title) == ["lewat lama", "lewat", "besok", "minggu depan", "tanpa batas"])
        #expect(ordered[0].overdue && ordered[0].workingDaysLeft == -5 && !ordered[2].overdue)
    }
}

@Suite("The inbox's page model")
struct InboxPageModelTests {
    @Test("each row's deadline reads as the date and the working days left, today, or how late")
    func deadlines() throws {
        let days = try WorkingDays.bundled()
        let today = LocalDate(year: 2024, month: 10, day: 14)!
        func row(_ due: LocalDate?) -> String? {
            InboxController.deadline(InboxItem(kind: .caseStep, title: "t", detail: "", link: "/", dueOn: due, today: today, workingDays: days))
        }
        #expect(row(LocalDate(year: 2024, month: 10, day: 21)!) == "Batas 21 Oktober 2024 · 5 hari kerja lagi")
        #expect(row(today) == "Batas 14 Oktober 2024 · hari ini")
        #expect(row(LocalDate(year: 2024, month: 10, day: 10)!) == "Batas 10 Oktober 2024 · lewat 2 hari kerja")
        #expect(row(nil) == nil)
    }
}
