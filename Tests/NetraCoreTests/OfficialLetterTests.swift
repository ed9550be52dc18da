import Foundation
import NetraSamples
import Testing
@testable import NetraCore

@Suite("Letters are composed as naskah dinas, each type with its own structure")
struct OfficialLetterTests {
    static func allText(_ letter: OfficialLetter) -> String {
        (letter.title + letter.addressee + letter.blocks.flatMap { [$0.label, $0.text].compactMap { $0 } + $0.items + $0.fields.map { "\($0.label): \($0.value)" }
            + $0.exchanges.flatMap { [$0.question, $0.answer] } }).joined(separator: "\n")
    }

    @Test("a summons: rahasia, the addressee, whom to appear before, day, date, hour and place, tembusan")
    func summons() throws {
        let letter = try LetterComposer.compose(try LetterSamples.facts(.summons))
        #expect(letter.layout == .letter && letter.name == "Surat Panggilan I")
        #expect(letter.particulars.map(\.label) == ["Sifat", "Lampiran", "Hal"] && letter.particulars[0].value == "Rahasia")
        #expect(letter.particulars[2].value.hasPrefix("Panggilan I "))
        #expect(letter.placeAndDate == "Harapan Hilir, 8 Oktober 2024")
        #expect(letter.addressee.first == "Yth. Sdr. Budi Hartono, S.Pd.")
        let text = Self.allText(letter)
        #expect(text.contains("untuk menghadap kepada:") && text.contains("Nama: Drs. Yohanes Lambung"))
        #expect(text.contains("Hari: Senin") && text.contains("Tanggal: 21 Oktober 2024") && text.contains("Pukul: 09.00 WIB sampai dengan selesai"))
        #expect(text.contains("NIP: 19850312 201001 1 004") && text.contains("Pangkat/Golongan: Penata (III/c)"))
        #expect(letter.signatures.map(\.name) == ["Dr. Siti Aminah, M.Si."] && letter.signatures[0].rank == "Pembina Utama Muda (IV/c)")
        #expect(letter.copiesTo == ["Bupati Sungai Harapan", "Kepala SD Negeri 2 Harapan Hilir (atasan langsung yang bersangkutan)"])
    }

    @Test("a second summons names the first one it follows and what not appearing again means")
    func secondSummons() throws {
        let letter = try LetterComposer.compose(try LetterSamples.facts(.summons, secondSummons: true))
        #expect(letter.name == "Surat Panggilan II" && letter.particulars[2].value.hasPrefix("Panggilan II "))
        let text = Self.allText(letter)
        #expect(text.contains("Surat Panggilan I Nomor 800.1.10.4/7/BKPSDM/PKAP/2024 tanggal 8 Oktober 2024"))
        #expect(text.contains("tanpa dilakukan pemeriksaan") && text.contains("Tempat: Ruang Inspektorat"))
    }

    @Test("an examination record: its questions and answers numbered, signed by the examined and the examiner")
    func examinationRecord() throws {
        let letter = try LetterComposer.compose(try LetterSamples.facts(.examinationRecord))
        #expect(letter.layout == .record && letter.title == ["BERITA ACARA PEMERIKSAAN"])
        #expect(letter.blocks.contains { $0.kind == .exchanges && $0.exchanges.count == 2 })
        #expect(Self.allText(letter).contains("Pada hari ini Senin, tanggal 21 Oktober 2024, bertempat di Aula BKPSDM"))
        #expect(letter.signatures.map(\.role) == ["Yang diperiksa,", "Pemeriksa,"])
        #expect(letter.signatures.map(\.name) == ["Budi Hartono, S.Pd.", "Drs. Yohanes Lambung"])
    }

    @Test("a report and recommendation goes to the PPK with the examination record attached")
    func recommendation() throws {
        let letter = try LetterComposer.compose(try LetterSamples.facts(.recommendation))
        #expect(letter.addressee.first == "Yth. Bupati Sungai Harapan")
        #expect(letter.particulars[1].value == "1 (satu) berkas Berita Acara Pemeriksaan")
        let text = Self.allText(letter)
        #expect(text.contains("Berita Acara Pemeriksaan Nomor 800.1.10.4/9/BKPSDM/PKAP/2024 tanggal 21 Oktober 2024"))
        #expect(text.contains("Rekomendasi: yang bersangkutan dijatuhi hukuman disiplin berat."))
    }

