/// What prevention reached in one unit (or a whole subtree, or a district).
public struct CoverageCounts: Sendable, Equatable, Codable {
    public var asn = 0
    public var pledged = 0
    public var socialized = 0
    public var quizPassed = 0
    public var openCases = 0
    public var overdueCases = 0
    public var openFlags = 0
    /// Cases ever opened about the unit (reports that were taken up), closed ones included.
    public var cases = 0
    /// Units counted, and those whose head acknowledged the newest circular.
    public var units = 0
    public var circularAcknowledged = 0

    public init(asn: Int = 0, pledged: Int = 0, socialized: Int = 0, quizPassed: Int = 0, openCases: Int = 0, overdueCases: Int = 0,
                openFlags: Int = 0, cases: Int = 0, units: Int = 0, circularAcknowledged: Int = 0) {
        self.asn = asn
        self.pledged = pledged
        self.socialized = socialized
        self.quizPassed = quizPassed
        self.openCases = openCases
        self.overdueCases = overdueCases
        self.openFlags = openFlags
        self.cases = cases
        self.units = units
        self.circularAcknowledged = circularAcknowledged
    }

    public static func + (left: CoverageCounts, right: CoverageCounts) -> CoverageCounts {
        CoverageCounts(asn: left.asn + right.asn, pledged: left.pledged + right.pledged, socialized: left.socialized + right.socialized,
                       quizPassed: left.quizPassed + right.quizPassed,
                       openCases: left.openCases + right.openCases, overdueCases: left.overdueCases + right.overdueCases,
                       openFlags: left.openFlags + right.openFlags, cases: left.cases + right.cases, units: left.units + right.units,
                       circularAcknowledged: left.circularAcknowledged + right.circularAcknowledged)
    }

    /// Whole per cent of ASN who pledged; nil for a unit without ASN.
    public var pledgedPercent: Int? { percent(pledged) }
    public var socializedPercent: Int? { percent(socialized) }
    public var quizPassedPercent: Int? { percent(quizPassed) }

    /// Whole per cent of units that acknowledged the newest circular; nil when no unit is counted.
    public var circularPercent: Int? { units > 0 ? circularAcknowledged * 100 / units : nil }

    private func percent(_ part: Int) -> Int? { asn > 0 ? part * 100 / asn : nil }

    /// How much of the unit prevention has reached, 0…1: the mean of the pledged, socialized and quiz-passed shares.
    public var reach: Double { asn > 0 ? Double(pledged + socialized + quizPassed) / Double(3 * asn) : 1 }
}

public enum Coverage {
    /// Each unit's totals over its whole subtree, from the counts of each unit alone.
    public static func subtreeTotals<ID: Hashable>(parents: [ID: ID?], direct: [ID: CoverageCounts]) -> [ID: CoverageCounts] {
        var totals: [ID: CoverageCounts] = [:]
        for (unit, counts) in direct {
            var current: ID? = unit
            var seen = Set<ID>()
            while let id = current, seen.insert(id).inserted {
                totals[id, default: CoverageCounts()] = totals[id, default: CoverageCounts()] + counts
                current = parents[id] ?? nil
            }
        }
        return totals
    }

    /// The groups prevention reached least, first: lowest reach, then the most ASN (more people left out).
    public static func blindSpots<Key>(_ groups: [(key: Key, counts: CoverageCounts)], limit: Int = 10) -> [(key: Key, counts: CoverageCounts)] {
        Array(groups.filter { $0.counts.asn > 0 }
            .sorted { ($0.counts.reach, -$0.counts.asn) < ($1.counts.reach, -$1.counts.asn) }
            .prefix(limit))
    }
}
