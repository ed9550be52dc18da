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

    private struct Evidence {
        var weight: [ScreeningLexicon.PairKey: Double] = [:]
        var signals: [ScreeningSignal: [ScreeningSpan]] = [:]
        var numbers: Set<Int> = []
        var elections: Set<String> = []

        mutating func add(_ signal: ScreeningSignal, _ span: (Int, Int), inTarget: Bool) {
            signals[signal, default: []].append(ScreeningSpan(start: span.0, end: span.1, signal: signal.rawValue, in: inTarget ? "target" : nil))
        }
    }

    public func screen(_ post: ScreenedPost) -> ScreeningResult {
        let own = ScreeningText(post.text ?? "")
        let target = ScreeningText(post.target?.text ?? "")
        let kind = post.kind ?? "post"
        var evidence = Evidence()
        let ownRefs = references(in: own, inTarget: false, into: &evidence)
        let targetAuthor = post.target?.author?.lowercased().trimmingPrefix("@").description ?? ""
        let targetAccount = lexicon.accounts[targetAuthor]
        var targetEvidence = Evidence()
        let targetRefs = references(in: target, inTarget: true, into: &targetEvidence)
        let targetIsPairContent = targetAccount != nil || (!targetRefs.isEmpty && !ScreeningCues.neutral(target) && ScreeningCues.political(target))

        // Interactions are judged with what they act on.
        if kind != "post", targetIsPairContent {
            for (pair, weight) in targetEvidence.weight { evidence.weight[pair, default: 0] += weight * 0.5 }
            if let account = targetAccount { evidence.weight[account, default: 0] += 1.0 }
            evidence.elections.formUnion(targetEvidence.elections)
            evidence.numbers.formUnion(targetEvidence.numbers)
            let whole = (0, max(0, target.scalars.count))
            switch kind {
            case "like": evidence.add(.likeKontenPaslon, whole, inTarget: true)
            case "share": evidence.add(.shareKontenPaslon, whole, inTarget: true)
            case "follow": if targetAccount != nil || ScreeningCues.team(target) { evidence.add(.followAkunPemenangan, whole, inTarget: true) }
            default: break
            }
        }
        for office in lexicon.officeWords {
            if office.value.contains(where: { word in !own.find(word).isEmpty || !target.find(word).isEmpty }) { evidence.elections.insert(office.key) }
        }

        // The post's own words.
        let political = ScreeningCues.political(own) || !ownRefs.isEmpty || (kind != "post" && targetIsPairContent)
        let neutral = ScreeningCues.neutral(own)
        let referenced = !ownRefs.isEmpty || !evidence.numbers.isEmpty || (kind != "post" && targetIsPairContent)
        if referenced && political && !neutral {
            for span in ScreeningCues.find(ScreeningCues.calls, in: own) { evidence.add(.ajakanMemilih, span, inTarget: false) }
            for span in ScreeningCues.find(ScreeningCues.explicitSupport, in: own) { evidence.add(.dukunganEksplisit, span, inTarget: false) }
            for span in ScreeningCues.find(ScreeningCues.attacks, in: own) { evidence.add(.seranganLawan, span, inTarget: false) }
            for span in ScreeningCues.find(ScreeningCues.gifts, in: own) where !ownRefs.isEmpty { evidence.add(.pemberianBarang, span, inTarget: false) }
            for span in ScreeningCues.find(ScreeningCues.photo, in: own) where !ownRefs.isEmpty { evidence.add(.fotoBersama, span, inTarget: false) }
            for span in ScreeningCues.find(ScreeningCues.attributes, in: own) where evidence.signals[.jargon] != nil || evidence.signals[.simbolTangan] != nil {
                evidence.add(.atribut, span, inTarget: false)
            }
            if kind == "comment" && (targetIsPairContent || !ownRefs.isEmpty) && (own.tokens.count > 0 || evidence.signals[.simbolTangan] != nil) {
                evidence.add(.komentarDukungan, (0, own.scalars.count), inTarget: false)
            }
            // Wearing or handing out a pair's things is support enough; praise adds nothing then.
            if evidence.signals[.dukunganEksplisit] == nil && evidence.signals[.ajakanMemilih] == nil && evidence.signals[.atribut] == nil,
               let span = ScreeningCues.find(ScreeningCues.positive, in: own).first {
                evidence.add(.dukunganImplisit, span, inTarget: false)
            }
        }

        // Weigh: identifying cues point at a pair; calls, support and interactions make it partisan.
        var score = 0.0
        let strongSignals: [ScreeningSignal: Double] = [
            .ajakanMemilih: 1.0, .dukunganEksplisit: 1.0, .tagarKampanye: 1.0, .jargon: 0.7, .likeKontenPaslon: 1.0, .shareKontenPaslon: 1.0,
            .followAkunPemenangan: 1.0, .komentarDukungan: 0.8, .atribut: 0.8, .fotoBersama: 0.8, .pemberianBarang: 1.0,
            .dukunganImplisit: 0.6, .seranganLawan: 0.6, .simbolTangan: 0.4,
        ]
        for signal in evidence.signals.keys { score += strongSignals[signal] ?? 0 }
        if neutral && evidence.signals[.tagarKampanye] == nil && evidence.signals[.likeKontenPaslon] == nil { score *= 0.3 }
        if !political && evidence.signals.keys.allSatisfy({ $0 == .simbolTangan }) { score = 0 }

        // Which pair: the most weighted; a bare number names a pair only when the election is known.
        // Equal weight for pairs of different contests (a ✌️ is pair 2 in both) is settled by the office
        // the post names, or left open.
        var best: ScreeningLexicon.PairKey?
        if let top = evidence.weight.values.max() {
            var leaders = evidence.weight.filter { abs($0.value - top) < 1e-9 }.map(\.key)
            if leaders.count > 1, !evidence.elections.isEmpty { leaders = leaders.filter { evidence.elections.contains($0.election) } }
            if leaders.count == 1 { best = leaders[0] }
        }
        if best == nil, let number = evidence.numbers.first, evidence.numbers.count == 1 {
            let candidates = lexicon.pairs.filter { $0.number == number && (evidence.elections.isEmpty || evidence.elections.contains($0.election)) }
            if candidates.count == 1 { best = candidates[0] }
        }
        let partisan = score >= Self.threshold && (best != nil || !evidence.numbers.isEmpty || evidence.signals[.simbolTangan] != nil)
        let signals = partisan ? evidence.signals.keys.map(\.rawValue).sorted() : []
        let spans = partisan ? evidence.signals.values.flatMap { $0 }
            .sorted { ($0.in ?? "", $0.start, $0.end, $0.signal) < ($1.in ?? "", $1.start, $1.end, $1.signal) } : []
        return ScreeningResult(id: post.id, partisan: partisan, election: partisan ? best?.election : nil, pair: partisan ? best?.number : nil,
                               score: (min(1, score / 3) * 1000).rounded() / 1000, signals: signals, spans: spans)
    }

    /// Finds pair cues in `text`, adding identifying signals (hashtags, jargon, symbols) and pair weights.
    private func references(in text: ScreeningText, inTarget: Bool, into evidence: inout Evidence) -> [ScreeningLexicon.PairKey] {
        var found: [ScreeningLexicon.PairKey] = []
        var weakJargon: [(ScreeningLexicon.PairKey, (Int, Int))] = []
        for cue in lexicon.cues(in: text) {
            for match in text.find(cue.phrase) {
                let span = (text.tokens[match.first].start, text.tokens[match.last].end)
                switch cue.kind {
                case .name:
                    evidence.weight[cue.pair, default: 0] += 1.0
                case .hashtag:
                    evidence.weight[cue.pair, default: 0] += 2.0
                    evidence.add(.tagarKampanye, span, inTarget: inTarget)
                case .jargon, .tagline:
                    evidence.weight[cue.pair, default: 0] += 1.5
                    evidence.add(.jargon, span, inTarget: inTarget)
                case .weakJargon:
                    if text.tokens[match.first].emphasized {
                        evidence.weight[cue.pair, default: 0] += 1.5
                        evidence.add(.jargon, span, inTarget: inTarget)
                    } else {
                        weakJargon.append((cue.pair, span))
                        continue
                    }
                case .symbol:
                    // A gesture hints at a pair but does not name one: "dua jari buat adik" is not politics.
                    evidence.weight[cue.pair, default: 0] += 0.5
                    evidence.numbers.insert(cue.pair.number)
                    evidence.add(.simbolTangan, span, inTarget: inTarget)
                    continue
                }
                found.append(cue.pair)
            }
        }
        for (emoji, pairs) in lexicon.emojiSymbols {
            for span in text.occurrences(of: emoji) {
                for pair in pairs { evidence.weight[pair, default: 0] += 0.3 }
                evidence.numbers.formUnion(pairs.map(\.number))
                evidence.add(.simbolTangan, span, inTarget: inTarget)
            }
        }
        // An everyday word that is also a jargon ("sehati", "damai") counts when the same pair is named
        // or gestured at in the same text.
        for (pair, span) in weakJargon where found.contains(pair) || (evidence.weight[pair] ?? 0) > 0 {
            evidence.weight[pair, default: 0] += 0.5
            evidence.add(.jargon, span, inTarget: inTarget)
            found.append(pair)
        }
        for (number, span) in ScreeningCues.numbers(in: text) {
            evidence.numbers.insert(number)
            _ = span
        }
        return found
    }
}
