/// The ASN a letter is about, as the registry knew them when the letter was numbered.
public struct LetterSubject: Sendable, Codable, Equatable {
    public var name: String
    public var nip: String
    public var rank: String?
    public var position: String
    public var unit: String

    public init(name: String, nip: String, rank: String?, position: String, unit: String) {
        self.name = name
        self.nip = nip
        self.rank = rank
        self.position = position
        self.unit = unit
    }
}

/// A letter of the case issued earlier, which a later letter refers to by number and date.
public struct IssuedLetter: Sendable, Equatable {
    public var kind: LetterKind
    public var number: String
    public var issuedOn: LocalDate

    public init(kind: LetterKind, number: String, issuedOn: LocalDate) {
        self.kind = kind
        self.number = number
        self.issuedOn = issuedOn
    }
}

/// Everything a letter says, gathered by the store when the letter is numbered.
public struct LetterFacts: Sendable {
    public var kind: LetterKind
    public var number: String
    public var issuedOn: LocalDate
    public var letterhead: Letterhead
    public var caseNumber: String
    public var subject: LetterSubject
    /// The position of the subject's atasan langsung, who gets a copy of the summons and the decision.
    public var subjectSupervisor: String?
    /// The case after the step that issues this letter.
    public var state: Case
    /// The case's letters issued before this one, oldest first.
    public var earlier: [IssuedLetter]

    public init(kind: LetterKind, number: String, issuedOn: LocalDate, letterhead: Letterhead, caseNumber: String, subject: LetterSubject,
                subjectSupervisor: String?, state: Case, earlier: [IssuedLetter]) {
        self.kind = kind
        self.number = number
        self.issuedOn = issuedOn
        self.letterhead = letterhead
        self.caseNumber = caseNumber
        self.subject = subject
        self.subjectSupervisor = subjectSupervisor
        self.state = state
        self.earlier = earlier
    }
}

/// Composes each letter type with the structure its kind of naskah dinas has. The wording is the
/// conventional one of disciplinary letters under PP 94/2021 and its implementing Peraturan BKN 6/2022.
public enum LetterComposer {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The step the letter records has not been taken in `state`.
        case stepMissing(LetterKind)

