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

    private(set) var vocabulary = ScreeningVocabulary()
    private(set) var electionIDs: [String] = []
    /// The same, as UTF-8 for writing results.
    private(set) var electionIDBytes: [[UInt8]] = []
    private(set) var pairs: [PairKey] = []
    private(set) var cues: [Cue] = []
    /// The cues' phrases, in the order of `cues`.
    private(set) var cuePhrases: PhraseIndex
    /// A symbol looked for scalar by scalar: an emoji (☝️ ✌️ 🤟 👌) or a keycap digit.
    struct Symbol: Sendable {
        /// Its scalars without U+FE0F, which a text may or may not carry.
        let needle: [Unicode.Scalar]
        let bits: UInt64
        /// The pairs that use it (for a keycap, the number it stands for).
        let pairs: [Int]

        init(_ text: String, pairs: [Int]) {
            needle = text.unicodeScalars.filter { $0 != "\u{FE0F}" }
            bits = needle.reduce(0) { $0 | ScreeningText.symbolBit($1) }
            self.pairs = pairs
        }
    }

    /// Emoji symbols → the pairs that use them.
    private(set) var emojiSymbols: [Symbol] = []
    /// The `bits` of each emoji symbol and keycap, apart, so that a text is checked against them without
    /// touching the symbols themselves.
    private(set) var emojiBits: [UInt64] = []
    private(set) var keycapBits: [UInt64] = []
    /// Lower-cased accounts without "@" → pair.
    private var accounts = ByteTable()
    private var accountPairs: [Int] = []
    /// Words naming an election's office ("bupati", "gubernur"), of every election in one list, and by
    /// phrase the election it names: a text is searched once for all of them.
    private(set) var officeWords: PhraseIndex
    private(set) var officeElections: [Int] = []

    /// The lists of `ScreeningCues`, each looked for together.
    private(set) var calls, explicitSupport, attacks, gifts, photo, attributes, positive, politicalWords, neutralWords, teamWords: PhraseIndex
    /// By word number: the pair number it writes (0 for none), whether it counts without a word before
    /// it ("02", "ke2"), and whether it is a word before a number ("nomor", "urut").
    private(set) var numberValues: [Int] = []
    private(set) var paddedNumbers: [Bool] = []
    private(set) var numberWords: [Bool] = []
    /// By word number, the lists of phrases that begin with it, and the bit of number words among them.
    private(set) var phraseLists: [UInt64] = []
    static let numberBit: UInt64 = 1 << 11
    /// Keycap digits (1️⃣ 2️⃣ 3️⃣), each with its number in `pairs`.
    let keycaps = [1, 2, 3].map { Symbol("\($0)\u{20E3}", pairs: [$0]) }

    static let honorifics: Set<String> = ["pak", "bu", "bang", "abah", "mas", "acil", "jenderal", "prof", "kak", "om", "tante", "bapak", "ibu"]

    init(_ region: RegionElections) {
        var vocabulary = ScreeningVocabulary()
        var cues: [Cue] = []
        var emoji: [String: [Int]] = [:]
        var emojiOrder: [String] = []
        var officePhrases: [Phrase] = []
        for election in region.elections {
            let electionIndex = electionIDs.count
            electionIDs.append(election.id)
            let office = election.office.lowercased()
            let words: [String] = (office.contains("gubernur") ? ["gubernur", "pilgub", "cagub", "provinsi"] : [])
                + (office.contains("bupati") ? ["bupati", "pilbup", "cabup", "kabupaten"] : [])
                + (office.contains("wali kota") || office.contains("walikota") ? ["walikota", "wali", "pilwalkot"] : [])
            officePhrases += words.map { Phrase([$0], in: &vocabulary) }
            officeElections += words.map { _ in electionIndex }
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
        emojiBits = emojiSymbols.map(\.bits)
        keycapBits = keycaps.map(\.bits)

        let lists = [ScreeningCues.calls, ScreeningCues.explicitSupport, ScreeningCues.attacks, ScreeningCues.gifts, ScreeningCues.photo,
                     ScreeningCues.attributes, ScreeningCues.positive, ScreeningCues.politicalWords, ScreeningCues.neutralWords, ScreeningCues.teamWords]
            .map { $0.map { Phrase($0, in: &vocabulary) } }
        let numbers = ScreeningCues.numberValues.map { (id: vocabulary.intern($0.key), word: $0.key, value: $0.value) }
        let prefixes = ScreeningCues.numberPrefixes.map { vocabulary.intern($0) }

        // Every word is known now: what is indexed by word number can be laid out.
        numberValues = Array(repeating: 0, count: vocabulary.count)
        paddedNumbers = Array(repeating: false, count: vocabulary.count)
        numberWords = Array(repeating: false, count: vocabulary.count)
        for number in numbers {
            numberValues[Int(number.id)] = number.value
            paddedNumbers[Int(number.id)] = number.word.hasPrefix("0") || number.word == "ke2"
        }
        for prefix in prefixes { numberWords[Int(prefix)] = true }
        // Each list of phrases gets a bit, and so do number words (`numberBit`, after the cues' bit), so that
        // a text is searched for numbers only at them.
        func bit(_ number: Int) -> UInt64 { 1 << UInt64(number) }
        let indexes = lists.enumerated().map { PhraseIndex($0.element, vocabulary: vocabulary, bit: bit($0.offset)) }
        (calls, explicitSupport, attacks, gifts, photo) = (indexes[0], indexes[1], indexes[2], indexes[3], indexes[4])
        (attributes, positive, politicalWords, neutralWords, teamWords) = (indexes[5], indexes[6], indexes[7], indexes[8], indexes[9])
        cuePhrases = PhraseIndex(cues.map(\.phrase), vocabulary: vocabulary, bit: bit(lists.count))
        officeWords = PhraseIndex(officePhrases, vocabulary: vocabulary, bit: bit(lists.count + 2))
        var phraseLists = [UInt64](repeating: 0, count: vocabulary.count)
        for index in indexes + [cuePhrases, officeWords] { index.mark(&phraseLists) }
        for number in numbers { phraseLists[Int(number.id)] |= Self.numberBit }
        self.phraseLists = phraseLists
        self.cues = cues
        self.vocabulary = vocabulary
        electionIDBytes = electionIDs.map { Array($0.utf8) }
    }

    /// The pair of a campaign account (written with or without "@", in any case).
    func account(_ handle: UnsafeBufferPointer<UInt8>) -> Int? {
        if handle.contains(where: { $0 >= 0x80 }) {
            let lowered = Array(String(decoding: handle, as: UTF8.self).lowercased().trimmingPrefix("@").utf8)
            return lowered.withUnsafeBufferPointer { accounts.find($0) }.map { accountPairs[$0] }
        }
        let bare = handle.first == UInt8(ascii: "@") ? UnsafeBufferPointer(rebasing: handle.dropFirst()) : handle
        // Lowered on the stack: an array per interaction cost more than the lookup.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bare.count) { lowered in
            for (index, byte) in bare.enumerated() { lowered[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return accounts.find(UnsafeBufferPointer(lowered))
        }.map { accountPairs[$0] }
    }

    func contains(_ list: PhraseIndex, in text: ScreeningText) -> Bool { list.containsMatch(in: text) }
}
