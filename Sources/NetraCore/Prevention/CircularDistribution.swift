/// A circular travels down the unit tree: BKPSDM sends it to the top-level perangkat daerah, and each
/// head who acknowledges it forwards it to the units below. A unit whose parent has not acknowledged
/// has not received it yet.
public enum CircularStatus: String, Sendable, Codable, Equatable {
    case notReceived = "not_received"
    case awaiting
    case acknowledged

    public var title: String {
        switch self {
        case .notReceived: "belum sampai (atasan belum meneruskan)"
        case .awaiting: "menunggu tanda terima"
        case .acknowledged: "diterima dan diteruskan"
        }
    }
}

public enum CircularDistribution {
    /// Each unit's status from the tree and the units that acknowledged.
    public static func statuses<ID: Hashable>(parents: [ID: ID?], acknowledged: Set<ID>) -> [ID: CircularStatus] {
        var statuses: [ID: CircularStatus] = [:]
        for (unit, parent) in parents {
            if acknowledged.contains(unit) {
                statuses[unit] = .acknowledged
            } else if let parent, !acknowledged.contains(parent), parents[parent] != nil {
                statuses[unit] = .notReceived
            } else {
                statuses[unit] = .awaiting
            }
        }
        return statuses
    }

    /// Per tree level (1 = perangkat daerah): how many units in each status.
    public static func levels<ID: Hashable>(depths: [ID: Int], statuses: [ID: CircularStatus]) -> [(depth: Int, counts: [CircularStatus: Int])] {
        var byDepth: [Int: [CircularStatus: Int]] = [:]
        for (unit, status) in statuses { byDepth[depths[unit] ?? 0, default: [:]][status, default: 0] += 1 }
        return byDepth.keys.sorted().map { ($0, byDepth[$0]!) }
    }

    /// The body BKPSDM starts from: every prohibition of the rulebook with its citations.
    public static func draft(rulebook: Rulebook, election: String, region: String) -> String {
        var seen = Set<String>()
        let lines = rulebook.rules.filter { seen.insert($0.title).inserted }.enumerated().map { index, rule in
            "\(index + 1). \(rule.title) (\(rule.citations.joined(separator: "; ")))."
        }
        return (["Dalam rangka menjaga netralitas Aparatur Sipil Negara pada \(election), seluruh ASN di lingkungan \(region) dilarang:"]
            + lines
            + ["", "Pimpinan perangkat daerah wajib meneruskan surat edaran ini kepada seluruh unit dan pegawai di lingkungannya, "
                + "membina bawahannya, dan melaporkan setiap dugaan pelanggaran."]).joined(separator: "\n")
    }
}
