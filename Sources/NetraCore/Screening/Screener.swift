#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A post to screen, in the form of `data/screening/posts-*.jsonl` (any label in it is ignored).
public struct ScreenedPost: Sendable, Codable {
    public struct Target: Sendable, Codable {
        public let author: String?
        public let text: String?

        public init(author: String?, text: String?) {
            self.author = author
            self.text = text
        }
    }

    public let id: String
    public let kind: String?
    public let author: String?
    public let text: String?
    public let target: Target?
    public let platform: String?
    public let postedAt: String?

    enum CodingKeys: String, CodingKey { case id, kind, author, text, target, platform, postedAt = "posted_at" }

    public init(id: String, kind: String?, author: String?, text: String?, target: Target?, platform: String? = nil, postedAt: String? = nil) {
        self.id = id
        self.kind = kind
        self.author = author
        self.text = text
        self.target = target
        self.platform = platform
        self.postedAt = postedAt
    }
}

public enum ScreeningSignal: String, Sendable, Codable, CaseIterable {
    case ajakanMemilih = "ajakan_memilih", dukunganEksplisit = "dukungan_eksplisit", dukunganImplisit = "dukungan_implisit"
    case simbolTangan = "simbol_tangan", tagarKampanye = "tagar_kampanye", jargon, atribut, fotoBersama = "foto_bersama"
    case likeKontenPaslon = "like_konten_paslon", shareKontenPaslon = "share_konten_paslon", followAkunPemenangan = "follow_akun_pemenangan"
    case komentarDukungan = "komentar_dukungan", seranganLawan = "serangan_lawan", pemberianBarang = "pemberian_barang"
}

public struct ScreeningSpan: Sendable, Codable, Equatable {
    public let start: Int
    public let end: Int
    public let signal: String
    /// "target" when the span is in the content acted on; absent for the post's own text.
    public let `in`: String?
}

public struct ScreeningResult: Sendable, Codable, Equatable {
    public let id: String
    public let partisan: Bool
    public let election: String?
    public let pair: Int?
    public let score: Double
    public let signals: [String]
    public let spans: [ScreeningSpan]

    enum CodingKeys: String, CodingKey { case id, partisan, election, pair, score, signals, spans }

    /// `election` and `pair` are written as null when unknown, as the CLI contract shows them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(partisan, forKey: .partisan)
        try container.encode(election, forKey: .election)
        try container.encode(pair, forKey: .pair)
        try container.encode(score, forKey: .score)
        try container.encode(signals, forKey: .signals)
        try container.encode(spans, forKey: .spans)
    }
}

/// Scores posts for partisan support, explaining each flag by its signals and the exact spans.
public struct Screener: Sendable {
    let lexicon: ScreeningLexicon
    public static let threshold = 1.0

    public init(region: RegionElections) {
        lexicon = ScreeningLexicon(region)
    }

    /// What a post is: its own words, or an interaction with the content in `target`.
    enum Kind {
        case post, like, share, follow, comment, other

        init(_ name: UnsafeBufferPointer<UInt8>?) {
            guard let name else { self = .post; return }
            // Compared as bytes: a String per post costs more than the rest of this.
            func `is`(_ literal: StaticString) -> Bool {
                name.count == literal.utf8CodeUnitCount && memcmp(name.baseAddress!, literal.utf8Start, name.count) == 0
            }
            self = `is`("post") ? .post : `is`("like") ? .like : `is`("share") ? .share : `is`("follow") ? .follow : `is`("comment") ? .comment : .other
        }
    }

    /// The evidence found in one text, kept in a workspace from post to post.
    struct Evidence {
        typealias Span = (signal: ScreeningSignal, start: Int, end: Int, inTarget: Bool)

        /// By pair, written through `add(weight:to:)`: a reset then zeroes it only when it was written.
        private(set) var weight: [Double] = []
        private var weighed = false
        var spans: [Span] = []
        /// A bit for each signal found, by `ScreeningSignal.index`.
        var signals: UInt16 = 0
        var numbers: [Int] = []
        var elections: [Bool] = []
        var anyElection = false
        /// The pairs named or whose jargon or hashtag is used.
        var found: [Int] = []