    @Test("a decree: menimbang, mengingat, memutuskan, the specific penalty and the right to object, signed by the PPK")
    func decision() throws {
        let letter = try LetterComposer.compose(try LetterSamples.facts(.decision))
        #expect(letter.layout == .decree && letter.name == "Keputusan Bupati Sungai Harapan")
        #expect(letter.title.prefix(4) == ["KEPUTUSAN BUPATI SUNGAI HARAPAN", "NOMOR 800.1.6.4/12/2024", "TENTANG",
                                           "PENJATUHAN HUKUMAN DISIPLIN TINGKAT BERAT BERUPA PENURUNAN JABATAN SETINGKAT LEBIH RENDAH SELAMA 12 (DUA BELAS) BULAN"])
        #expect(letter.blocks.compactMap(\.label) == ["Menimbang", "Mengingat", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "KEEMPAT"])
        #expect(letter.blocks.contains { $0.kind == .centred && $0.text == "MEMUTUSKAN:" })
        let text = Self.allText(letter)
        #expect(text.contains("Menjatuhkan hukuman disiplin tingkat berat berupa penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan kepada Saudara Budi Hartono, S.Pd."))
        #expect(text.contains("Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021"))
        #expect(text.contains("upaya administratif") && text.contains("14 (empat belas) hari kerja"))
        #expect(letter.enactment == [.init("Ditetapkan di", "Harapan Hilir"), .init("pada tanggal", "4 November 2024")])
        #expect(letter.signatures.map(\.name) == ["H. Rahmat Basuki, S.H."] && letter.signatures[0].nip == nil)
        #expect(letter.copiesTo.contains("Ketua Badan Pengawas Pemilihan Umum Kabupaten Sungai Harapan") && letter.copiesTo.last == "Yang bersangkutan")
    }

    @Test("without an examination (absent twice), the report cites both summonses and attaches no record")
    func recommendationAfterAbsence() throws {
        let context = LetterSamples.context
        let state = try LetterSamples.state(after: .summons, secondSummons: true)
            .applying(.recordAbsence, on: LetterSamples.secondExaminationOn, context: context)
            .applying(.recommend(level: .disiplinBerat, reasoning: "Dua kali tidak hadir; bukti foto cukup."), on: LetterSamples.secondExaminationOn, context: context)
        var facts = try LetterSamples.facts(.recommendation)
        facts.state = state
        facts.earlier = [IssuedLetter(kind: .summons, number: "800.1.10.4/7/BKPSDM/PKAP/2024", issuedOn: LetterSamples.summonedOn),
                         IssuedLetter(kind: .summons, number: "800.1.10.4/10/BKPSDM/PKAP/2024", issuedOn: LetterSamples.examinedOn)]
        let letter = try LetterComposer.compose(facts)
        #expect(letter.particulars[1].value == "-")
        let text = Self.allText(letter)
        #expect(text.contains("tidak memenuhi Surat Panggilan I Nomor 800.1.10.4/7/BKPSDM/PKAP/2024 tanggal 8 Oktober 2024 maupun Surat Panggilan II Nomor 800.1.10.4/10/BKPSDM/PKAP/2024"))
        #expect(!text.contains("Berita Acara Pemeriksaan Nomor"))
    }

    @Test("a decree names the behaviours in one sentence, and a moral sanction's objection goes to the PPK")
    func decreeWording() throws {
        let decree = Self.allText(try LetterComposer.compose(try LetterSamples.facts(.decision)))
        #expect(decree.contains("berupa memasang alat peraga kampanye dan dukungan di media sosial;"))
        #expect(decree.contains("tentang Penjatuhan Hukuman Disiplin Tingkat Berat Berupa Penurunan Jabatan Setingkat Lebih Rendah selama 12 (Dua Belas) Bulan;"))
        var facts = try LetterSamples.facts(.decision)
        facts.state = try LetterSamples.state(after: .recommendation).applying(.decide(penalty: .openStatement, decreeNumber: "800.1.6.4/13/2024", signer: "Bupati"),
                                                                              on: LetterSamples.decidedOn, context: LetterSamples.context)
        let moral = Self.allText(try LetterComposer.compose(facts))
        #expect(moral.contains("menyampaikan keberatan secara tertulis kepada Bupati Sungai Harapan") && !moral.contains("upaya administratif secara tertulis"))
    }

    @Test("a letter whose step is not recorded is refused, not printed half empty")
    func missingStep() throws {
        var facts = try LetterSamples.facts(.decision)
        facts.state = try LetterSamples.state(after: .recommendation)
        #expect(throws: LetterComposer.Problem.stepMissing(.decision)) { try LetterComposer.compose(facts) }
    }

    @Test("verification codes avoid look-alike characters and are read back as typed")
    func verificationCodes() {
        var random = SeededRandom(seed: 3)
        let code = LetterVerification.newCode(using: &random)
        #expect(code.count == 20 && !code.contains { "01ilo".contains($0) })
        #expect(LetterVerification.normalized(code.uppercased().enumerated().map { $0.offset == 10 ? "-\($0.element)" : "\($0.element)" }.joined()) == code)
        #expect(LetterVerification.normalized("kode-palsu") == nil)
    }
}

