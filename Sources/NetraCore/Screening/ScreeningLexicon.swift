/// What screening looks for, built from a region's elections: every name, nickname, jargon, tagline,
/// hashtag, account and hand symbol, each tied to its election and pair, and the Indonesian wording of
/// `ScreeningCues`, all as phrases over one vocabulary.
struct ScreeningLexicon: Sendable {
    typealias Phrase = ScreeningText.Phrase

    /// A pair by its contest (an index into `electionIDs`) and ballot number.
    struct PairKey: Hashable, Sendable {
        let election: Int
        let number: Int
    }

    enum Kind: Sendable { case name, jargon, weakJargon, tagline, hashtag, symbol }

    struct Cue: Sendable {
        let phrase: Phrase
        /// An index into `pairs`.
        let pair: Int
        let kind: Kind
    }

    /// Phrases looked for together, with the bits of their first words so a text without any of them is
    /// passed over at once.
    struct PhraseList: Sendable {
        let phrases: [Phrase]
        fileprivate(set) var firstWords: [UInt64] = []

        init(_ words: [[String]], in vocabulary: inout ScreeningVocabulary) {
            phrases = words.map { Phrase($0, in: &vocabulary) }
        }
    }

    private(set) var vocabulary = ScreeningVocabulary()
    private(set) var electionIDs: [String] = []
    private(set) var pairs: [PairKey] = []
    private(set) var cues: [Cue] = []
    /// Cue positions by the number of their first word, as written and squeezed.
    private var cuesByFirstWord: [[Int]] = []
    private var cueFirstWords: [UInt64] = []
    /// A symbol looked for scalar by scalar: an emoji (☝️ ✌️ 🤟 👌) or a keycap digit.
    struct Symbol: Sendable {
        /// Its scalars without U+FE0F, which a text may or may not carry.
        let needle: [Unicode.Scalar]
        let bits: UInt64
        /// The pairs that use it, or the number a keycap stands for.
        let pairs: [Int]

        init(_ text: String, pairs: [Int]) {
            needle = text.unicodeScalars.filter { $0 != "\u{FE0F}" }
            bits = needle.reduce(0) { $0 | ScreeningText.symbolBit($1) }
            self.pairs = pairs
        }
    }

    /// Emoji symbols → the pairs that use them.
    private(set) var emojiSymbols: [Symbol] = []
    /// Lower-cased accounts without "@" → pair.
    private var accounts = ByteTable()
    private var accountPairs: [Int] = []
    /// Words naming each election's office ("bupati", "gubernur"), by election.
    private(set) var officeWords: [PhraseList] = []

    private(set) var calls, explicitSupport, attacks, gifts, photo, attributes, positive, politicalWords, neutralWords, teamWords: PhraseList
    /// Pair numbers as written ("2", "02", "dua") by word number, and the words before a number that make it a ballot number.
    private(set) var numberValues: [ScreeningVocabulary.WordID: Int] = [:]
    private(set) var numberWords: Set<ScreeningVocabulary.WordID> = []
    private(set) var paddedNumbers: Set<ScreeningVocabulary.WordID> = []
    /// The bits of the number words, so a text without any is passed over at once.
    private(set) var numberFirstWords: [UInt64] = []
    /// Keycap digits (1️⃣ 2️⃣ 3️⃣), each with its number in `pairs`.
    let keycaps = [1, 2, 3].map { Symbol("\($0)\u{20E3}", pairs: [$0]) }

    static let honorifics: Set<String> = ["pak", "bu", "bang", "abah", "mas", "acil", "jenderal", "prof", "kak", "om", "tante", "bapak", "ibu"]