        mutating func reset(pairs: Int, elections count: Int) {
            if weight.count != pairs { weight = Array(repeating: 0, count: pairs) } else if weighed { weight.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            if elections.count != count { elections = Array(repeating: false, count: count) } else if anyElection {
                elections.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            }
            weighed = false
            signals = 0
            spans.clear()
            numbers.clear()
            found.clear()
            anyElection = false
        }

        mutating func add(weight added: Double, to pair: Int) {
            weight[pair] += added
            weighed = true
        }

        mutating func add(_ signal: ScreeningSignal, _ span: (Int, Int), inTarget: Bool) {
            signals |= signal.bit
            spans.append((signal, span.0, span.1, inTarget))
        }

        func has(_ signal: ScreeningSignal) -> Bool { signals & signal.bit != 0 }

        mutating func insert(number: Int) { if !numbers.contains(number) { numbers.append(number) } }

        mutating func insert(election: Int) {
            elections[election] = true
            anyElection = true
        }
    }

    /// Counts candidates, keeping the one when there is exactly one.
    private struct Single {
        private(set) var count = 0
        private var last = 0

        mutating func add(_ candidate: Int) {
            count += 1
            last = candidate
        }

        var only: Int? { count == 1 ? last : nil }
    }

    /// The reusable state of screening one post after another on one thread.
    struct Workspace {
        var own: ScreeningText
        var target: ScreeningText
        var evidence = Evidence()
        var targetEvidence = Evidence()
        var cues: [(cue: Int, first: Int, last: Int)] = []

        init(_ screener: Screener) {
            own = ScreeningText(vocabulary: screener.lexicon.vocabulary, phraseLists: screener.lexicon.phraseLists)
            target = ScreeningText(vocabulary: screener.lexicon.vocabulary, phraseLists: screener.lexicon.phraseLists)
        }
    }

    /// What screening one post found. A flagged post's spans are in the workspace's `evidence`, in order.
    struct Verdict {
        var partisan = false
        var score = 0.0
        /// The pair named (an index into the lexicon's `pairs`).
        var pair: Int?
    }

    public func screen(_ post: ScreenedPost) -> ScreeningResult {
        var workspace = Workspace(self)
        var text = post.text ?? "", targetText = post.target?.text ?? "", kind = post.kind, author = post.target?.author
        let verdict = text.withUTF8 { text in
            targetText.withUTF8 { targetText in
                Self.withOptionalUTF8(&kind) { kind in
                    Self.withOptionalUTF8(&author) { author in
                        judge(kind: Kind(kind), text: text, targetAuthor: author, targetText: targetText, in: &workspace)
                    }
                }
            }
        }
        return result(id: post.id, verdict, evidence: workspace.evidence)
    }

    func result(id: String, _ verdict: Verdict, evidence: Evidence) -> ScreeningResult {
        guard verdict.partisan else { return ScreeningResult(id: id, partisan: false, election: nil, pair: nil, score: verdict.score, signals: [], spans: []) }
        let signals = ScreeningSignal.byName.filter(evidence.has).map(\.rawValue)
        let spans = evidence.spans.map { ScreeningSpan(start: $0.start, end: $0.end, signal: $0.signal.rawValue, in: $0.inTarget ? "target" : nil) }
        let pair = verdict.pair.map { lexicon.pairs[$0] }
        return ScreeningResult(id: id, partisan: true, election: pair.map { lexicon.electionIDs[$0.election] }, pair: pair?.number,
                               score: verdict.score, signals: signals, spans: spans)
    }

    private static func withOptionalUTF8<T>(_ string: inout String?, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard string != nil else { return body(nil) }
        return string!.withUTF8 { body($0) }
    }

    func judge(kind: Kind, text: UnsafeBufferPointer<UInt8>, targetAuthor: UnsafeBufferPointer<UInt8>?,
               targetText: UnsafeBufferPointer<UInt8>, in work: inout Workspace) -> Verdict {
        work.own.load(text)
        work.target.load(targetText)
        work.evidence.reset(pairs: lexicon.pairs.count, elections: lexicon.electionIDs.count)
        work.targetEvidence.reset(pairs: lexicon.pairs.count, elections: lexicon.electionIDs.count)
        // A text without tokens or symbols holds no reference (most posts have no target, a like no text of its own).
        if !work.own.isEmpty { references(in: work.own, inTarget: false, into: &work.evidence, cues: &work.cues) }
        if !work.target.isEmpty { references(in: work.target, inTarget: true, into: &work.targetEvidence, cues: &work.cues) }
        return weigh(kind: kind, own: work.own, target: work.target, targetAccount: targetAuthor.flatMap { lexicon.account($0) },
                     evidence: &work.evidence, targetEvidence: work.targetEvidence)
    }

