import Testing
@testable import NetraCore

@Suite("A case moves through its steps by the book")
struct CaseTests {
    static let days = try! WorkingDays.bundled()
    static let context = CaseContext(workingDays: days, allowedSanctions: [.disiplinBerat, .etik])
    static let monday = LocalDate(year: 2024, month: 10, day: 7)!
    static let examiner = Official(position: "Kepala Bidang Pengembangan Sumber Daya Manusia", name: "Drs. Yohanes Lambung", nip: "197502142000031002")
    static let nine = TimeOfDay(hour: 9, minute: 0)!
    static func summon(_ date: LocalDate, place: String = "Aula") -> CaseEvent { .summon(examinationOn: date, at: nine, place: place, examiner: examiner) }
    static func examine(_ minutes: String) -> CaseEvent {
        .examine(minutes: minutes, exchanges: [Case.Exchange(question: "Apakah Saudara mengunggah foto itu?", answer: "Ya.")], examiner: examiner)
    }

    /// A case advanced to `status` along the happy path, with realistic dates.
    static func caseAt(_ status: CaseStatus) throws -> (Case, LocalDate) {
        var value = Case.received(on: monday, context: context)
        var date = monday
        let steps: [(CaseStatus, CaseEvent)] = [
            (.verified, .verify(behaviours: [.medsosDukungan])),
            (.summoned, Self.summon(LocalDate(year: 2024, month: 10, day: 21)!, place: "Aula BKPSDM")),
            (.examined, Self.examine("Terperiksa mengakui mengunggah foto dukungan.")),
            (.recommended, .recommend(level: .disiplinBerat, reasoning: "Unggahan dukungan pada masa kampanye.")),
            (.decided, .decide(penalty: .demotion, decreeNumber: "800.1.6.4/12/BKPSDM/2024", signer: "Bupati Sungai Harapan")),
            (.sanctionCarriedOut, .carryOutSanction),
            (.closed, .close),
        ]
        for (target, event) in steps where value.status != status {
            if case .summon = event { date = monday.adding(days: 1) }
            if case .examine = event { date = LocalDate(year: 2024, month: 10, day: 21)! }
            value = try value.applying(event, on: date, context: context)
            #expect(value.status == target)
        }
        return (value, date)
    }

    static let allowed: [(CaseStatus, String)] = [
        (.received, "verify"), (.verified, "summon"), (.summoned, "summon"), (.summoned, "examine"), (.examined, "recommend"),
        (.recommended, "decide"), (.decided, "carry_out_sanction"), (.sanctionCarriedOut, "close"),
    ]
    static let events: [CaseEvent] = [
        .verify(behaviours: [.medsosDukungan]), Self.summon(LocalDate(year: 2024, month: 12, day: 30)!, place: "Aula"),
        Self.examine("Berita acara pemeriksaan lengkap."), .recommend(level: .etik, reasoning: "Pertimbangan."),
        .decide(penalty: .openStatement, decreeNumber: "SK 1", signer: "Bupati"), .carryOutSanction, .close,
    ]

    @Test("every status accepts exactly its own next step (and dismissal) and refuses the rest",
          arguments: [CaseStatus.received, .verified, .summoned, .examined, .recommended, .decided, .sanctionCarriedOut])
    func transitionTable(status: CaseStatus) throws {
        let (value, date) = try Self.caseAt(status)
        let later = LocalDate(year: 2024, month: 12, day: 2)!
        for event in Self.events {
            let permitted = Self.allowed.contains { $0.0 == status && $0.1 == event.name }
            do {
                _ = try value.applying(event, on: max(date, later), context: Self.context)
                #expect(permitted, "\(event.name) from \(status) must be refused")
            } catch {
                #expect(!permitted || error != .notAllowed(from: status, event: event.name), "\(event.name) from \(status): \(error)")
            }
        }
        #expect(try value.applying(.dismiss(reason: "Tidak cukup bukti setelah klarifikasi."), on: date, context: Self.context).status == .dismissed)
    }

    @Test("finished cases take no further step")
    func finished() throws {
        let (closed, date) = try Self.caseAt(.closed)
        #expect(throws: CaseTransitionError.caseFinished(.closed)) { try closed.applying(.dismiss(reason: "alasan yang cukup panjang"), on: date, context: Self.context) }
        let dismissed = try Case.received(on: Self.monday, context: Self.context).applying(.dismiss(reason: "Laporan tidak berkaitan dengan ASN."), on: Self.monday, context: Self.context)
        #expect(dismissed.dueOn == nil && dismissed.dismissalReason == "Laporan tidak berkaitan dengan ASN.")
    }

