/// What screening looks for, built from a region's elections: every name, nickname, jargon, tagline,
/// hashtag, account and hand symbol, each tied to its election and pair.
struct ScreeningLexicon: Sendable {
    struct PairKey: Hashable, Sendable {
        let election: String
        let number: Int
    }

    enum Kind: Sendable { case name, jargon, weakJargon, tagline, hashtag, symbol }

    struct Cue: Sendable {
        let phrase: ScreeningText.Phrase
        let pair: PairKey
        let kind: Kind

        var words: [String] { phrase.words }

        init(words: [String], pair: PairKey, kind: Kind) {
            phrase = ScreeningText.Phrase(words)
            self.pair = pair
            self.kind = kind
        }
    }

    var cues: [Cue] = []
    /// Cue positions by their first word, as written and squeezed.
    private var cuesByFirstWord: [String: [Int]] = [:]
    /// Emoji symbols (☝️ ✌️ 🤟 👌) → the pairs that use them.
    var emojiSymbols: [String: [PairKey]] = [:]
    /// Lower-cased accounts without "@" → pair.
    var accounts: [String: PairKey] = [:]
    /// Words naming each election's office ("bupati", "gubernur").
    var officeWords: [String: [ScreeningText.Phrase]] = [:]
    var pairs: [PairKey] = []

    static let honorifics: Set<String> = ["pak", "bu", "bang", "abah", "mas", "acil", "jenderal", "prof", "kak", "om", "tante", "bapak", "ibu"]

    init(_ region: RegionElections) {
        for election in region.elections {
            let office = election.office.lowercased()
            let words: [String] = (office.contains("gubernur") ? ["gubernur", "pilgub", "cagub", "provinsi"] : [])
                + (office.contains("bupati") ? ["bupati", "pilbup", "cabup", "kabupaten"] : [])
                + (office.contains("wali kota") || office.contains("walikota") ? ["walikota", "wali", "pilwalkot"] : [])
            officeWords[election.id] = words.map { ScreeningText.Phrase([$0]) }
            for pair in election.pairs {
                let key = PairKey(election: election.id, number: pair.number)
                pairs.append(key)
                for person in [pair.candidate, pair.runningMate] where !person.isEmpty {
                    let words = PersonName.normalized(person).split(separator: " ").map(String.init)
                    if words.count >= 2 { cues.append(Cue(words: words, pair: key, kind: .name)) }
                    for word in words where word.count >= 5 { cues.append(Cue(words: [word], pair: key, kind: .name)) }
                }
                for nickname in pair.nicknames {
                    let words = Self.words(nickname)
                    cues.append(Cue(words: words, pair: key, kind: .name))
                    let bare = words.filter { !Self.honorifics.contains($0) }
                    if bare.count < words.count, bare.joined().count >= 4 { cues.append(Cue(words: bare, pair: key, kind: .name)) }
                }
                for jargon in pair.jargon {
                    let words = Self.words(jargon)
                    cues.append(Cue(words: words, pair: key, kind: words.count == 1 ? .weakJargon : .jargon))
                }
                for tagline in pair.taglines { cues.append(Cue(words: Self.words(tagline), pair: key, kind: .tagline)) }
                for tag in pair.hashtags { cues.append(Cue(words: [tag.lowercased().filter { $0.isLetter || $0.isNumber }], pair: key, kind: .hashtag)) }
                for account in pair.accounts { accounts[account.lowercased().trimmingPrefix("@").description] = key }
                for symbol in pair.symbols {
                    if symbol.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value > 0x2000 }) {
                        emojiSymbols[symbol, default: []].append(key)
                    } else {
                        cues.append(Cue(words: Self.words(symbol), pair: key, kind: .symbol))
                    }
                }
            }
        }
        // A name word shared by several pairs identifies none of them.
        var owners: [String: Set<PairKey>] = [:]
        for cue in cues where cue.kind == .name && cue.words.count == 1 { owners[cue.words[0], default: []].insert(cue.pair) }
        cues.removeAll { $0.kind == .name && $0.words.count == 1 && (owners[$0.words[0]]?.count ?? 0) > 1 }
        for (index, cue) in cues.enumerated() {
            for first in Set([cue.phrase.words[0], cue.phrase.squeezed[0]]) { cuesByFirstWord[first, default: []].append(index) }
        }
    }

    /// The cues that can match in `text`, in lexicon order: those whose first word is among its tokens' forms.
    func cues(in text: ScreeningText) -> [Cue] {
        if text.hasMask { return cues }
        var indices = Set<Int>()
        for form in text.forms { indices.formUnion(cuesByFirstWord[form] ?? []) }
        return indices.sorted().map { cues[$0] }
    }

    static func words(_ text: String) -> [String] {
        ScreeningText(text).tokens.map(\.text)
    }
}
