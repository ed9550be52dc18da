import Foundation

/// Posts generated from a region's elections for benchmarks: a mix of everyday posts, neutral election
/// news and partisan posts and interactions, as JSONL lines. Line `i` is always the same line.
public struct SyntheticPosts: Sendable {
    private let pairs: [(election: String, pair: RegionElections.Pair)]

    public init(region: RegionElections) {
        pairs = region.elections.flatMap { election in election.pairs.map { (election.id, $0) } }
    }

    /// The lexicon a grep baseline searches for: names, nicknames, jargon and hashtags, one per line.
    public var lexicon: [String] {
        Array(Set(pairs.flatMap { [$0.pair.candidate] + $0.pair.nicknames + $0.pair.jargon + $0.pair.hashtags })).sorted()
    }

    private static let everyday = [
        "Selamat pagi semua, semoga hari ini lancar 🌞", "Mancing di sungai dapat 3 ekor baung 🎣 lumayan buat lauk",
        "Wisuda S2 akhirnya ✌️🎓 makasih ibu bapak", "Jual kulkas 2 pintu, masih dingin, nego tipis", "lomba makan kerupuk juara 1 ☝️",
        "Rapat koordinasi persiapan pilkada, ASN wajib menjaga netralitas.", "Jangan golput ya kawan2! 27 November datang ke TPS.",
    ]

    public func line(_ index: Int) -> String {
        var random = SeededRandom(seed: UInt64(index) &* 2_654_435_761 &+ 17)
        let (election, pair) = pairs[Int.random(in: 0..<pairs.count, using: &random)]
        let id = "s\(index)"
        func json(_ text: String) -> String {
            let data = try! JSONEncoder().encode(text)
            return String(decoding: data, as: UTF8.self)
        }
        switch index % 10 {
        case 0, 1, 2, 3, 4:
            return #"{"id":"\#(id)","platform":"facebook","author":"@asn\#(index % 5000)","kind":"post","posted_at":"2024-10-10T08:00:00+07:00","text":\#(json(Self.everyday[index % Self.everyday.count]))}"#
        case 5, 6:
            let text = "Bismillah, jangan lupa coblos nomor \(pair.number) ya \(pair.nicknames.first ?? pair.candidate) \(pair.symbols.first ?? "") \(pair.hashtags.first ?? "")"
            return #"{"id":"\#(id)","platform":"instagram","author":"@asn\#(index % 5000)","kind":"post","posted_at":"2024-10-11T08:00:00+07:00","text":\#(json(text))}"#
        case 7:
            let text = "\(pair.jargon.first ?? "") \(pair.taglines.first ?? "") \(pair.symbols.first ?? "")"
            return #"{"id":"\#(id)","platform":"tiktok","author":"@asn\#(index % 5000)","kind":"post","posted_at":"2024-10-12T08:00:00+07:00","text":\#(json(text))}"#
        case 8:
            let target = "\(pair.taglines.first ?? pair.candidate) \(pair.hashtags.last ?? "") (\(election))"
            return #"{"id":"\#(id)","platform":"facebook","author":"@asn\#(index % 5000)","kind":"like","posted_at":"2024-10-13T08:00:00+07:00","text":"","target":{"author":\#(json(pair.accounts.first ?? "@akun")),"text":\#(json(target))}}"#
        default:
            return #"{"id":"\#(id)","platform":"facebook","author":"@asn\#(index % 5000)","kind":"comment","posted_at":"2024-10-14T08:00:00+07:00","text":"Mantap, lanjutkan! \#(pair.symbols.first ?? "")","target":{"author":\#(json(pair.accounts.first ?? "@akun")),"text":"Terima kasih warga"}}"#
        }
    }
}
