import Crypto
import FluentKit
import Foundation
import NetraCore
import SQLKit
import Testing
@testable import NetraStore

@Suite("Reports become cases and cases are recorded faithfully", .serialized)
struct CaseStoreTests {
    static let admin = CaseActor(userID: UUID(), name: "Tim Netralitas", role: .admin)
    static let context = CaseContext(workingDays: try! WorkingDays.bundled(), allowedSanctions: [.disiplinBerat, .etik])
    static let day = LocalDate(year: 2024, month: 10, day: 7)!
    static let examiner = Official(position: "Kepala Bidang Pengembangan Sumber Daya Manusia", name: "Drs. Yohanes Lambung", nip: "197502142000031002",
                                   rank: "Pembina (IV/a)")
    static let summons = CaseEvent.summon(examinationOn: LocalDate(year: 2024, month: 10, day: 21)!, at: TimeOfDay(hour: 9, minute: 30)!,
                                          place: "Aula BKPSDM", examiner: examiner)
    static let examination = CaseEvent.examine(minutes: "Terperiksa mengakui memasang baliho di pagar rumahnya.",
                                               exchanges: [Case.Exchange(question: "Apakah Saudara memasang baliho itu?", answer: "Ya, atas permintaan kerabat.")],
                                               examiner: examiner)

