import Testing
@testable import NetraCore

@Suite("A circular reaches each level only after the level above acknowledged it")
struct CircularTests {
    static let parents: [String: String?] = ["dinas": nil, "bidang": "dinas", "sekolah": "bidang", "setda": nil, "bagian": "setda"]
    static let depths = ["dinas": 1, "bidang": 2, "sekolah": 3, "setda": 1, "bagian": 2]

    @Test("statuses down the tree")
    func statuses() {
        let none = CircularDistribution.statuses(parents: Self.parents, acknowledged: [])
        #expect(none == ["dinas": .awaiting, "setda": .awaiting, "bidang": .notReceived, "sekolah": .notReceived, "bagian": .notReceived])
        let some = CircularDistribution.statuses(parents: Self.parents, acknowledged: ["dinas", "bidang", "setda"])
        #expect(some == ["dinas": .acknowledged, "bidang": .acknowledged, "sekolah": .awaiting, "setda": .acknowledged, "bagian": .awaiting])
        let levels = CircularDistribution.levels(depths: Self.depths, statuses: some)
        #expect(levels.map(\.depth) == [1, 2, 3])
        #expect(levels[0].counts == [.acknowledged: 2] && levels[1].counts == [.acknowledged: 1, .awaiting: 1] && levels[2].counts == [.awaiting: 1])
    }

    @Test("the draft lists the rulebook's prohibitions with citations")
    func draft() throws {
        let rulebook = try Rulebook.bundled()
        let text = CircularDistribution.draft(rulebook: rulebook, election: "Pilkada 2024", region: "Kabupaten Sungai Harapan")
        #expect(text.contains("PP 94/2021") && text.hasPrefix("Dalam rangka menjaga netralitas"))
        #expect(text.contains("1. ") && text.contains("meneruskan surat edaran ini"))
    }
}