    private func weigh(kind: Kind, own: ScreeningText, target: ScreeningText, targetAccount: Int?,
                       evidence: inout Evidence, targetEvidence: Evidence) -> Verdict {
        // Nothing that names or gestures at a pair, no campaign account acted on: nothing to weigh.
        if evidence.found.isEmpty && evidence.numbers.isEmpty && evidence.spans.isEmpty && targetAccount == nil && targetEvidence.found.isEmpty {
            return Verdict()
        }
        let ownRefs = !evidence.found.isEmpty
        let targetIsPairContent = targetAccount != nil
            || (!targetEvidence.found.isEmpty && !lexicon.contains(lexicon.neutralWords, in: target) && lexicon.contains(lexicon.politicalWords, in: target))

        // Interactions are judged with what they act on.
        if kind != .post, targetIsPairContent {
            for (pair, weight) in targetEvidence.weight.enumerated() where weight > 0 { evidence.add(weight: weight * 0.5, to: pair) }
            if let account = targetAccount { evidence.add(weight: 1.0, to: account) }
            for (election, named) in targetEvidence.elections.enumerated() where named { evidence.insert(election: election) }
            for number in targetEvidence.numbers { evidence.insert(number: number) }
            let whole = (0, target.scalarCount)
            switch kind {
            case .like: evidence.add(.likeKontenPaslon, whole, inTarget: true)
            case .share: evidence.add(.shareKontenPaslon, whole, inTarget: true)
            case .follow: if targetAccount != nil || lexicon.contains(lexicon.teamWords, in: target) { evidence.add(.followAkunPemenangan, whole, inTarget: true) }
            default: break
            }
        }
        let officeElections = lexicon.officeElections
        lexicon.officeWords.forEachMatch(in: own) { evidence.insert(election: officeElections[$0.phrase]) }
        lexicon.officeWords.forEachMatch(in: target) { evidence.insert(election: officeElections[$0.phrase]) }

        // The post's own words.
        let political = lexicon.contains(lexicon.politicalWords, in: own) || ownRefs || (kind != .post && targetIsPairContent)
        let neutral = lexicon.contains(lexicon.neutralWords, in: own)
        let referenced = ownRefs || !evidence.numbers.isEmpty || (kind != .post && targetIsPairContent)
        if referenced && political && !neutral {
            lexicon.calls.forEachMatch(in: own) { evidence.add(.ajakanMemilih, $0.span, inTarget: false) }
            lexicon.explicitSupport.forEachMatch(in: own) { evidence.add(.dukunganEksplisit, $0.span, inTarget: false) }
            lexicon.attacks.forEachMatch(in: own) { evidence.add(.seranganLawan, $0.span, inTarget: false) }
            if ownRefs {
                lexicon.gifts.forEachMatch(in: own) { evidence.add(.pemberianBarang, $0.span, inTarget: false) }
                lexicon.photo.forEachMatch(in: own) { evidence.add(.fotoBersama, $0.span, inTarget: false) }
            }
            if evidence.has(.jargon) || evidence.has(.simbolTangan) {
                lexicon.attributes.forEachMatch(in: own) { evidence.add(.atribut, $0.span, inTarget: false) }
            }
            if kind == .comment && (targetIsPairContent || ownRefs) && (!own.tokens.isEmpty || evidence.has(.simbolTangan)) {
                evidence.add(.komentarDukungan, (0, own.scalarCount), inTarget: false)
            }
            // Wearing or handing out a pair's things is support enough; praise adds nothing then.
            if !evidence.has(.dukunganEksplisit) && !evidence.has(.ajakanMemilih) && !evidence.has(.atribut),
               let span = lexicon.positive.firstMatch(in: own)?.span {
                evidence.add(.dukunganImplisit, span, inTarget: false)
            }
        }

        // Weigh: identifying cues point at a pair; calls, support and interactions make it partisan.
        var score = 0.0
        // Summed in declaration order, always the same.
        var remaining = evidence.signals
        while remaining != 0 {
            score += ScreeningSignal(index: remaining.trailingZeroBitCount).weight
            remaining &= remaining - 1
        }
        if neutral && !evidence.has(.tagarKampanye) && !evidence.has(.likeKontenPaslon) { score *= 0.3 }
        if !political && evidence.signals & ~ScreeningSignal.simbolTangan.bit == 0 { score = 0 }

        // Which pair: the most weighted; a bare number names a pair only when the election is known.
        // Equal weight for pairs of different contests (a ✌️ is pair 2 in both) is settled by the office
        // the post names, or left open.
        var best: Int?
        if let top = evidence.weight.max(), top > 0 {
            var leaders = Single(), named = Single()
            for pair in evidence.weight.indices where evidence.weight[pair] > 0 && abs(evidence.weight[pair] - top) < 1e-9 {
                leaders.add(pair)
                if evidence.anyElection && evidence.elections[lexicon.pairs[pair].election] { named.add(pair) }
            }
            best = leaders.count > 1 && evidence.anyElection ? named.only : leaders.only
        }
        if best == nil, evidence.numbers.count == 1 {
            var candidates = Single()
            for (index, pair) in lexicon.pairs.enumerated()
            where pair.number == evidence.numbers[0] && (!evidence.anyElection || evidence.elections[pair.election]) {
                candidates.add(index)
            }
            best = candidates.only
        }
        let partisan = score >= Self.threshold && (best != nil || !evidence.numbers.isEmpty || evidence.has(.simbolTangan))
        let shownScore = (min(1, score / 3) * 1000).rounded() / 1000
        guard partisan else { return Verdict(partisan: false, score: shownScore) }
        // The post's own spans first, then by place and signal name: one order for every run.
        evidence.spans.sort { a, b in
            if a.inTarget != b.inTarget { return !a.inTarget }
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end < b.end }
            return a.signal.nameOrder < b.signal.nameOrder
        }
        return Verdict(partisan: true, score: shownScore, pair: best)
    }

