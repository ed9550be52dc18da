import NetraCore

/// One case of the fictional regency taken through every step, for tests of the letters it produces.
public enum LetterSamples {
    public static let letterhead = Letterhead(
        government: "PEMERINTAH KABUPATEN SUNGAI HARAPAN", agency: "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        address: "Jalan Tjilik Riwut Km 2, Harapan Hilir 74811 · Telepon (0513) 21045 · bkpsdm@sungaiharapankab.go.id", city: "Harapan Hilir",
        numbering: .standard, ppk: Official(position: "Bupati Sungai Harapan", name: "H. Rahmat Basuki, S.H.", nip: nil),
        agencyHead: Official(position: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", name: "Dr. Siti Aminah, M.Si.",
                             nip: "196907312000102006", rank: "Pembina Utama Muda (IV/c)"))
    public static let subject = LetterSubject(name: "Budi Hartono, S.Pd.", nip: "198503122010011004", rank: "Penata (III/c)",
                                              position: "Guru Ahli Muda", unit: "SD Negeri 2 Harapan Hilir")
    public static let examiner = Official(position: "Kepala Bidang Pengembangan Sumber Daya Manusia", name: "Drs. Yohanes Lambung",
                                          nip: "197502142000031002", rank: "Pembina (IV/a)")
    public static let context = CaseContext(workingDays: try! WorkingDays.bundled(), allowedSanctions: [.disiplinBerat, .etik])

    /// The days of the walk: opened Monday 7 October 2024, summoned the next day for Monday 21 October.
    public static let opened = LocalDate(year: 2024, month: 10, day: 7)!
    public static let summonedOn = LocalDate(year: 2024, month: 10, day: 8)!
    public static let examinedOn = LocalDate(year: 2024, month: 10, day: 21)!
    public static let secondExaminationOn = LocalDate(year: 2024, month: 11, day: 4)!
    public static let recommendedOn = LocalDate(year: 2024, month: 10, day: 25)!
    public static let decidedOn = LocalDate(year: 2024, month: 11, day: 4)!

    /// The case right after the step that issues `kind`; with `secondSummons`, after a second summons instead of the first.
    public static func state(after kind: LetterKind, secondSummons: Bool = false) throws -> Case {
        var value = try Case.received(on: opened, context: context).applying(.verify(behaviours: [.alatPeraga, .medsosDukungan]), on: opened, context: context)
        value = try value.applying(.summon(examinationOn: examinedOn, at: TimeOfDay(hour: 9, minute: 0)!, place: "Aula BKPSDM", examiner: examiner),
                                   on: summonedOn, context: context)
        if secondSummons {
            return try value.applying(.summon(examinationOn: secondExaminationOn, at: TimeOfDay(hour: 13, minute: 30)!, place: "Ruang Inspektorat",
                                              examiner: examiner), on: examinedOn, context: context)
        }
        if kind == .summons { return value }
        value = try value.applying(.examine(minutes: "Terperiksa mengakui memasang baliho pasangan calon di pagar rumahnya dan membagikan unggahan dukungan.",
                                            exchanges: [Case.Exchange(question: "Apakah Saudara memasang baliho pasangan calon di pagar rumah Saudara?",
                                                                      answer: "Ya, atas permintaan kerabat saya."),
                                                        Case.Exchange(question: "Apakah Saudara mengetahui larangan bagi ASN?", answer: "Saya mengetahuinya.")],
                                            examiner: examiner), on: examinedOn, context: context)
        if kind == .examinationRecord { return value }
        value = try value.applying(.recommend(level: .disiplinBerat, reasoning: "Perbuatan dilakukan pada masa kampanye dan diakui."), on: recommendedOn, context: context)
        if kind == .recommendation { return value }
        return try value.applying(.decide(penalty: .demotion, decreeNumber: "800.1.6.4/12/2024", signer: "Bupati Sungai Harapan H. Rahmat Basuki, S.H."),
                                  on: decidedOn, context: context)
    }

    /// The letters issued before `kind` in the walk, by number and date.
    public static func earlier(than kind: LetterKind, secondSummons: Bool = false) -> [IssuedLetter] {
        let all = [IssuedLetter(kind: .summons, number: "800.1.10.4/7/BKPSDM/PKAP/2024", issuedOn: summonedOn),
                   IssuedLetter(kind: .examinationRecord, number: "800.1.10.4/9/BKPSDM/PKAP/2024", issuedOn: examinedOn),
                   IssuedLetter(kind: .recommendation, number: "800.1.10.4/11/BKPSDM/PKAP/2024", issuedOn: recommendedOn)]
        if secondSummons { return [all[0]] }
        return Array(all.prefix { $0.kind != kind })
    }

    public static func facts(_ kind: LetterKind, secondSummons: Bool = false) throws -> LetterFacts {
        let state = try state(after: kind, secondSummons: secondSummons)
        let issuedOn = secondSummons ? examinedOn : [LetterKind.summons: summonedOn, .examinationRecord: examinedOn, .recommendation: recommendedOn,
                                                      .decision: decidedOn][kind]!
        let number = kind == .decision ? "800.1.6.4/12/2024" : secondSummons ? "800.1.10.4/10/BKPSDM/PKAP/2024"
            : earlier(than: .decision).first { $0.kind == kind }!.number
        return LetterFacts(kind: kind, number: number, issuedOn: issuedOn, letterhead: letterhead, caseNumber: "NTR-2024-00012", subject: subject,
                           subjectSupervisor: "Kepala SD Negeri 2 Harapan Hilir", state: state, earlier: earlier(than: kind, secondSummons: secondSummons))
    }
}