    static func seededReport(about nip: String?, on host: StoreHost, text: String = "Guru memasang baliho paslon 2 di pagar rumah.") async throws -> UUID {
        let vault = try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                                      key: try EvidenceKey(base64: EvidenceKey.generate()))
        var random = SeededRandom(seed: UInt64.random(in: 1...1_000_000))
        _ = try await ReportStore.submit(ReportSubmission(description: text, asnNIP: nip), files: [], source: .publicForm,
                                         suggested: [.alatPeraga], vault: vault, at: Date(), random: &random, on: host.database)
        return try #require(try await ReportModel.query(on: host.database).sort(\.$receivedAt, .descending).first()?.id)
    }

    @Test("a case about an acting head named on an account goes past their unit to the one above")
    func actingHeadRoutedPast() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, school) = try await Self.teacherAndHead(on: host.database)
            let acting = UserModel(username: "plt.kepsek", passwordHash: "x", displayName: "Plt. Kepala Sekolah", role: .supervisor,
                                   unitID: school.id, asnNIP: teacher.nip)
            try await acting.create(on: host.database)
            let model = try await CaseStore.open(reportID: try await Self.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                 asnNIP: teacher.nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            #expect(model.assigneeUnitID == school.parentID)
        }
    }

    @Test("the public figures count an open case past its deadline as 'melewati batas waktu', and not before")
    func overdueInPublicFigures() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, _) = try await Self.teacherAndHead(on: host.database)
            let model = try await CaseStore.open(reportID: try await Self.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                 asnNIP: teacher.nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            let due = try #require(model.dueOn.flatMap(LocalDate.init(iso8601:)))
            let calendar = try ElectionCalendar.bundled()
            let onTime = try await TransparencyQueries.counts(calendar: calendar, today: due, on: host.database).counts
            let late = try await TransparencyQueries.counts(calendar: calendar, today: due.adding(days: 1), on: host.database).counts
            #expect(late.outcomes[.overdue, default: 0] == onTime.outcomes[.overdue, default: 0] + 1)
            #expect(late.outcomes[.inProgress, default: 0] == onTime.outcomes[.inProgress, default: 0] - 1)
            #expect(PublicOutcome(status: .closed, decided: nil, pastDeadline: true) == .inProgress)
            #expect(PublicOutcome(status: .recommended, decided: nil, pastDeadline: true).title == "Masih diproses, melewati batas waktu")
        }
    }

    static func teacherAndHead(on database: any Database) async throws -> (teacher: ASNModel, school: UnitModel) {
        let school = try #require(try await UnitModel.query(on: database).filter(\.$name == "SDN 1 Harapan Hilir").first())
        let teacher = try #require(try await ASNModel.query(on: database).filter(\.$unitID == school.id!).filter(\.$nip != school.headNIP!).first())
        return (teacher, school)
    }

    @Test("a verified report opens a numbered case routed to the reported person's head; a head's case goes one level up")
    func openAndRoute() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, school) = try await Self.teacherAndHead(on: host.database)
            let model = try await CaseStore.open(reportID: try await Self.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                 asnNIP: teacher.nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            #expect(model.number == "NTR-2024-0001")
            #expect(model.assigneeUnitID == school.id && model.status == "verified" && model.asnName == teacher.name)
            #expect(try await ReportModel.find(model.reportID, on: host.database)?.status == "case_opened")

            let headCase = try await CaseStore.open(reportID: try await Self.seededReport(about: school.headNIP, on: host), behaviours: [.medsosDukungan],
                                                    asnNIP: school.headNIP, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            #expect(headCase.number == "NTR-2024-0002" && headCase.assigneeUnitID == school.parentID)

            await #expect(throws: CaseStore.Problem.alreadyTriaged) {
                _ = try await CaseStore.open(reportID: model.reportID!, behaviours: [.alatPeraga], asnNIP: nil, actor: Self.admin,
                                             context: Self.context, today: Self.day, at: Date(), on: host.database)
            }
            // Another unit's supervisor sees neither case.
            let health = try #require(try await UnitModel.query(on: host.database).filter(\.$name == "Dinas Kesehatan").first())
            #expect(try await CaseStore.list(scope: .subtree(path: health.path), on: host.database).isEmpty)
            #expect(try await CaseStore.find(model.id!, scope: .subtree(path: health.path), on: host.database) == nil)
            #expect(try await CaseStore.list(scope: .subtree(path: school.path), on: host.database).count == 2)
        }
    }

    @Test("a supervisor's scope leaves out cases about themselves and the heads above them, in lists, look-ups and figures")
    func supervisorScope() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, school) = try await Self.teacherAndHead(on: host.database)
            let bidang = try #require(try await UnitModel.find(school.parentID, on: host.database))
            var opened: [String: CaseModel] = [:]
            for nip in [teacher.nip, school.headNIP!, bidang.headNIP!] {
                opened[nip] = try await CaseStore.open(reportID: try await Self.seededReport(about: nip, on: host), behaviours: [.alatPeraga], asnNIP: nip,
                                                       actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            }
            // The school's head: sees the teacher's case only.
            let principal = try await CaseStore.supervisorScope(unitPath: school.path, nip: school.headNIP, on: host.database)
            #expect(try await CaseStore.list(scope: principal, on: host.database).map(\.asnNIP) == [teacher.nip])
            #expect(try await CaseStore.find(opened[school.headNIP!]!.id!, scope: principal, on: host.database) == nil)
            // Someone supervising the school without being its head still may not judge the school's or the bidang's head.
            let deputy = try await CaseStore.supervisorScope(unitPath: school.path, nip: teacher.nip, on: host.database)
            #expect(try await CaseStore.list(scope: deputy, on: host.database).isEmpty)
            // The bidang's head: the teacher's and the school head's cases, not their own.
            let head = try await CaseStore.supervisorScope(unitPath: bidang.path, nip: bidang.headNIP, on: host.database)
            #expect(Set(try await CaseStore.list(scope: head, on: host.database).compactMap(\.asnNIP)) == [teacher.nip, school.headNIP!])
            let figures = try await CaseFigures.load(scope: head, calendar: try ElectionCalendar.bundled(), on: host.database)
            #expect(figures.byStatus.map(\.count).reduce(0, +) == 2)
            // Steps: the school head's case is assigned to the bidang, out of the school's reach.
            #expect(try await CaseStore.isAssigned(opened[school.headNIP!]!, within: bidang.path, on: host.database))
            #expect(try await !CaseStore.isAssigned(opened[school.headNIP!]!, within: school.path, on: host.database))
        }
    }

    @Test("the whole workflow issues numbered letters and an intact audit trail; an edited record is detected")
    func workflowAndAudit() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let setup = try await AuditEventModel.query(on: host.database).count()
            let (teacher, _) = try await Self.teacherAndHead(on: host.database)
            let opened = try await CaseStore.open(reportID: try await Self.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                  asnNIP: teacher.nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            let steps: [(CaseEvent, LocalDate)] = [
                (Self.summons, Self.day),
                (Self.examination, LocalDate(year: 2024, month: 10, day: 21)!),
                (.recommend(level: .disiplinBerat, reasoning: "Memasang alat peraga kampanye."), LocalDate(year: 2024, month: 10, day: 25)!),
                (.decide(penalty: .demotion, decreeNumber: "800.1.6.4/1/2024", signer: "Bupati"), LocalDate(year: 2024, month: 11, day: 4)!),
            ]
            for (event, day) in steps {
                _ = try await CaseStore.apply(event, to: opened.id!, actor: Self.admin, on: day, context: Self.context,
                                              at: Date(), database: host.database)
            }
            let letters = try await CaseStore.letters(caseID: opened.id!, on: host.database)
            // The BKPSDM's series runs without gaps; the decision carries the number of the PPK's decree register.
            #expect(letters.map(\.number) == (1...3).map { "800.1.10.4/\($0)/BKPSDM/PKAP/2024" } + ["800.1.6.4/1/2024"])
            #expect(letters.map(\.kind) == ["surat_panggilan", "berita_acara_pemeriksaan", "rekomendasi", "keputusan"])
            // Each letter is kept as composed, and its verification page vouches for exactly that composition.
            for letter in letters {
                let content = try #require(letter.content)
                #expect(letter.sha256 == SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined())
                let code = try #require(letter.verificationCode)
                let verified = try #require(try await CaseStore.verifiedLetter(code: code, on: host.database))
                #expect(verified.number == letter.number && verified.sha256 == letter.sha256 && verified.status == .valid)
            }
            let model = try #require(try await CaseModel.find(opened.id!, on: host.database))
            let decree = try await CaseStore.printedLetter(letters[3], of: model, on: host.database).letter
            #expect(decree.name == "Keputusan Bupati Sungai Harapan")
            #expect(decree.blocks.contains { $0.text?.contains("penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan") == true })
            #expect(decree.blocks.contains { $0.text?.contains("Berita Acara Pemeriksaan Nomor 800.1.10.4/2/BKPSDM/PKAP/2024") == true
                || $0.items.contains { $0.contains("Berita Acara Pemeriksaan Nomor 800.1.10.4/2/BKPSDM/PKAP/2024") } })
            #expect(try await CaseStore.verifiedLetter(code: LetterVerification.newCode(), on: host.database) == nil)
            #expect(try await AuditLog.verify(on: host.database) == .intact(count: setup + 6))

            await #expect(throws: CaseStore.Problem.self) {
                _ = try await CaseStore.apply(.close, to: opened.id!, actor: Self.admin, on: LocalDate(year: 2024, month: 11, day: 5)!,
                                              context: Self.context, at: Date(), database: host.database)
            }
            let sql = host.database as! any SQLDatabase
            try await sql.raw("UPDATE audit_events SET actor = 'orang lain' WHERE sequence = 3").run()
            guard case .broken(let sequence, _) = try await AuditLog.verify(on: host.database) else { Issue.record("tampering not detected"); return }
            #expect(sequence == 3)
        }
    }

    @Test("a decree number from the PPK's register is used once")
    func decreeNumberOnce() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, school) = try await Self.teacherAndHead(on: host.database)
            func decide(_ nip: String, number: String) async throws {
                let opened = try await CaseStore.open(reportID: try await Self.seededReport(about: nip, on: host), behaviours: [.alatPeraga],
                                                      asnNIP: nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
                let steps: [(CaseEvent, LocalDate)] = [
                    (Self.summons, Self.day), (Self.examination, LocalDate(year: 2024, month: 10, day: 21)!),
                    (.recommend(level: .disiplinBerat, reasoning: "Memasang alat peraga kampanye."), LocalDate(year: 2024, month: 10, day: 25)!),
                    (.decide(penalty: .demotion, decreeNumber: number, signer: "Bupati"), LocalDate(year: 2024, month: 11, day: 4)!),
                ]
                for (event, day) in steps {
                    _ = try await CaseStore.apply(event, to: opened.id!, actor: Self.admin, on: day, context: Self.context, at: Date(), database: host.database)
                }
            }
            try await decide(teacher.nip, number: "800.1.6.4/7/2024")
            await #expect(throws: CaseStore.Problem.decreeNumberTaken("800.1.6.4/7/2024")) { try await decide(try #require(school.headNIP), number: "800.1.6.4/7/2024") }
        }
    }

    @Test("letters issued at the same time get distinct numbers without gaps")
    func concurrentLetters() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, _) = try await Self.teacherAndHead(on: host.database)
            let opened = try await CaseStore.open(reportID: try await Self.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                  asnNIP: teacher.nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            let database = host.database
            let caseID = opened.id!
            let summoned = try CaseStore.state(of: opened).applying(Self.summons, on: Self.day, context: Self.context)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        try await database.transaction { db in
                            let model = try #require(try await CaseModel.find(caseID, on: db))
                            _ = try await CaseStore.issueLetter(.summons, for: model, state: summoned, on: Self.day, on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let sequences = try await CaseStore.letters(caseID: caseID, on: database).map(\.sequence).sorted()
            #expect(sequences == Array(1...24))
        }
    }

    @Test("a rejected report tells the reporter why, and duplicates are flagged")
    func rejectAndDuplicates() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let (teacher, _) = try await Self.teacherAndHead(on: host.database)
            let first = try await Self.seededReport(about: teacher.nip, on: host)
            let second = try await Self.seededReport(about: teacher.nip, on: host, text: "Laporan lain tentang orang yang sama pekan ini.")
            let secondModel = try #require(try await ReportModel.find(second, on: host.database))
            let hints = try await CaseStore.duplicates(of: secondModel, on: host.database)
            #expect(hints.map(\.reason) == ["ASN yang sama dalam 14 hari"])
            try await CaseStore.reject(reportID: first, reason: "Bukan ASN: yang bersangkutan tenaga honorer.", actor: Self.admin, at: Date(), on: host.database)
            let rejected = try #require(try await ReportModel.find(first, on: host.database))
            let view = try await ReportStore.statusView(of: rejected, on: host.database)
            #expect(view.status == "rejected" && view.rejectionReason == "Bukan ASN: yang bersangkutan tenaga honorer.")
        }
    }

    @Test("the deadline job reminds once before the deadline and escalates once after it, even when two instances run it together")
    func deadlineJob() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let setup = try await AuditEventModel.query(on: host.database).count()
            let (teacher, school) = try await Self.teacherAndHead(on: host.database)
            let opened = try await CaseStore.open(reportID: try await Self.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                  asnNIP: teacher.nip, actor: Self.admin, context: Self.context, today: Self.day, at: Date(), on: host.database)
            #expect(opened.dueOn == "2024-10-14")
            let days = try WorkingDays.bundled()
            #expect(try await DeadlineJob.run(today: LocalDate(year: 2024, month: 10, day: 9)!, workingDays: days, at: Date(), on: host.database) == .init())
            let friday = LocalDate(year: 2024, month: 10, day: 11)!
            #expect(try await DeadlineJob.run(today: friday, workingDays: days, at: Date(), on: host.database) == .init(reminders: 1, escalations: 0))
            #expect(try await DeadlineJob.run(today: friday, workingDays: days, at: Date(), on: host.database) == .init())

            let overdue = LocalDate(year: 2024, month: 10, day: 15)!
            let database = host.database
            let outcomes = try await withThrowingTaskGroup(of: DeadlineJob.Outcome.self) { group in
                for _ in 0..<3 { group.addTask { try await DeadlineJob.run(today: overdue, workingDays: days, at: Date(), on: database) } }
                return try await group.reduce(into: [DeadlineJob.Outcome]()) { $0.append($1) }
            }
            #expect(outcomes.map(\.escalations).reduce(0, +) == 1)
            let escalated = try #require(try await CaseModel.find(opened.id!, on: host.database))
            #expect(escalated.assigneeUnitID == school.parentID && escalated.escalations == 1)
            let notifications = try await NotificationModel.query(on: host.database).all()
            // Neither the school nor the unit above it has an account in the demo: the kepala dinas acts for both,
            // and is told the case is now theirs, not also that it was taken from them.
            #expect(notifications.map(\.kind).sorted() == ["assignment", "escalation", "reminder"])
            // The unit above the school has no account in the demo: the kepala dinas above it is told.
            let kadisdik = try #require(try await UserModel.query(on: host.database).filter(\.$username == "kadisdik").first())
            #expect(notifications.first { $0.kind == "escalation" }?.unitID == kadisdik.unitID)
            #expect(try await AuditLog.verify(on: host.database) == .intact(count: setup + 4))
        }
    }

    @Test("duplicates are also found by shared evidence and by near-identical text, and a distant look-alike is not")
    func duplicateReasons() async throws {
        try await TestStore.withStore { host in
            let vault = try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                                          key: try EvidenceKey(base64: EvidenceKey.generate()))
            let photo = EvidenceFile(name: "baliho.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0] + Array("foto yang sama".utf8), type: .jpeg)
            var random = SeededRandom(seed: 5)
            let text = "Kepala sekolah memasang baliho pasangan calon nomor urut 2 di pagar sekolah dasar negeri."
            let now = Date()
            func submit(_ description: String, files: [EvidenceFile], at date: Date) async throws -> ReportModel {
                let receipt = try await ReportStore.submit(ReportSubmission(description: description), files: files, source: .publicForm,
                                                           suggested: [], vault: vault, at: date, random: &random, on: host.database)
                return try #require(try await ReportModel.query(on: host.database).filter(\.$receipt == receipt.receipt.filter(\.isNumber)).first())
            }
            let first = try await submit(text, files: [photo], at: now)
            let samePhoto = try await submit("Laporan lain dengan foto yang sama dari warga.", files: [photo], at: now)
            let sameText = try await submit(text + " Mohon ditindak.", files: [], at: now.addingTimeInterval(86_400))
            let longAgo = try await submit(text, files: [], at: now.addingTimeInterval(-90 * 86_400))
            let hints = try await CaseStore.duplicates(of: first, on: host.database)
            let byReceipt = Dictionary(uniqueKeysWithValues: hints.map { ($0.receipt, $0.reason) })
            #expect(byReceipt[ReceiptCode(samePhoto.receipt)!.grouped] == "berkas bukti yang sama")
            #expect(byReceipt[ReceiptCode(sameText.receipt)!.grouped] == "uraian hampir sama")
            #expect(byReceipt[ReceiptCode(longAgo.receipt)!.grouped] == nil)
            #expect(hints.count == 2)
        }
    }
}