        public var description: String {
            switch self {
            case .stepMissing(let kind): "\(kind.title) belum dapat disusun: langkahnya belum tercatat."
            }
        }
    }

    public static func compose(_ facts: LetterFacts) throws(Problem) -> OfficialLetter {
        switch facts.kind {
        case .summons: try summons(facts)
        case .examinationRecord: try examinationRecord(facts)
        case .recommendation: try recommendation(facts)
        case .decision: try decision(facts)
        }
    }

    // MARK: Parts shared by the letters

    static func agencyHeading(_ head: Letterhead) -> OfficialLetter.Heading {
        OfficialLetter.Heading(lines: [head.government, head.agency], address: head.address, logo: head.logo)
    }

    static func identity(of subject: LetterSubject) -> [OfficialLetter.Field] {
        [.init("Nama", subject.name), .init("NIP", NIP.grouped(subject.nip) ?? subject.nip), .init("Pangkat/Golongan", subject.rank ?? "-"),
         .init("Jabatan", subject.position), .init("Unit Kerja", subject.unit)]
    }

    static func identity(of official: Official) -> [OfficialLetter.Field] {
        [.init("Nama", official.name), .init("NIP", official.groupedNIP ?? "-"), .init("Pangkat/Golongan", official.rank ?? "-"),
         .init("Jabatan", official.position)]
    }

    static func signature(_ official: Official, role: String? = nil) -> OfficialLetter.Signature {
        OfficialLetter.Signature(role: role, position: official.position, name: official.name, rank: official.rank, nip: official.groupedNIP)
    }

    static func behaviours(_ state: Case) -> [String] { state.behaviours.map(\.title) }

    static func placeAndDate(_ facts: LetterFacts) -> String { "\(facts.letterhead.city), \(facts.issuedOn.indonesianLong)" }

    static func reference(_ letter: IssuedLetter?) -> String {
        letter.map { "Nomor \($0.number) tanggal \($0.issuedOn.indonesianLong)" } ?? "yang telah diterbitkan"
    }

    static func copies(_ lines: [String?]) -> [String] { lines.compactMap { $0 }.filter { !$0.isEmpty } }

    // MARK: Surat panggilan

    static func summons(_ facts: LetterFacts) throws(Problem) -> OfficialLetter {
        guard let summons = facts.state.summons else { throw .stepMissing(.summons) }
        let head = facts.letterhead
        let examiner = summons.examiner ?? head.agencyHead
        let round = summons.number == 2 ? "II" : "I"
        var blocks: [OfficialLetter.Block] = [
            .fields("Dalam rangka pemeriksaan atas dugaan pelanggaran kewajiban menjaga netralitas Aparatur Sipil Negara (perkara Nomor \(facts.caseNumber)), dengan hormat kami minta kehadiran Saudara:",
                    identity(of: facts.subject)),
            .fields("untuk menghadap kepada:", identity(of: examiner)),
            .fields("pada:", [.init("Hari", summons.examinationOn.indonesianWeekday), .init("Tanggal", summons.examinationOn.indonesianLong),
                              .init("Pukul", summons.time.map { "\($0.indonesian) \(head.zone.abbreviation) sampai dengan selesai" } ?? "-"),
                              .init("Tempat", summons.place)]),
            .numbered("guna diperiksa dan dimintai keterangan sehubungan dengan dugaan pelanggaran berupa:", behaviours(facts.state)),
        ]
        if summons.number == 2 {
            let first = facts.earlier.last { $0.kind == .summons }
            blocks.append(.paragraph("Panggilan ini adalah panggilan kedua, karena Saudara tidak memenuhi Surat Panggilan I \(reference(first)). Apabila Saudara tidak memenuhi panggilan kedua ini, hukuman disiplin dapat dijatuhkan berdasarkan alat bukti dan keterangan yang ada tanpa dilakukan pemeriksaan, sesuai dengan Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil."))
        }
        blocks.append(.paragraph("Saudara diminta membawa surat panggilan ini dan kartu identitas pegawai pada saat pemeriksaan. Demikian untuk dilaksanakan."))
        return OfficialLetter(
            kind: .summons, name: "Surat Panggilan \(round)", layout: .letter, heading: agencyHeading(head), title: [], number: facts.number,
            particulars: [.init("Sifat", "Rahasia"), .init("Lampiran", "-"), .init("Hal", "Panggilan \(round) Pemeriksaan Dugaan Pelanggaran Netralitas ASN")],
            placeAndDate: placeAndDate(facts),
            addressee: ["Yth. Sdr. \(facts.subject.name)", "\(facts.subject.position) pada \(facts.subject.unit)", "di", "Tempat"],
            blocks: blocks, enactment: [], signatures: [signature(head.agencyHead)],
            copiesTo: copies([head.ppk.position, facts.subjectSupervisor.map { "\($0) (atasan langsung yang bersangkutan)" }]))
    }

    // MARK: Berita acara pemeriksaan

    static func examinationRecord(_ facts: LetterFacts) throws(Problem) -> OfficialLetter {
        guard let examination = facts.state.examination, let summons = facts.state.summons else { throw .stepMissing(.examinationRecord) }
        let examiner = examination.examiner ?? summons.examiner ?? facts.letterhead.agencyHead
        let summonsLetter = facts.earlier.last { $0.kind == .summons }
        var blocks: [OfficialLetter.Block] = [
            .fields("Pada hari ini \(examination.heldOn.indonesianWeekday), tanggal \(examination.heldOn.indonesianLong), bertempat di \(summons.place), yang bertanda tangan di bawah ini:",
                    identity(of: examiner)),
            .fields("berdasarkan Surat Panggilan \(reference(summonsLetter)), telah melakukan pemeriksaan terhadap:", identity(of: facts.subject)),
            .numbered("karena yang bersangkutan diduga melakukan pelanggaran kewajiban menjaga netralitas Aparatur Sipil Negara (perkara Nomor \(facts.caseNumber)) berupa:",
                      behaviours(facts.state)),
        ]
        if let exchanges = examination.exchanges, !exchanges.isEmpty {
            blocks.append(.paragraph("Atas pertanyaan pemeriksa, yang diperiksa memberikan jawaban sebagai berikut:"))
            blocks.append(.exchanges(exchanges))
        }
        blocks.append(.paragraph("Demikian berita acara pemeriksaan ini dibuat dengan sebenarnya, dibacakan kembali kepada yang diperiksa, dan ditandatangani oleh yang diperiksa dan pemeriksa."))
        let examined = Official(position: facts.subject.position, name: facts.subject.name, nip: facts.subject.nip, rank: facts.subject.rank)
        return OfficialLetter(
            kind: .examinationRecord, name: "Berita Acara Pemeriksaan", layout: .record, heading: agencyHeading(facts.letterhead), title: ["BERITA ACARA PEMERIKSAAN"],
            number: facts.number, particulars: [], placeAndDate: placeAndDate(facts), addressee: [], blocks: blocks, enactment: [],
            signatures: [signature(examined, role: "Yang diperiksa,"), signature(examiner, role: "Pemeriksa,")], copiesTo: [])
    }

    // MARK: Laporan hasil pemeriksaan dan rekomendasi

    static func recommendation(_ facts: LetterFacts) throws(Problem) -> OfficialLetter {
        guard let recommendation = facts.state.recommendation, let examination = facts.state.examination else { throw .stepMissing(.recommendation) }
        let head = facts.letterhead
        let record = facts.earlier.last { $0.kind == .examinationRecord }
        let summonses = facts.earlier.filter { $0.kind == .summons }
        var findings = [
            "Dugaan pelanggaran: \(behaviours(facts.state).map(\.lowercasedFirst).joined(separator: "; ")).",
            examination.wasAbsent
                ? "Yang bersangkutan tidak memenuhi Surat Panggilan I \(reference(summonses.first)) maupun Surat Panggilan II \(reference(summonses.dropFirst().first)); sesuai dengan Peraturan Pemerintah Nomor 94 Tahun 2021, hukuman dijatuhkan berdasarkan alat bukti dan keterangan yang ada tanpa dilakukan pemeriksaan."
                : "Pemeriksaan dilaksanakan pada \(examination.heldOn.indonesianWeekday), \(examination.heldOn.indonesianLong), sebagaimana tertuang dalam Berita Acara Pemeriksaan \(reference(record)) (terlampir).",
            "Kesimpulan: \(examination.minutes)",
            "Pertimbangan: \(recommendation.reasoning)",
            "Rekomendasi: yang bersangkutan dijatuhi \(recommendation.level.title.lowercased()).",
        ]
        if let due = facts.state.dueOn {
            findings.append("Keputusan atas rekomendasi ini ditetapkan paling lambat \(due.indonesianLong).")
        }
        return OfficialLetter(
            kind: .recommendation, name: "Laporan Hasil Pemeriksaan dan Rekomendasi", layout: .letter, heading: agencyHeading(head), title: [], number: facts.number,
            particulars: [.init("Sifat", "Rahasia"), .init("Lampiran", examination.wasAbsent ? "-" : "1 (satu) berkas Berita Acara Pemeriksaan"),
                          .init("Hal", "Laporan Hasil Pemeriksaan dan Rekomendasi Penjatuhan Hukuman")],
            placeAndDate: placeAndDate(facts),
            addressee: ["Yth. \(head.ppk.position)", "selaku Pejabat Pembina Kepegawaian", "di", "Tempat"],
            blocks: [
                .fields("Berdasarkan pemeriksaan atas dugaan pelanggaran netralitas Aparatur Sipil Negara dalam perkara Nomor \(facts.caseNumber), bersama ini kami laporkan hasil pemeriksaan terhadap:",
                        identity(of: facts.subject)),
                .numbered("dengan hasil sebagai berikut:", findings),
                .paragraph("Demikian laporan hasil pemeriksaan dan rekomendasi ini kami sampaikan sebagai bahan pertimbangan dalam penetapan keputusan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih."),
            ],
            enactment: [], signatures: [signature(head.agencyHead)], copiesTo: [])
    }

    // MARK: Keputusan

    static func decision(_ facts: LetterFacts) throws(Problem) -> OfficialLetter {
        guard let decision = facts.state.decision else { throw .stepMissing(.decision) }
        let head = facts.letterhead
        let ppk = head.ppk.position
        let penalty = decision.penalty
        let what = [decision.level.decreeName, penalty.map { "berupa \($0.title)" }].compactMap { $0 }.joined(separator: " ")
        let about = "Penjatuhan \(what)"
        let subject = facts.subject
        let who = "Saudara \(subject.name), NIP \(NIP.grouped(subject.nip) ?? subject.nip)\(subject.rank.map { ", \($0)" } ?? ""), \(subject.position) pada \(subject.unit)"
        let record = facts.earlier.last { $0.kind == .examinationRecord }
        let report = facts.earlier.last { $0.kind == .recommendation }
        var grounds = [
            "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
            "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah;",
            "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;",
            "Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022 tentang Peraturan Pelaksanaan Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;",
            "Keputusan Bersama Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, Menteri Dalam Negeri, Kepala Badan Kepegawaian Negara, Ketua Komisi Aparatur Sipil Negara, dan Ketua Badan Pengawas Pemilihan Umum Tahun 2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai Aparatur Sipil Negara dalam Penyelenggaraan Pemilihan Umum dan Pemilihan;",
        ]
        if decision.level == .etik {
            grounds.insert("Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil;", at: 2)
        }
        let basis = penalty.map { ", sesuai dengan \($0.legalBasis)" } ?? ""
        let region = head.regionName
        return OfficialLetter(
            kind: .decision, name: "Keputusan \(ppk)", layout: .decree,
            heading: OfficialLetter.Heading(lines: [ppk.uppercased()], address: nil, logo: head.logo),
            title: ["KEPUTUSAN \(ppk.uppercased())", "NOMOR \(decision.decreeNumber)", "TENTANG", about.uppercased(), "", "\(ppk.uppercased()),"],
            number: decision.decreeNumber, particulars: [], placeAndDate: nil, addressee: [],
            blocks: [
                .dictum("Menimbang", items: [
                    "bahwa berdasarkan \(record.map { "Berita Acara Pemeriksaan \(reference($0)) dan " } ?? "")Laporan Hasil Pemeriksaan \(reference(report)), \(who), terbukti melakukan pelanggaran kewajiban menjaga netralitas Aparatur Sipil Negara berupa \(listed(behaviours(facts.state).map(\.lowercasedFirst)));",
                    "bahwa untuk menegakkan disiplin dan netralitas Pegawai Negeri Sipil, perlu menjatuhkan hukuman yang setimpal dengan pelanggaran yang dilakukan;",
                    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan \(ppk) tentang \(about.titleCased);",
                ]),
                .dictum("Mengingat", items: grounds),
                .centred("MEMUTUSKAN:"),
                .dictum("Menetapkan", text: "KEPUTUSAN \(ppk.uppercased()) TENTANG \(about.uppercased())."),
                .dictum("KESATU", text: "Menjatuhkan \(what) kepada \(who), karena terbukti melakukan pelanggaran sebagaimana dimaksud dalam diktum Menimbang huruf a\(basis)."),
                .dictum("KEDUA", text: decision.level == .etik
                    ? "Terhadap Keputusan ini, yang bersangkutan dapat menyampaikan keberatan secara tertulis kepada \(ppk) paling lama 14 (empat belas) hari kerja terhitung mulai tanggal Keputusan ini diterima."
                    : "Terhadap Keputusan ini, yang bersangkutan dapat mengajukan upaya administratif secara tertulis paling lama 14 (empat belas) hari kerja terhitung mulai tanggal Keputusan ini diterima, sesuai dengan ketentuan Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil."),
                .dictum("KETIGA", text: "Keputusan ini disampaikan kepada yang bersangkutan untuk diketahui dan dilaksanakan sebagaimana mestinya."),
                .dictum("KEEMPAT", text: "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan hukuman dilaksanakan setelah tenggang waktu sebagaimana dimaksud dalam Diktum KEDUA berakhir tanpa diajukan keberatan atau upaya administratif."),
            ],
            enactment: [.init("Ditetapkan di", head.city), .init("pada tanggal", facts.issuedOn.indonesianLong)],
            signatures: [OfficialLetter.Signature(role: nil, position: ppk.uppercased() + ",", name: head.ppk.name, rank: head.ppk.rank, nip: head.ppk.groupedNIP)],
            copiesTo: copies(["Kepala Badan Kepegawaian Negara", region.map { "Ketua Badan Pengawas Pemilihan Umum \($0)" }, region.map { "Inspektur \($0)" },
                              head.agencyHead.position, facts.subjectSupervisor, "Yang bersangkutan"]))
    }
}

