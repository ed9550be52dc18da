import Testing
@testable import NetraCore

@Suite("The rulebook is law as data")
struct RulebookTests {
    @Test("the bundled rulebook loads, covers every behaviour, and every rule has examples both ways")
    func bundledRulebook() throws {
        let rulebook = try Rulebook.bundled()
        #expect(Set(rulebook.rules.map(\.behaviour)) == Set(Behaviour.allCases))
        for rule in rulebook.rules {
            #expect(!rule.examples.prohibited.isEmpty, "\(rule.id) has no prohibited example")
            #expect(!rule.examples.allowed.isEmpty, "\(rule.id) has no allowed example")
            #expect(!rule.citations.isEmpty && !rule.sanctions.isEmpty && !rule.appliesTo.isEmpty, "\(rule.id)")
        }
        #expect(rulebook.rules.contains { $0.citations.contains("PP 94/2021 Pasal 5 huruf n angka 7") })
        #expect(rulebook.rule(id: "pp94-5n1-ikut-kampanye")?.sanctions.first?.confirmed == false)
        #expect(rulebook.rule(id: "pp94-5n2-atribut")?.sanctions.first?.detail.contains("25%") == true)
    }

    @Test("a schema error names the file, the line and the field")
    func schemaErrors() {
        let yaml = """
        instrument:
          id: x
          short: X
          title: Contoh
          enacted: 2024-01-01
          applies_to: [PNS]
        rules:
          - id: r1
            behaviour: kampanye_ikut
            title: T
            explanation: E
            citations: [X Pasal 1]
            sanctions: [{ level: etik, detail: d }]
            phases: [kampanye]
            valid_from: 2024-13-01
            examples: { prohibited: [], allowed: [] }
        """
        #expect(throws: RulebookError.self) { try Rulebook.load(files: [("contoh.yaml", yaml)]) }
        do {
            _ = try Rulebook.load(files: [("contoh.yaml", yaml)])
        } catch let error as RulebookError {
            #expect(error.file == "contoh.yaml")
            #expect(error.line == 15)
            #expect(error.field == "rules.0.valid_from")
        } catch {
            Issue.record("unexpected \(error)")
        }
        let unknownBehaviour = yaml.replacingOccurrences(of: "kampanye_ikut", with: "berdansa").replacingOccurrences(of: "2024-13-01", with: "2024-01-01")
        do {
            _ = try Rulebook.load(files: [("b.yaml", unknownBehaviour)])
            Issue.record("an unknown behaviour must be refused")
        } catch let error as RulebookError {
            #expect(error.field == "rules.0.behaviour" && error.line == 9)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Pilkada 2024 phases", arguments: [
        ("2024-07-10", ElectionPhase.sebelumPenetapan), ("2024-09-21", .sebelumPenetapan), ("2024-09-22", .sebelumKampanye),
        ("2024-09-24", .sebelumKampanye), ("2024-09-25", .kampanye), ("2024-11-23", .kampanye), ("2024-11-24", .masaTenang),
        ("2024-11-26", .masaTenang), ("2024-11-27", .pemungutan), ("2024-12-05", .sesudah),
    ])
    func phases(date: String, phase: ElectionPhase) throws {
        #expect(try ElectionCalendar.bundled().phase(on: LocalDate(iso8601: date)!) == phase)
    }

    @Test("working days skip weekends, holidays and cuti bersama")
    func workingDays() throws {
        let days = try WorkingDays.bundled()
        // Voting day 27 Nov 2024 was a holiday; 25 Dec, 26 Dec (cuti bersama) and 1 Jan too:
        // 17–20, 23–24, 27, 30–31 Dec, 2–3, 6–8 Jan are the fourteen working days after 16 Dec.
        #expect(!days.isWorkingDay(LocalDate(year: 2024, month: 11, day: 27)!))
        #expect(days.adding(1, to: LocalDate(year: 2024, month: 11, day: 26)!) == LocalDate(year: 2024, month: 11, day: 28)!)
        #expect(days.adding(14, to: LocalDate(year: 2024, month: 12, day: 16)!) == LocalDate(year: 2025, month: 1, day: 8)!)
        #expect(days.count(from: LocalDate(year: 2024, month: 12, day: 16)!, to: LocalDate(year: 2025, month: 1, day: 8)!) == 14)
    }
}