    @Test("guards refuse missing or wrong data with a reason")
    func guards() throws {
        let received = Case.received(on: Self.monday, context: Self.context)
        #expect(throws: CaseTransitionError.missing("perilaku yang diduga dilanggar")) { try received.applying(.verify(behaviours: []), on: Self.monday, context: Self.context) }
        #expect(throws: CaseTransitionError.self) { try received.applying(.dismiss(reason: "singkat"), on: Self.monday, context: Self.context) }

        let (verified, _) = try Self.caseAt(.verified)
        // Served on Tue 8 Oct: seven working days later is Thu 17 Oct.
        #expect(throws: CaseTransitionError.summonsTooSoon(earliest: LocalDate(year: 2024, month: 10, day: 17)!)) {
            try verified.applying(Self.summon(LocalDate(year: 2024, month: 10, day: 10)!, place: "Aula"), on: LocalDate(year: 2024, month: 10, day: 8)!, context: Self.context)
        }
        // Nor later than 21 working days after it: Wed 6 Nov (the examination date would otherwise move the deadline at will).
        #expect(throws: CaseTransitionError.summonsTooLate(latest: LocalDate(year: 2024, month: 11, day: 6)!)) {
            try verified.applying(Self.summon(LocalDate(year: 2099, month: 1, day: 5)!, place: "Aula"), on: LocalDate(year: 2024, month: 10, day: 8)!, context: Self.context)
        }
        // Christmas Day 2024 falls inside the window but is no working day.
        #expect(throws: CaseTransitionError.examinationNotOnWorkingDay(LocalDate(year: 2024, month: 12, day: 25)!)) {
            try verified.applying(Self.summon(LocalDate(year: 2024, month: 12, day: 25)!), on: LocalDate(year: 2024, month: 12, day: 2)!, context: Self.context)
        }
        #expect(throws: DeadlinePolicy.Invalid.self) { try DeadlinePolicy.standard.overridden(by: "summons_notice=10,summons_latest=5") }
        let (summoned, _) = try Self.caseAt(.summoned)
        #expect(throws: CaseTransitionError.examinationBeforeSummonsDate(LocalDate(year: 2024, month: 10, day: 21)!)) {
            try summoned.applying(Self.examine("Berita acara pemeriksaan lengkap."), on: LocalDate(year: 2024, month: 10, day: 18)!, context: Self.context)
        }
        #expect(throws: CaseTransitionError.self) { try summoned.applying(Self.examine("pendek"), on: LocalDate(year: 2024, month: 10, day: 21)!, context: Self.context) }
        let (examined, date) = try Self.caseAt(.examined)
        #expect(throws: CaseTransitionError.sanctionNotInRulebook(.ptdh, allowed: [.disiplinBerat, .etik])) {
            try examined.applying(.recommend(level: .ptdh, reasoning: "x"), on: date, context: Self.context)
        }
        let (recommended, recommendedOn) = try Self.caseAt(.recommended)
        #expect(throws: CaseTransitionError.missing("nomor keputusan")) {
            try recommended.applying(.decide(penalty: .openStatement, decreeNumber: " ", signer: "Bupati"), on: recommendedOn, context: Self.context)
        }
        #expect(throws: CaseTransitionError.dateBeforeCurrentStep(recommendedOn)) {
            try recommended.applying(.decide(penalty: .openStatement, decreeNumber: "SK 1", signer: "Bupati"), on: recommendedOn.adding(days: -1), context: Self.context)
        }
    }

    @Test("deadlines count working days; the PPK has 14 working days after a recommendation")
    func deadlines() throws {
        let received = Case.received(on: LocalDate(year: 2024, month: 12, day: 20)!, context: Self.context)
        // 7 working days after Fri 20 Dec 2024: 23, 24, 27, 30, 31 Dec, 2, 3 Jan (25, 26 Dec and 1 Jan are off).
        #expect(received.dueOn == LocalDate(year: 2025, month: 1, day: 3)!)
        let (recommended, on) = try Self.caseAt(.recommended)
        #expect(recommended.dueOn == Self.days.adding(14, to: on))
        #expect(!recommended.isOverdue(on: Self.days.adding(14, to: on)))
        #expect(recommended.isOverdue(on: Self.days.adding(14, to: on).adding(days: 1)))
    }

    @Test("routing: the reported person's atasan, one level up for a unit head, the PPK at the top")
    func routing() {
        let path = [CaseRouting.UnitLevel(unitID: "dinas", headNIP: "H1"), .init(unitID: "bidang", headNIP: "H2"), .init(unitID: "sekolah", headNIP: "H3")]
        #expect(CaseRouting.assignee(reportedNIP: "X", path: path) == .unit("sekolah"))
        #expect(CaseRouting.assignee(reportedNIP: "H3", path: path) == .unit("bidang"))
        #expect(CaseRouting.assignee(reportedNIP: "H1", path: Array(path.prefix(1))) == .ppk)
        #expect(CaseRouting.escalate(from: .unit("sekolah"), path: path, reportedNIP: "X") == .unit("bidang"))
        #expect(CaseRouting.escalate(from: .unit("dinas"), path: path, reportedNIP: "X") == .ppk)
        let headless = [CaseRouting.UnitLevel(unitID: "dinas", headNIP: "H1"), .init(unitID: "bidang", headNIP: nil)]
        #expect(CaseRouting.assignee(reportedNIP: "X", path: headless) == .unit("dinas"))
        // An acting head named on an account (the unit's recorded head is someone else) is routed past as well.
        let acting = [CaseRouting.UnitLevel(unitID: "dinas", headNIP: "H1"), .init(unitID: "sekolah", headNIP: "H3", otherHandlers: ["P"])]
        #expect(CaseRouting.assignee(reportedNIP: "P", path: acting) == .unit("dinas"))
        #expect(CaseRouting.assignee(reportedNIP: "X", path: acting) == .unit("sekolah"))
        let actingOnly = [CaseRouting.UnitLevel(unitID: "dinas", headNIP: "H1"), .init(unitID: "sekolah", headNIP: nil, otherHandlers: ["P"])]
        #expect(CaseRouting.assignee(reportedNIP: "X", path: actingOnly) == .unit("sekolah"))
    }
}