extension SanctionLevel {
    /// The sanction as a decree's title names it ("hukuman disiplin tingkat sedang").
    var decreeName: String {
        switch self {
        case .disiplinRingan: "hukuman disiplin tingkat ringan"
        case .disiplinSedang: "hukuman disiplin tingkat sedang"
        case .disiplinBerat: "hukuman disiplin tingkat berat"
        case .ptdh: "hukuman disiplin"
        case .etik: "sanksi moral"
        case .pidana, .administratif: title.lowercased()
        }
    }
}

extension Letterhead {
    /// "Kabupaten Sungai Harapan" from "PEMERINTAH KABUPATEN SUNGAI HARAPAN"; nil when the heading does not say.
    public var regionName: String? {
        let words = government.split(separator: " ")
        guard words.count > 1, words[0].uppercased() == "PEMERINTAH" else { return nil }
        return words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}

extension LetterComposer {
    /// "a, b dan c": behaviours named in one sentence.
    static func listed(_ items: [String]) -> String {
        items.count > 1 ? items.dropLast().joined(separator: ", ") + " dan " + items.last! : items.joined()
    }
}

extension String {
    /// The text with its first letter in lower case, for a title used mid-sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }

    /// A decree's title as a sentence cites it: each word capitalised but the small words that join them.
    var titleCased: String {
        let small: Set<String> = ["dan", "atau", "di", "ke", "dari", "yang", "untuk", "pada", "dengan", "sebagai", "selama", "sebesar", "menjadi", "atas"]
        return split(separator: " ").enumerated().map { index, word in
            if index > 0 && small.contains(word.lowercased()) { return word.lowercased() }
            // "(dua" → "(Dua": the first letter, after any opening bracket.
            guard let first = word.firstIndex(where: \.isLetter) else { return String(word) }
            return word[..<first] + word[first...].prefix(1).uppercased() + word[word.index(after: first)...]
        }.joined(separator: " ")
    }
}
