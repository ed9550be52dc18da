import Foundation
import Testing
@testable import NetraCore

@Suite("An ASN asks the guide: boleh atau tidak?")
struct GuideTests {
    static let guide = try! Guide.bundled()

    struct ExampleCase: CustomTestStringConvertible, Sendable {
        let rule: Rule
        let example: RuleExample
        var testDescription: String { "\(rule.id): \(example.text.prefix(60))" }
    }

    static let prohibitedExamples = try! Rulebook.bundled().rules.flatMap { rule in rule.examples.prohibited.map { ExampleCase(rule: rule, example: $0) } }
    static let allowedExamples = try! Rulebook.bundled().rules.flatMap { rule in rule.examples.allowed.map { ExampleCase(rule: rule, example: $0) } }

    @Test("a PPPK's discipline is cited from the law that disciplines PPPK, not from the PNS discipline law")
    func pppkDisciplineBasis() {
        let text = "Seorang guru mengunggah foto bersama pasangan calon bupati dengan simbol jari dukungan di Facebook"
        let day = LocalDate(year: 2024, month: 10, day: 20)!
        let pns = Self.guide.answer(text: text, on: day, status: .pns)
        let pppk = Self.guide.answer(text: text, on: day, status: .pppk)
        #expect(pns.citations.contains("PP 94/2021 Pasal 14 huruf i"))
        #expect(pppk.verdict == .dilarang && !pppk.citations.contains { $0.hasPrefix("PP 94/2021") })
        #expect(pppk.citations.contains { $0.hasPrefix("PP 49/2018 Pasal 52") } && !pppk.unconfirmed.isEmpty)
        // Sanctions in plain words follow the status at every level.
        for level in [SanctionLevel.disiplinRingan, .disiplinSedang, .disiplinBerat] {
            #expect(!level.inPlainWords(for: .pns).contains("PPPK") && level.inPlainWords(for: .pppk).contains("PP 49/2018"), "\(level)")
        }
        #expect(SanctionLevel.disiplinSedang.inPlainWords(for: .cpns).hasPrefix("pemotongan tunjangan kinerja sebesar 25%"))
    }

    @Test("a kepala desa election is answered as outside the election laws; a kepala desa in a Pilkada is not")
    func villageElections() {
        let day = LocalDate(year: 2025, month: 6, day: 10)!
        for text in ["Seorang PNS guru mencalonkan diri sebagai calon kepala desa di desanya",
                     "ASN membagikan stiker calon kades kepada warga menjelang pilkades"] {
            let answer = Self.guide.answer(text: text, on: day)
            #expect(answer.exoneration == .villageElection && answer.behaviours.isEmpty, "\(text)")
            #expect(answer.citations.contains("UU 20/2023 Pasal 24 ayat (1) huruf d") && answer.explanation.contains("izin tertulis"))
        }
        let pilkada = Self.guide.answer(text: "Kepala desa yang juga PNS mengajak warga memilih pasangan calon bupati nomor 2", on: LocalDate(year: 2024, month: 10, day: 20)!)
        #expect(pilkada.exoneration != .villageElection && pilkada.verdict == .dilarang)
    }

    @Test("every prohibited example of every rule is judged dilarang for that rule's behaviour", arguments: prohibitedExamples)
    func prohibitedExample(_ item: ExampleCase) {
        let answer = Self.guide.answer(text: item.example.text, on: item.example.date)
        #expect(answer.verdict == .dilarang)
        #expect(answer.behaviours.contains(item.rule.behaviour), "\(answer.behaviours)")
    }

    @Test("every allowed example of every rule is judged boleh", arguments: allowedExamples)
    func allowedExample(_ item: ExampleCase) {
        let answer = Self.guide.answer(text: item.example.text, on: item.example.date)
        #expect(answer.verdict == .boleh, "\(answer.behaviours) \(answer.triggers)")
    }

    struct Scenario: Decodable {
        struct Expected: Decodable {
            let verdict: String
            let behaviours: [String]
        }
        let id: String
        let date: String
        let text: String
        let expected: Expected
    }

    @Test("labelled scenarios: verdict accuracy ≥ 0.97 and behaviour micro-F1 ≥ 0.90",
          arguments: [("scenarios-dev.jsonl", 90), ("scenarios-netra.jsonl", 60)])
    func labelledScenarios(file: String, count: Int) throws {
        let lines = try String(contentsOfFile: FixtureFiles.path("scenarios/\(file)"), encoding: .utf8).split(separator: "\n")
        var correct = 0, truePositives = 0, falsePositives = 0, falseNegatives = 0
        for line in lines {
            let scenario = try JSONDecoder().decode(Scenario.self, from: Data(line.utf8))
            let answer = Self.guide.answer(text: scenario.text, on: LocalDate(iso8601: scenario.date)!)
            if answer.verdict.rawValue == scenario.expected.verdict { correct += 1 }
            let got = Set(answer.behaviours.map(\.rawValue)), want = Set(scenario.expected.behaviours)
            truePositives += got.intersection(want).count
            falsePositives += got.subtracting(want).count
            falseNegatives += want.subtracting(got).count
        }
        let accuracy = Double(correct) / Double(lines.count)
        let f1 = 2.0 * Double(truePositives) / Double(2 * truePositives + falsePositives + falseNegatives)
        #expect(lines.count == count)
        #expect(accuracy >= 0.97)
        #expect(f1 >= 0.90)
    }