@Suite("The audit trail shows any tampering")
struct AuditChainTests {
    static func chain(_ count: Int) -> [AuditRecord] {
        var records: [AuditRecord] = []
        for index in 1...count {
            records.append(AuditChain.seal(after: records.last, at: "2024-10-0\(index % 9 + 1)T08:00:00Z", actor: "admin",
                                           action: "case.verify", subject: "case:\(index)", details: #"{"n":\#(index)}"#))
        }
        return records
    }

    @Test("an untouched chain verifies")
    func intact() {
        #expect(AuditChain.verify(Self.chain(6)) == .intact(count: 6))
        #expect(AuditChain.verify([]) == .intact(count: 0))
    }

    @Test("an edited record is found")
    func edited() {
        var records = Self.chain(6)
        let r = records[3]
        records[3] = AuditRecord(sequence: r.sequence, at: r.at, actor: "bupati", action: r.action, subject: r.subject, details: r.details,
                                 previousHash: r.previousHash, hash: r.hash)
        #expect(AuditChain.verify(records) == .broken(sequence: 4, reason: "isi catatan telah diubah"))
    }

    @Test("a deleted record is found")
    func deleted() {
        var records = Self.chain(6)
        records.remove(at: 2)
        guard case .broken(let sequence, _) = AuditChain.verify(records) else { Issue.record("deletion not detected"); return }
        #expect(sequence == 4)
        records = Self.chain(6)
        records.removeLast()
        #expect(AuditChain.verify(records) == .intact(count: 5), "truncating the tail is visible only against the stored count")
    }

    @Test("reordered records are found")
    func reordered() {
        var records = Self.chain(6)
        records.swapAt(1, 2)
        guard case .broken = AuditChain.verify(records) else { Issue.record("reordering not detected"); return }
    }

    @Test("a re-sealed forgery does not reconnect to the next record")
    func resealed() {
        var records = Self.chain(6)
        records[2] = AuditChain.seal(after: records[1], at: records[2].at, actor: "admin", action: "case.dismiss", subject: "case:3", details: "{}")
        #expect(AuditChain.verify(records) == .broken(sequence: 4, reason: "tidak tersambung dengan catatan sebelumnya"))
    }
}

@Suite("A reporter's receipt")
struct ReceiptTests {
    @Test("codes are 16 digits with a check digit; a typo is caught")
    func codes() {
        var random = SeededRandom(seed: 1)
        for _ in 0..<500 {
            let code = ReceiptCode.generate(using: &random)
            #expect(ReceiptCode(code.grouped) == code)
            var digits = Array(code.digits)
            digits[5] = digits[5] == "9" ? "0" : Character(String(Int(String(digits[5]))! + 1))
            #expect(ReceiptCode(String(digits)) == nil)
        }
        #expect(ReceiptCode("1234") == nil)
    }

    @Test("secrets are hashed the same however they are typed")
    func secrets() {
        var random = SeededRandom(seed: 2)
        let secret = ReporterSecret.generate(using: &random)
        #expect(secret.count == 23)
        #expect(ReporterSecret.hash(secret) == ReporterSecret.hash(secret.lowercased().replacingOccurrences(of: "-", with: " ")))
        #expect(ReporterSecret.hash(secret) != ReporterSecret.hash(ReporterSecret.generate(using: &random)))
    }

    @Test("letter numbers follow the regional scheme")
    func letterNumbers() throws {
        #expect(LetterNumbering.standard.number(sequence: 7851, year: 2024) == "800.1.10.4/7851/BKPSDM/PKAP/2024")
        #expect(throws: LetterNumbering.Problem.missingSequence) { try LetterNumbering(pattern: "800/BKPSDM/{year}").validated() }
    }
}

@Suite("Deadlines are configured per step")
struct DeadlinePolicyTests {
    @Test("overrides change the named steps only, and bad text is refused with a reason")
    func overrides() throws {
        let policy = try DeadlinePolicy.standard.overridden(by: "recommended=10, summons_notice=3")
        #expect(policy.workingDays[.recommended] == 10 && policy.summonsNoticeWorkingDays == 3)
        #expect(policy.workingDays[.received] == DeadlinePolicy.standard.workingDays[.received])
        #expect(throws: DeadlinePolicy.Invalid.self) { try DeadlinePolicy.standard.overridden(by: "closed=3") }
        #expect(throws: DeadlinePolicy.Invalid.self) { try DeadlinePolicy.standard.overridden(by: "recommended=besok") }
    }
}

@Suite("The case history in words")
struct CaseTimelineTests {
    @Test("each recorded step reads as a sentence, with the letter, the deadline or the reason it carries")
    func sentences() {
        #expect(CaseTimeline.entry(action: "case.summon", actor: "supervisor:Kepala Dinas", details: #"{"from":"verified","letter":"800/1/2024","to":"summoned"}"#)
                == .init(who: "Kepala Dinas", what: "ASN dipanggil untuk diperiksa. Surat nomor 800/1/2024 terbit."))
        #expect(CaseTimeline.entry(action: "case.escalated", actor: "sistem", details: #"{"due_on":"2024-10-14","from":"a","to":"b"}"#)
                == .init(who: "Netra (otomatis)", what: "Tenggat 14 Oktober 2024 terlewati; kasus dialihkan ke atasan satu tingkat di atasnya."))
        #expect(CaseTimeline.entry(action: "case.dismiss", actor: "admin:Tim", details: #"{"reason":"Bukan ASN"}"#).what == "Kasus dihentikan: Bukan ASN")
        #expect(CaseTimeline.entry(action: "case.unknown", actor: "x", details: "rusak").what == "Perubahan tercatat (case.unknown).")
    }