@Suite("QR codes are drawn to the standard")
struct QRCodeTests {
    @Test("Reed–Solomon codewords match the standard's worked example (HELLO WORLD, 1-M)")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(QRCode.reedSolomon(data, degree: 10) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("the version grows with the text, and function patterns sit where readers look for them")
    func layout() throws {
        let short = try QRCode(text: "https://netra.example.go.id/verifikasi/abcdefghjkmnpqrstuvw")
        #expect(short.version == 4 && short.size == 33)
        let long = try QRCode(text: String(repeating: "a", count: 150))
        #expect(long.version == 8 && long.size == 49)
        for code in [short, long] {
            // Finder patterns: a dark ring, a light ring and a dark 3×3 core, at three corners.
            for (x, y) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
                #expect(code.modules[y][x] && code.modules[y + 1][x + 1] == false && code.modules[y + 3][x + 3])
            }
            #expect((8..<code.size - 8).allSatisfy { code.modules[6][$0] == ($0 % 2 == 0) })
            #expect(code.modules[code.size - 8][8])
        }
        #expect(throws: QRCode.Problem.tooLong(300)) { try QRCode(bytes: Array(repeating: 0x61, count: 300)) }
        #expect(short.svg.hasPrefix("<svg") && short.svg.contains("viewBox=\"0 0 41 41\""))
    }
}

@Suite("A region reads times in its own zone")
struct RegionTimeZoneTests {
    @Test("the zone follows the province of the region's code")
    func zoneOfRegion() {
        #expect(RegionTimeZone.of(regionCode: "62.91") == .wib)
        #expect(RegionTimeZone.of(regionCode: "64.72") == .wita && RegionTimeZone.of(regionCode: "51") == .wita)
        #expect(RegionTimeZone.of(regionCode: "91.03") == .wit && RegionTimeZone.of(regionCode: "81.01.02") == .wit)
    }

    @Test("an instant is written with its day, hour and zone; midnight in Papua is still the day before in Jakarta")
    func instants() {
        let instant = Date(timeIntervalSince1970: 1_796_312_400) // 2026-12-03T15:40:00Z
        #expect(instant.indonesianDateTime(in: .wib) == "3 Desember 2026 pukul 22.40 WIB")
        #expect(instant.indonesianDateTime(in: .wita) == "3 Desember 2026 pukul 23.40 WITA")
        #expect(instant.indonesianDateTime(in: .wit) == "4 Desember 2026 pukul 00.40 WIT")
    }

    @Test("a summons in a WIT region gives its hour in WIT")
    func summonsHour() throws {
        var facts = try LetterSamples.facts(.summons)
        facts.letterhead.timeZone = .wit
        let letter = try LetterComposer.compose(facts)
        #expect(letter.blocks.flatMap(\.fields).contains(.init("Pukul", "09.00 WIT sampai dengan selesai")))
    }
}