    /// Finds pair cues in `text`, adding identifying signals (hashtags, jargon, symbols) and pair weights.
    private func references(in text: ScreeningText, inTarget: Bool, into evidence: inout Evidence, cues: inout [(cue: Int, first: Int, last: Int)]) {
        // Cue by cue in lexicon order, each where it matches in text order.
        cues.clear()
        lexicon.cuePhrases.forEachMatch(in: text) { cues.append(($0.phrase, $0.first, $0.last)) }
        // Found in text order, they are often in lexicon order already: sorting is costly for so few.
        func inOrder(_ a: (cue: Int, first: Int, last: Int), _ b: (cue: Int, first: Int, last: Int)) -> Bool { (a.cue, a.first) < (b.cue, b.first) }
        if cues.count > 1 && zip(cues, cues.dropFirst()).contains(where: { !inOrder($0, $1) }) { cues.sort(by: inOrder) }
        for (index, first, last) in cues {
            let cue = lexicon.cues[index]
            let span = (text.tokens[first].start, text.tokens[last].end)
            switch cue.kind {
            case .name:
                evidence.add(weight: 1.0, to: cue.pair)
            case .hashtag:
                evidence.add(weight: 2.0, to: cue.pair)
                evidence.add(.tagarKampanye, span, inTarget: inTarget)
            case .jargon, .tagline:
                evidence.add(weight: 1.5, to: cue.pair)
                evidence.add(.jargon, span, inTarget: inTarget)
            case .weakJargon:
                if text.tokens[first].emphasized {
                    evidence.add(weight: 1.5, to: cue.pair)
                    evidence.add(.jargon, span, inTarget: inTarget)
                } else {
                    // Weighed below, once the pairs named are known.
                    continue
                }
            case .symbol:
                // A gesture hints at a pair but does not name one: "dua jari buat adik" is not politics.
                evidence.add(weight: 0.5, to: cue.pair)
                evidence.insert(number: lexicon.pairs[cue.pair].number)
                evidence.add(.simbolTangan, span, inTarget: inTarget)
                continue
            }
            evidence.found.append(cue.pair)
        }
        for index in lexicon.emojiBits.indices where text.mayContain(symbol: lexicon.emojiBits[index]) {
            var search = ScreeningText.SymbolSearch()
            while let span = text.nextOccurrence(of: lexicon.emojiSymbols[index].needle, &search) {
                for pair in lexicon.emojiSymbols[index].pairs {
                    evidence.add(weight: 0.3, to: pair)
                    evidence.insert(number: lexicon.pairs[pair].number)
                }
                evidence.add(.simbolTangan, span, inTarget: inTarget)
            }
        }
        // An everyday word that is also a jargon ("sehati", "damai") counts when the same pair is named
        // or gestured at in the same text.
        for (index, first, last) in cues where lexicon.cues[index].kind == .weakJargon && !text.tokens[first].emphasized {
            let pair = lexicon.cues[index].pair
            guard evidence.found.contains(pair) || evidence.weight[pair] > 0 else { continue }
            evidence.add(weight: 0.5, to: pair)
            evidence.add(.jargon, (text.tokens[first].start, text.tokens[last].end), inTarget: inTarget)
            evidence.found.append(pair)
        }
        numbers(in: text, into: &evidence)
    }

