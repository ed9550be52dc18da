import Testing
@testable import NetraCore

@Suite("Public figures never show a count below five, directly or by subtraction")
struct PublicFiguresTests {
    static func facts(_ agency: String, _ behaviour: Behaviour = .medsosDukungan, outcome: PublicOutcome = .inProgress) -> PublicCaseFacts {
        PublicCaseFacts(behaviours: [behaviour], phase: .kampanye, outcome: outcome, agency: agency)
    }

    @Test("one small cell beside a published total takes the next smallest with it")
    func secondarySuppression() {
        let cases = Array(repeating: Self.facts("Dinas Pendidikan"), count: 9) + Array(repeating: Self.facts("Dinas Kesehatan"), count: 6)
            + Array(repeating: Self.facts("Sekretariat Daerah"), count: 2)
        let table = PublicFigures(cases: cases).tables.first { $0.id == "perangkat_daerah" }!
        #expect(table.total == 17)
        #expect(table.cells == [.init(label: "Dinas Pendidikan", count: 9), .init(label: "Dinas Kesehatan", count: nil),
                                .init(label: "Sekretariat Daerah", count: nil)])
    }

    @Test("fewer than five cases in all: nothing but the labels is published")
    func tinyTotals() {
        let figures = PublicFigures(cases: Array(repeating: Self.facts("Dinas Pendidikan"), count: 4))
        #expect(figures.totalCases == nil)
        #expect(figures.tables.allSatisfy { $0.total == nil && $0.cells.allSatisfy { $0.count == nil } })
        #expect(PublicFigures(cases: []).tables.allSatisfy { $0.cells.isEmpty })
    }

    @Test("on random case sets: no published cell under five, never exactly one withheld cell beside a published total, withheld cells in name order")
    func properties() {
        var random = SeededRandom(seed: 2024)
        let agencies = ["A", "B", "C", "D", "E", "F"]
        let outcomes: [PublicOutcome] = [.inProgress, .dismissed, .sanctioned(.disiplinBerat), .sanctioned(.disiplinSedang), .sanctioned(.etik)]
        for _ in 0..<500 {
            let count = Int.random(in: 0...60, using: &random)
            let cases = (0..<count).map { _ in
                PublicCaseFacts(behaviours: [Behaviour.allCases.randomElement(using: &random)!], phase: ElectionPhase.allCases.randomElement(using: &random)!,
                                outcome: outcomes.randomElement(using: &random)!, agency: agencies.randomElement(using: &random)!)
            }
            let figures = PublicFigures(cases: cases)
            #expect(figures.totalCases.map { $0 >= 5 } ?? true)
            for table in figures.tables {
                #expect(table.cells.allSatisfy { ($0.count ?? 5) >= 5 })
                let withheld = table.cells.filter { $0.count == nil }
                if table.total != nil { #expect(withheld.count != 1) }
                #expect(withheld.map(\.label) == withheld.map(\.label).sorted())
                if let total = table.total, withheld.isEmpty { #expect(table.cells.compactMap(\.count).reduce(0, +) == total) }
            }
        }
    }
}
