/// A neutrality case as a value: every change is `applying(_:on:context:)`, which checks the transition
/// and its required data and returns the next state. Storage only records what this decides.
public struct Case: Sendable, Codable, Equatable {
    public struct Summons: Sendable, Codable, Equatable {
        public let servedOn: LocalDate
        public let examinationOn: LocalDate
        public let place: String
        /// The hour to appear; nil in summonses recorded before hours were asked.
        public let time: TimeOfDay?
        /// Whom the ASN appears before ("menghadap kepada"); nil in summonses recorded before it was asked.
        public let examiner: Official?
        /// 1 for the first summons, 2 for the second, sent when the ASN did not appear (PP 94/2021 Pasal 31).
        public let round: Int?

        public var number: Int { round ?? 1 }
    }

    /// A question put at the examination and the answer given, as the berita acara records them.
    public struct Exchange: Sendable, Codable, Equatable {
        public let question: String
        public let answer: String

        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    public struct Examination: Sendable, Codable, Equatable {
        public let heldOn: LocalDate
        /// The examiner's summary of what the examination established.
        public let minutes: String
        /// The questions and answers; nil in examinations recorded before they were asked one by one.
        public let exchanges: [Exchange]?
        public let examiner: Official?
        /// True when the ASN did not appear on the second summons either: the sanction is then decided on the
        /// evidence at hand, without an examination (PP 94/2021).
        public let absent: Bool?

        public var wasAbsent: Bool { absent ?? false }
    }

    public struct Recommendation: Sendable, Codable, Equatable {
        public let level: SanctionLevel
        public let reasoning: String
    }

    public struct Decision: Sendable, Codable, Equatable {
        public let level: SanctionLevel
        public let decreeNumber: String
        public let decidedOn: LocalDate
        public let signer: String
        /// The penalty within the level; nil in decisions recorded before it was asked.
        public let penalty: Penalty?
    }

    public private(set) var status: CaseStatus
    public private(set) var openedOn: LocalDate
    public private(set) var statusSince: LocalDate
    /// When the current step must be done by; nil for finished cases.
    public private(set) var dueOn: LocalDate?
    public private(set) var behaviours: [Behaviour]
    public private(set) var summons: Summons?
    public private(set) var examination: Examination?
    public private(set) var recommendation: Recommendation?
    public private(set) var decision: Decision?
    public private(set) var sanctionCarriedOutOn: LocalDate?
    public private(set) var dismissalReason: String?

    /// A new case from a verified-or-not report received on `date`.
    public static func received(on date: LocalDate, context: CaseContext) -> Case {
        var value = Case(status: .received, openedOn: date, statusSince: date, dueOn: nil, behaviours: [])
        value.dueOn = context.due(after: date, in: .received)
        return value
    }

    private init(status: CaseStatus, openedOn: LocalDate, statusSince: LocalDate, dueOn: LocalDate?, behaviours: [Behaviour]) {
        self.status = status
        self.openedOn = openedOn
        self.statusSince = statusSince
        self.dueOn = dueOn
        self.behaviours = behaviours
    }

    public func isOverdue(on date: LocalDate) -> Bool {
        status.isOverdue(dueOn: dueOn, on: date)
    }