    /// Pair numbers written out: "nomor 2", "no urut dua", "paslon 3", "02", "3️⃣".
    private func numbers(in text: ScreeningText, into evidence: inout Evidence) {
        let tokens = text.tokens
        // Number words are among the starts.
        for (index, lists) in text.starts where lists & ScreeningLexicon.numberBit != 0 {
            let token = tokens[index]
            guard token.text >= 0, case let value = lexicon.numberValues[Int(token.text)], value > 0 else { continue }
            let previous = index > 0 ? tokens[index - 1].text : -1
            if (previous >= 0 && lexicon.numberWords[Int(previous)]) || lexicon.paddedNumbers[Int(token.text)] {
                evidence.insert(number: value)
            }
        }
        for (index, bits) in lexicon.keycapBits.enumerated() where text.mayContain(symbol: bits) && text.contains(symbol: lexicon.keycaps[index].needle) {
            evidence.insert(number: lexicon.keycaps[index].pairs[0])
        }
    }
}

extension ScreeningSignal {
    /// How much the signal counts towards a flag.
    var weight: Double {
        switch self {
        case .ajakanMemilih, .dukunganEksplisit, .tagarKampanye, .likeKontenPaslon, .shareKontenPaslon, .followAkunPemenangan, .pemberianBarang: 1.0
        case .komentarDukungan, .atribut, .fotoBersama: 0.8
        case .jargon: 0.7
        case .dukunganImplisit, .seranganLawan: 0.6
        case .simbolTangan: 0.4
        }
    }

    /// The signals in declaration order, made once (`allCases` builds a new array on every call).
    static let ordered = allCases
    /// The signals by name, as results list them.
    static let byName = allCases.sorted { $0.rawValue < $1.rawValue }
    private static let nameOrders = ordered.map { signal in byName.firstIndex(of: signal)! }

    /// Every signal's name in UTF-8, one after another, and by `index` where each lies: results are
    /// written from this one buffer, without a `String` or an array (and its reference count) per name.
    static let names: (bytes: [UInt8], ranges: [Range<Int>]) = {
        var bytes: [UInt8] = [], ranges: [Range<Int>] = []
        for signal in ordered {
            ranges.append(bytes.count..<bytes.count + signal.rawValue.utf8.count)
            bytes += signal.rawValue.utf8
        }
        return (bytes, ranges)
    }()

    /// The signal's place among the names.
    var nameOrder: Int { Self.nameOrders[index] }

    /// Signal bits (by `index`) moved to the signals' places among the names: counted from the lowest bit,
    /// they give the found signals in name order without a look at the others.
    static func inNameOrder(_ signals: UInt16) -> UInt16 {
        var named: UInt16 = 0, rest = signals
        while rest != 0 {
            named |= 1 << UInt16(nameOrders[rest.trailingZeroBitCount])
            rest &= rest - 1
        }
        return named
    }

    var bit: UInt16 { 1 << UInt16(index) }

    /// The signal at a place in `ordered`, without touching that array.
    init(index: Int) {
        self = switch index {
        case 0: .ajakanMemilih
        case 1: .dukunganEksplisit
        case 2: .dukunganImplisit
        case 3: .simbolTangan
        case 4: .tagarKampanye
        case 5: .jargon
        case 6: .atribut
        case 7: .fotoBersama
        case 8: .likeKontenPaslon
        case 9: .shareKontenPaslon
        case 10: .followAkunPemenangan
        case 11: .komentarDukungan
        case 12: .seranganLawan
        default: .pemberianBarang
        }
    }

    /// The signal's place in `ordered`.
    var index: Int {
        switch self {
        case .ajakanMemilih: 0
        case .dukunganEksplisit: 1
        case .dukunganImplisit: 2
        case .simbolTangan: 3
        case .tagarKampanye: 4
        case .jargon: 5
        case .atribut: 6
        case .fotoBersama: 7
        case .likeKontenPaslon: 8
        case .shareKontenPaslon: 9
        case .followAkunPemenangan: 10
        case .komentarDukungan: 11
        case .seranganLawan: 12
        case .pemberianBarang: 13
        }
    }
}
