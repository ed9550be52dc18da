import Testing
@testable import NetraCore

@Suite("Coverage adds up over the unit tree and ranks the least reached first")
struct CoverageTests {
    // dinas ─┬─ bidang ─── sekolah
    //        └─ sekretariat
    static let parents: [String: String?] = ["dinas": nil, "bidang": "dinas", "sekolah": "bidang", "sekretariat": "dinas"]
    static let direct: [String: CoverageCounts] = [
        "dinas": CoverageCounts(asn: 2, pledged: 2, quizPassed: 2),
        "bidang": CoverageCounts(asn: 4, pledged: 1, quizPassed: 0, openCases: 1),
        "sekolah": CoverageCounts(asn: 10, pledged: 5, quizPassed: 3, openCases: 2, overdueCases: 1, openFlags: 1),
        "sekretariat": CoverageCounts(asn: 4, pledged: 4, quizPassed: 4),
    ]

    @Test("subtree totals")
    func totals() {
        let totals = Coverage.subtreeTotals(parents: Self.parents, direct: Self.direct)
        #expect(totals["dinas"] == CoverageCounts(asn: 20, pledged: 12, quizPassed: 9, openCases: 3, overdueCases: 1, openFlags: 1))
        #expect(totals["bidang"] == CoverageCounts(asn: 14, pledged: 6, quizPassed: 3, openCases: 3, overdueCases: 1, openFlags: 1))
        #expect(totals["sekolah"] == Self.direct["sekolah"] && totals["sekretariat"] == Self.direct["sekretariat"])
        #expect(totals["dinas"]?.pledgedPercent == 60 && totals["bidang"]?.quizPassedPercent == 21)
        #expect(CoverageCounts().pledgedPercent == nil)
    }

    @Test("blind spots: least reached first, larger units first among equals, empty units left out")
    func blindSpots() {
        let groups: [(key: String, counts: CoverageCounts)] = [
            ("a", CoverageCounts(asn: 10, pledged: 5, quizPassed: 5)), ("b", CoverageCounts(asn: 3)), ("c", CoverageCounts(asn: 30)),
            ("d", CoverageCounts()), ("e", CoverageCounts(asn: 4, pledged: 4, quizPassed: 4)),
        ]
        #expect(Coverage.blindSpots(groups).map(\.key) == ["c", "b", "a", "e"])
        #expect(Coverage.blindSpots(groups, limit: 1).map(\.key) == ["c"])
    }
}