    @Test("an ASN who did not appear gets a second summons, once, and only after the first one's date")
    func secondSummons() throws {
        let (summoned, _) = try CaseTests.caseAt(.summoned)
        let firstDate = LocalDate(year: 2024, month: 10, day: 21)!
        #expect(throws: CaseTransitionError.secondSummonsBeforeFirstDate(firstDate)) {
            try summoned.applying(CaseTests.summon(LocalDate(year: 2024, month: 11, day: 4)!), on: LocalDate(year: 2024, month: 10, day: 18)!, context: CaseTests.context)
        }
        let second = try summoned.applying(CaseTests.summon(LocalDate(year: 2024, month: 11, day: 4)!, place: "Ruang Inspektorat"), on: firstDate, context: CaseTests.context)
        #expect(second.status == .summoned && second.summons?.number == 2)
        #expect(second.summons?.place == "Ruang Inspektorat" && second.dueOn == LocalDate(year: 2024, month: 11, day: 4)!)
        #expect(throws: CaseTransitionError.notAllowed(from: .summoned, event: "summon")) {
            try second.applying(CaseTests.summon(LocalDate(year: 2024, month: 11, day: 20)!), on: LocalDate(year: 2024, month: 11, day: 5)!, context: CaseTests.context)
        }
        // The examination waits for the second date.
        #expect(throws: CaseTransitionError.examinationBeforeSummonsDate(LocalDate(year: 2024, month: 11, day: 4)!)) {
            try second.applying(CaseTests.examine("Terperiksa hadir pada panggilan kedua."), on: LocalDate(year: 2024, month: 11, day: 1)!, context: CaseTests.context)
        }
    }

    @Test("an ASN absent on the second summons too: the case goes on without an examination, and only then")
    func absence() throws {
        let (summoned, _) = try CaseTests.caseAt(.summoned)
        let firstDate = LocalDate(year: 2024, month: 10, day: 21)!
        #expect(throws: CaseTransitionError.notAllowed(from: .summoned, event: "record_absence")) {
            try summoned.applying(.recordAbsence, on: firstDate, context: CaseTests.context)
        }
        let second = try summoned.applying(CaseTests.summon(LocalDate(year: 2024, month: 11, day: 4)!), on: firstDate, context: CaseTests.context)
        #expect(throws: CaseTransitionError.examinationBeforeSummonsDate(LocalDate(year: 2024, month: 11, day: 4)!)) {
            try second.applying(.recordAbsence, on: LocalDate(year: 2024, month: 11, day: 1)!, context: CaseTests.context)
        }
        let absent = try second.applying(.recordAbsence, on: LocalDate(year: 2024, month: 11, day: 4)!, context: CaseTests.context)
        #expect(absent.status == .examined && absent.examination?.wasAbsent == true && absent.examination?.exchanges == [])
        // A suspected crime is passed to Gakkumdu, not recommended to the PPK.
        let context = CaseContext(workingDays: CaseTests.days, allowedSanctions: [.pidana, .disiplinBerat])
        #expect(throws: CaseTransitionError.notImposedByPPK(.pidana)) {
            try absent.applying(.recommend(level: .pidana, reasoning: "Diduga tindak pidana pemilihan."), on: LocalDate(year: 2024, month: 11, day: 5)!, context: context)
        }
    }

    @Test("an examination needs its questions and answers, each pair whole")
    func examinationExchanges() throws {
        let (summoned, _) = try CaseTests.caseAt(.summoned)
        let day = LocalDate(year: 2024, month: 10, day: 21)!
        #expect(throws: CaseTransitionError.missing("pertanyaan dan jawaban pemeriksaan (paling sedikit satu)")) {
            try summoned.applying(.examine(minutes: "Terperiksa mengakui perbuatannya.", exchanges: [], examiner: nil), on: day, context: CaseTests.context)
        }
        #expect(throws: CaseTransitionError.missing("pertanyaan dan jawaban nomor 2 (keduanya)")) {
            try summoned.applying(.examine(minutes: "Terperiksa mengakui perbuatannya.", exchanges: [.init(question: "Siapa?", answer: "Saya."), .init(question: "Kapan?", answer: " ")],
                                           examiner: nil), on: day, context: CaseTests.context)
        }
    }

    @Test("a decision names a penalty of a level the rulebook allows")
    func penalties() throws {
        let (recommended, day) = try CaseTests.caseAt(.recommended)
        #expect(throws: CaseTransitionError.sanctionNotInRulebook(.disiplinSedang, allowed: [.disiplinBerat, .etik])) {
            try recommended.applying(.decide(penalty: .allowanceCutNineMonths, decreeNumber: "SK 1", signer: "Bupati"), on: day, context: CaseTests.context)
        }
        let decided = try recommended.applying(.decide(penalty: .releaseToExecutivePosition, decreeNumber: "SK 1", signer: "Bupati"), on: day, context: CaseTests.context)
        #expect(decided.decision?.level == .disiplinBerat && decided.decision?.penalty == .releaseToExecutivePosition)
        #expect(Penalty.choices(for: [.disiplinSedang]).map(\.title).allSatisfy { $0.hasPrefix("pemotongan tunjangan kinerja sebesar 25%") })
        #expect(Penalty.choices(for: [.pidana, .administratif]).isEmpty)
    }

    @Test("times are read as typed and written the Indonesian way")
    func timesOfDay() {
        #expect(TimeOfDay(humanInput: "09.00") == TimeOfDay(hour: 9, minute: 0))
        #expect(TimeOfDay(humanInput: "13:45")?.indonesian == "13.45")
        #expect(TimeOfDay(humanInput: " 8 ")?.indonesian == "08.00")
        for bad in ["", "24.00", "9.5", "09.60", "jam 9", "9.00.00", "-1"] { #expect(TimeOfDay(humanInput: bad) == nil, "\(bad)") }
    }
}