    init(_ region: RegionElections) {
        var vocabulary = ScreeningVocabulary()
        var cues: [Cue] = []
        var emoji: [String: [Int]] = [:]
        var emojiOrder: [String] = []
        for election in region.elections {
            let electionIndex = electionIDs.count
            electionIDs.append(election.id)
            let office = election.office.lowercased()
            let words: [String] = (office.contains("gubernur") ? ["gubernur", "pilgub", "cagub", "provinsi"] : [])
                + (office.contains("bupati") ? ["bupati", "pilbup", "cabup", "kabupaten"] : [])
                + (office.contains("wali kota") || office.contains("walikota") ? ["walikota", "wali", "pilwalkot"] : [])
            officeWords.append(PhraseList(words.map { [$0] }, in: &vocabulary))
            for pair in election.pairs {
                let key = pairs.count
                pairs.append(PairKey(election: electionIndex, number: pair.number))
                func cue(_ words: [String], _ kind: Kind) { cues.append(Cue(phrase: Phrase(words, in: &vocabulary), pair: key, kind: kind)) }
                for person in [pair.candidate, pair.runningMate] where !person.isEmpty {
                    let words = PersonName.normalized(person).split(separator: " ").map(String.init)
                    if words.count >= 2 { cue(words, .name) }
                    for word in words where word.count >= 5 { cue([word], .name) }
                }
                for nickname in pair.nicknames {
                    let words = ScreeningText.words(nickname)
                    cue(words, .name)
                    let bare = words.filter { !Self.honorifics.contains($0) }
                    if bare.count < words.count, bare.joined().count >= 4 { cue(bare, .name) }
                }
                for jargon in pair.jargon {
                    let words = ScreeningText.words(jargon)
                    cue(words, words.count == 1 ? .weakJargon : .jargon)
                }
                for tagline in pair.taglines { cue(ScreeningText.words(tagline), .tagline) }
                for tag in pair.hashtags { cue([tag.lowercased().filter { $0.isLetter || $0.isNumber }], .hashtag) }
                for account in pair.accounts {
                    let handle = Array(account.lowercased().trimmingPrefix("@").utf8)
                    let number = accounts.insert(handle)
                    if number == accountPairs.count { accountPairs.append(key) } else { accountPairs[number] = key }
                }
                for symbol in pair.symbols {
                    if symbol.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation || $0.value > 0x2000 }) {
                        if emoji[symbol] == nil { emojiOrder.append(symbol) }
                        emoji[symbol, default: []].append(key)
                    } else {
                        cue(ScreeningText.words(symbol), .symbol)
                    }
                }
            }
        }
        cues.removeAll { $0.phrase.words.isEmpty }
        // A name word shared by several pairs identifies none of them.
        let single = { (cue: Cue) in cue.kind == .name && cue.phrase.words.count == 1 ? vocabulary.phraseWords[cue.phrase.words.lowerBound] : nil }
        var owners: [ScreeningVocabulary.WordID: Set<Int>] = [:]
        for cue in cues { if let word = single(cue) { owners[word, default: []].insert(cue.pair) } }
        cues.removeAll { cue in single(cue).map { (owners[$0]?.count ?? 0) > 1 } ?? false }
        emojiSymbols = emojiOrder.map { Symbol($0, pairs: emoji[$0]!) }

        calls = PhraseList(ScreeningCues.calls, in: &vocabulary)
        explicitSupport = PhraseList(ScreeningCues.explicitSupport, in: &vocabulary)
        attacks = PhraseList(ScreeningCues.attacks, in: &vocabulary)
        gifts = PhraseList(ScreeningCues.gifts, in: &vocabulary)
        photo = PhraseList(ScreeningCues.photo, in: &vocabulary)
        attributes = PhraseList(ScreeningCues.attributes, in: &vocabulary)
        positive = PhraseList(ScreeningCues.positive, in: &vocabulary)
        politicalWords = PhraseList(ScreeningCues.politicalWords, in: &vocabulary)
        neutralWords = PhraseList(ScreeningCues.neutralWords, in: &vocabulary)
        teamWords = PhraseList(ScreeningCues.teamWords, in: &vocabulary)
        for (word, value) in ScreeningCues.numberValues {
            let id = vocabulary.intern(word)
            numberValues[id] = value
            if word.hasPrefix("0") || word == "ke2" { paddedNumbers.insert(id) }
        }
        numberWords = Set(ScreeningCues.numberPrefixes.map { vocabulary.intern($0) })

        let numberPhrases = numberValues.keys.map { Phrase(ids: [$0], in: &vocabulary) }

        // Every word is known now: the bits of first words can be laid out.
        let bits = (vocabulary.count + 63) / 64
        func firstWords(of phrase: Phrase) -> Set<ScreeningVocabulary.WordID> {
            phrase.words.isEmpty ? [] : [vocabulary.phraseWords[phrase.words.lowerBound], vocabulary.phraseSqueezed[phrase.words.lowerBound]]
        }
        func firstWords(_ phrases: [Phrase]) -> [UInt64] {
            var set = [UInt64](repeating: 0, count: bits)
            for id in phrases.flatMap(firstWords(of:)) { set[Int(id) >> 6] |= 1 << UInt64(id & 63) }
            return set
        }
        for list in [\Self.calls, \.explicitSupport, \.attacks, \.gifts, \.photo, \.attributes, \.positive, \.politicalWords, \.neutralWords, \.teamWords] as [WritableKeyPath<Self, PhraseList>] {
            self[keyPath: list].firstWords = firstWords(self[keyPath: list].phrases)
        }
        for index in officeWords.indices { officeWords[index].firstWords = firstWords(officeWords[index].phrases) }
        cueFirstWords = firstWords(cues.map(\.phrase))
        numberFirstWords = firstWords(numberPhrases)
        cuesByFirstWord = Array(repeating: [], count: vocabulary.count)
        for (index, cue) in cues.enumerated() {
            for first in firstWords(of: cue.phrase) { cuesByFirstWord[Int(first)].append(index) }
        }
        self.cues = cues
        self.vocabulary = vocabulary
    }

    /// The cues that can match in `text`, in lexicon order: those whose first word is among its tokens' forms.
    func cues(in text: ScreeningText, into indices: inout [Int]) {
        indices.removeAll(keepingCapacity: true)
        if text.hasMask {
            indices.append(contentsOf: cues.indices)
            return
        }
        text.presentWords(among: cueFirstWords) { indices.append(contentsOf: cuesByFirstWord[Int($0)]) }
        guard indices.count > 1 else { return }
        indices.sort()
        var kept = 1
        for index in indices.indices.dropFirst() where indices[index] != indices[kept - 1] {
            indices[kept] = indices[index]
            kept += 1
        }
        indices.removeLast(indices.count - kept)
    }

    /// The pair of a campaign account (written with or without "@", in any case).
    func account(_ handle: UnsafeBufferPointer<UInt8>) -> Int? {
        if handle.contains(where: { $0 >= 0x80 }) {
            let lowered = Array(String(decoding: handle, as: UTF8.self).lowercased().trimmingPrefix("@").utf8)
            return lowered.withUnsafeBufferPointer { accounts.find($0) }.map { accountPairs[$0] }
        }
        var lowered = [UInt8](handle)
        for index in lowered.indices where lowered[index] >= 0x41 && lowered[index] <= 0x5A { lowered[index] |= 0x20 }
        if lowered.first == UInt8(ascii: "@") { lowered.removeFirst() }
        return lowered.withUnsafeBufferPointer { accounts.find($0) }.map { accountPairs[$0] }
    }

    /// Every match of the phrases of `list` in `text`, as scalar spans ordered by where they start.
    func find(_ list: PhraseList, in text: ScreeningText) -> [(Int, Int)] {
        guard text.mayContain(any: list.firstWords) else { return [] }
        var spans: [(Int, Int)] = []
        for phrase in list.phrases {
            text.forEachMatch(of: phrase) { first, last in spans.append((text.tokens[first].start, text.tokens[last].end)) }
        }
        return spans.count > 1 ? spans.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element) : spans
    }

    func contains(_ list: PhraseList, in text: ScreeningText) -> Bool {
        guard text.mayContain(any: list.firstWords) else { return false }
        return list.phrases.contains { text.contains($0) }
    }
}