    public func applying(_ event: CaseEvent, on date: LocalDate, context: CaseContext) throws(CaseTransitionError) -> Case {
        guard status.isOpen else { throw .caseFinished(status) }
        guard date >= statusSince else { throw .dateBeforeCurrentStep(statusSince) }
        var next = self
        switch (status, event) {
        case (.received, .verify(let behaviours)):
            guard !behaviours.isEmpty else { throw .missing("perilaku yang diduga dilanggar") }
            next.behaviours = behaviours
            next.move(to: .verified, on: date, context: context)
        case (.verified, .summon(let examinationOn, let time, let place, let examiner)):
            next.summons = try Self.summons(round: 1, servedOn: date, examinationOn: examinationOn, time: time, place: place, examiner: examiner, context: context)
            next.status = .summoned
            next.statusSince = date
            next.dueOn = examinationOn
        case (.summoned, .summon(let examinationOn, let time, let place, let examiner)):
            // The second summons is for an ASN who did not appear on the first one's date; there is no third.
            guard let first = summons, first.number == 1 else { throw .notAllowed(from: status, event: event.name) }
            guard date >= first.examinationOn else { throw .secondSummonsBeforeFirstDate(first.examinationOn) }
            next.summons = try Self.summons(round: 2, servedOn: date, examinationOn: examinationOn, time: time, place: place, examiner: examiner, context: context)
            next.statusSince = date
            next.dueOn = examinationOn
        case (.summoned, .examine(let minutes, let exchanges, let examiner)):
            guard let summons else { throw .missing("surat panggilan") }
            guard date >= summons.examinationOn else { throw .examinationBeforeSummonsDate(summons.examinationOn) }
            let asked = exchanges.map { Exchange(question: $0.question.trimmingSpaces, answer: $0.answer.trimmingSpaces) }
            guard !asked.isEmpty else { throw .missing("pertanyaan dan jawaban pemeriksaan (paling sedikit satu)") }
            if let index = asked.firstIndex(where: { $0.question.isEmpty || $0.answer.isEmpty }) {
                throw .missing("pertanyaan dan jawaban nomor \(index + 1) (keduanya)")
            }
            guard minutes.trimmingSpaces.count >= 20 else { throw .missing("kesimpulan pemeriksaan (minimal 20 karakter)") }
            next.examination = Examination(heldOn: date, minutes: minutes.trimmingSpaces, exchanges: asked, examiner: examiner, absent: nil)
            next.move(to: .examined, on: date, context: context)
        case (.summoned, .recordAbsence):
            guard let summons, summons.number == 2 else { throw .notAllowed(from: status, event: event.name) }
            guard date >= summons.examinationOn else { throw .examinationBeforeSummonsDate(summons.examinationOn) }
            next.examination = Examination(heldOn: date, minutes: "Yang bersangkutan tidak memenuhi Surat Panggilan I maupun Surat Panggilan II tanpa alasan yang dicatat.",
                                           exchanges: [], examiner: summons.examiner, absent: true)
            next.move(to: .examined, on: date, context: context)
        case (.examined, .recommend(let level, let reasoning)):
            guard context.allowedSanctions.contains(level) else { throw .sanctionNotInRulebook(level, allowed: context.allowedSanctions.sorted()) }
            guard !Penalty.choices(for: [level]).isEmpty else { throw .notImposedByPPK(level) }
            guard !reasoning.trimmingSpaces.isEmpty else { throw .missing("pertimbangan rekomendasi") }
            next.recommendation = Recommendation(level: level, reasoning: reasoning.trimmingSpaces)
            next.move(to: .recommended, on: date, context: context)
        case (.recommended, .decide(let penalty, let decreeNumber, let signer)):
            let level = penalty.level
            guard context.allowedSanctions.contains(level) else { throw .sanctionNotInRulebook(level, allowed: context.allowedSanctions.sorted()) }
            guard !decreeNumber.trimmingSpaces.isEmpty else { throw .missing("nomor keputusan") }
            guard !signer.trimmingSpaces.isEmpty else { throw .missing("pejabat penanda tangan") }
            next.decision = Decision(level: level, decreeNumber: decreeNumber.trimmingSpaces, decidedOn: date, signer: signer.trimmingSpaces, penalty: penalty)
            next.move(to: .decided, on: date, context: context)
        case (.decided, .carryOutSanction):
            next.sanctionCarriedOutOn = date
            next.move(to: .sanctionCarriedOut, on: date, context: context)
        case (.sanctionCarriedOut, .close):
            next.move(to: .closed, on: date, context: context)
        case (_, .dismiss(let reason)):
            guard reason.trimmingSpaces.count >= 10 else { throw .missing("alasan penghentian (minimal 10 karakter)") }
            next.dismissalReason = reason.trimmingSpaces
            next.move(to: .dismissed, on: date, context: context)
        default:
            throw .notAllowed(from: status, event: event.name)
        }
        return next
    }

    private static func summons(round: Int, servedOn date: LocalDate, examinationOn: LocalDate, time: TimeOfDay, place: String,
                                examiner: Official, context: CaseContext) throws(CaseTransitionError) -> Summons {
        guard !place.trimmingSpaces.isEmpty else { throw .missing("tempat pemeriksaan") }
        guard !examiner.name.trimmingSpaces.isEmpty else { throw .missing("pejabat yang memeriksa") }
        let window = context.examinationWindow(servedOn: date)
        guard examinationOn >= window.lowerBound else { throw .summonsTooSoon(earliest: window.lowerBound) }
        guard examinationOn <= window.upperBound else { throw .summonsTooLate(latest: window.upperBound) }
        guard context.workingDays.isWorkingDay(examinationOn) else { throw .examinationNotOnWorkingDay(examinationOn) }
        return Summons(servedOn: date, examinationOn: examinationOn, place: place.trimmingSpaces, time: time, examiner: examiner, round: round)
    }