    @Test("informal and negated descriptions", arguments: [
        ("2024-10-12", "sy ga ikut kampanye paslon 2 kok, cuma lewat doang pas konvoi kampanye melintas", GuideAnswer.Verdict.boleh),
        ("2024-10-12", "Seorang guru tidak ikut kampanye dan tetap mengajar di kelas seperti biasa.", .boleh),
        ("2024-01-12", "Pak camat ikutan kampanye akbar capres nomor 2 di stadion, pakai kaos partai", .dilarang),
        ("2024-01-12", "Seorang caleg DPRD mengajak ASN kenalannya hadir di kampanye partainya; ASN itu datang dan duduk di barisan depan.", .dilarang),
        ("2024-11-27", "Seorang ASN mencoblos di TPS dekat rumahnya lalu pulang.", .boleh),
        ("2024-10-12", "Seorang PNS menonton debat kandidat yang diselenggarakan KPU di televisi.", .boleh),
    ])
    func informalDescriptions(date: String, text: String, verdict: GuideAnswer.Verdict) {
        #expect(Self.guide.answer(text: text, on: LocalDate(iso8601: date)!).verdict == verdict)
    }

    @Test("the election is read from the description: a presidential campaign in January 2024, a regent's in October")
    func electionKinds() {
        let january = Self.guide.answer(text: "Seorang PNS menghadiri kampanye calon presiden di lapangan.", on: LocalDate(year: 2024, month: 1, day: 20)!)
        #expect(january.election == "pemilu-2024" && january.phase == .kampanye && january.verdict == .dilarang)
        #expect(january.citations.contains("UU 7/2017 Pasal 280 ayat (3)") && !january.citations.contains("UU 10/2016 Pasal 70 ayat (1)"))
        let october = Self.guide.answer(text: "Seorang PNS menghadiri kampanye calon bupati di lapangan.", on: LocalDate(year: 2024, month: 10, day: 20)!)
        #expect(october.election == "pilkada-2024" && october.citations.contains("UU 10/2016 Pasal 70 ayat (1)"))
    }

    @Test("structured questions follow phase, status and validity")
    func structured() {
        let campaignDay = LocalDate(year: 2024, month: 10, day: 10)!
        let pns = Self.guide.answer(behaviours: [.kampanyeIkut], status: .pns, on: campaignDay)
        #expect(pns.verdict == .dilarang)
        #expect(pns.citations.contains("PP 94/2021 Pasal 5 huruf n angka 1"))
        #expect(pns.sanctions == [.disiplinSedang, .etik])
        #expect(pns.unconfirmed.contains("pp94-5n1-ikut-kampanye"))

        let pppk = Self.guide.answer(behaviours: [.kampanyeIkut], status: .pppk, on: campaignDay)
        #expect(pppk.verdict == .dilarang)
        #expect(!pppk.citations.contains { $0.hasPrefix("PP 94/2021 Pasal 5") })

        // There is no campaign in July: the campaign rules do not apply then.
        #expect(Self.guide.answer(behaviours: [.kampanyeIkut], status: .pns, on: LocalDate(year: 2024, month: 7, day: 1)!).verdict == .boleh)

        // A decision that rewards a village stays prohibited after voting day, and is a crime under UU 10/2016.
        let reward = Self.guide.answer(behaviours: [.keputusanMenguntungkan], status: .pns, on: LocalDate(year: 2024, month: 12, day: 10)!)
        #expect(reward.verdict == .dilarang && reward.phase == .sesudah)
        #expect(reward.sanctions.first == .pidana)

        // PP 94/2021 did not exist in 2020.
        let before = Self.guide.answer(behaviours: [.dukunganKTP], status: .pns, on: LocalDate(year: 2020, month: 6, day: 1)!)
        #expect(!before.citations.contains("PP 94/2021 Pasal 5 huruf n angka 7"))
    }

    @Test("each detected behaviour names the words that raised it")
    func triggers() {
        let answer = Self.guide.answer(text: "Seorang guru PNS memasang baliho pasangan calon nomor urut 2 di pagar rumahnya.", on: LocalDate(year: 2024, month: 10, day: 1)!)
        #expect(answer.triggers.first?.behaviour == .alatPeraga)
        #expect(answer.triggers.first?.phrases.contains("memasang") == true)
        #expect(answer.explanation.hasPrefix("Dilarang"))
    }
}

@Suite("The guide's sentences")
struct GuideSentenceTests {
    @Test("the phase reads as Indonesian in the answer: 'sesudah pemungutan suara', 'pada masa kampanye', never 'pada sesudah'")
    func phases() throws {
        let guide = try Guide.bundled()
        let after = guide.answer(behaviours: [.alatPeraga], status: .pns, on: LocalDate(year: 2024, month: 12, day: 2)!).explanation
        let campaign = guide.answer(behaviours: [.alatPeraga], status: .pns, on: LocalDate(year: 2024, month: 10, day: 10)!).explanation
        #expect(!after.contains("pada sesudah") && !after.contains("pada sebelum"))
        #expect(campaign.contains("pada masa kampanye"))
    }
}