    private mutating func move(to status: CaseStatus, on date: LocalDate, context: CaseContext) {
        self.status = status
        statusSince = date
        dueOn = status.isOpen ? context.due(after: date, in: status) : nil
    }
}

/// What happens to a case. Each carries the data its step requires.
public enum CaseEvent: Sendable, Codable, Equatable {
    case verify(behaviours: [Behaviour])
    /// A summons: the first from a verified case, the second from a summoned one whose ASN did not appear.
    case summon(examinationOn: LocalDate, at: TimeOfDay, place: String, examiner: Official)
    case examine(minutes: String, exchanges: [Case.Exchange], examiner: Official?)
    /// The ASN did not appear on the second summons either: the case goes on without an examination.
    case recordAbsence
    case recommend(level: SanctionLevel, reasoning: String)
    case decide(penalty: Penalty, decreeNumber: String, signer: String)
    case carryOutSanction
    case close
    case dismiss(reason: String)

    public var name: String {
        switch self {
        case .verify: "verify"
        case .summon: "summon"
        case .examine: "examine"
        case .recordAbsence: "record_absence"
        case .recommend: "recommend"
        case .decide: "decide"
        case .carryOutSanction: "carry_out_sanction"
        case .close: "close"
        case .dismiss: "dismiss"
        }
    }
}

/// The calendar and rules a transition is checked against.
public struct CaseContext: Sendable {
    public let workingDays: WorkingDays
    public let policy: DeadlinePolicy
    /// The sanction levels the rulebook attaches to the case's behaviours.
    public let allowedSanctions: Set<SanctionLevel>

    public init(workingDays: WorkingDays, policy: DeadlinePolicy = .standard, allowedSanctions: Set<SanctionLevel>) {
        self.workingDays = workingDays
        self.policy = policy
        self.allowedSanctions = allowedSanctions
    }

    /// The first and last day an examination may be summoned for when the summons is served on `date`.
    public func examinationWindow(servedOn date: LocalDate) -> ClosedRange<LocalDate> {
        workingDays.adding(policy.summonsNoticeWorkingDays, to: date)...workingDays.adding(policy.summonsLatestWorkingDays, to: date)
    }

    func due(after date: LocalDate, in status: CaseStatus) -> LocalDate? {
        policy.workingDays[status].map { workingDays.adding($0, to: date) }
    }
}

public enum CaseTransitionError: Error, Equatable, Sendable, CustomStringConvertible {
    case caseFinished(CaseStatus)
    case notAllowed(from: CaseStatus, event: String)
    case missing(String)
    case summonsTooSoon(earliest: LocalDate)
    case summonsTooLate(latest: LocalDate)
    case examinationBeforeSummonsDate(LocalDate)
    case secondSummonsBeforeFirstDate(LocalDate)
    case examinationNotOnWorkingDay(LocalDate)
    case notImposedByPPK(SanctionLevel)
    case sanctionNotInRulebook(SanctionLevel, allowed: [SanctionLevel])
    case dateBeforeCurrentStep(LocalDate)

    public var description: String {
        switch self {
        case .caseFinished(let status): "Kasus sudah \(status.title.lowercased()); tidak ada langkah lanjutan."
        case .notAllowed(let status, let event): "Langkah \"\(event)\" tidak dapat dilakukan pada kasus berstatus \(status.title.lowercased())."
        case .missing(let what): "Wajib diisi: \(what)."
        case .summonsTooSoon(let earliest): "Pemeriksaan paling cepat \(earliest.indonesianLong): surat panggilan harus diterima beberapa hari kerja sebelumnya."
        case .summonsTooLate(let latest): "Pemeriksaan paling lambat \(latest.indonesianLong): tanggal yang lebih jauh menunda penanganan kasus."
        case .examinationBeforeSummonsDate(let date): "Pemeriksaan belum dapat dicatat sebelum tanggal panggilan (\(date.indonesianLong))."
        case .notImposedByPPK(let level): "\(level.title) tidak dijatuhkan oleh Pejabat Pembina Kepegawaian: dugaan pidana diteruskan ke Sentra Gakkumdu, bukan direkomendasikan."
        case .examinationNotOnWorkingDay(let date): "\(date.indonesianWeekday), \(date.indonesianLong) bukan hari kerja: pilih hari kerja untuk pemeriksaan."
        case .secondSummonsBeforeFirstDate(let date): "Panggilan kedua baru dapat dibuat bila yang bersangkutan tidak hadir pada tanggal panggilan pertama (\(date.indonesianLong))."
        case .sanctionNotInRulebook(let level, let allowed): "Sanksi \(level.title.lowercased()) tidak sesuai aturan untuk perilaku ini; pilihan: \(allowed.map { $0.title.lowercased() }.joined(separator: ", "))."
        case .dateBeforeCurrentStep(let date): "Tanggal tidak boleh sebelum langkah terakhir (\(date.indonesianLong))."
        }
    }
}
