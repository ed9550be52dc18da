/// A post's text prepared for screening, read from its UTF-8 bytes: lower-case word tokens with their
/// offsets (in Unicode scalars), the guide's informal words replaced ("yg" → "yang"), then repaired for how
/// people write on social media — leetspeak ("c0bl0s"), letters spaced or hyphenated ("s e h a t i",
/// "A-M-A-N-A-H"), masked letters ("p*slon"), stretched letters ("cobloosss"). Each token is known by the
/// numbers of its forms in the screening vocabulary, so phrases are matched by number. One value is
/// reused from post to post (`load`), keeping its storage.
struct ScreeningText {
    typealias WordID = ScreeningVocabulary.WordID

    struct Token {
        /// Lower case, repaired.
        var text: WordID
        /// Lower case as tokenized, before leetspeak repair ("kalteng1damai" stays as written).
        var raw: WordID
        /// `text` with letters repeated in a row reduced to one, for lenient comparison.
        var squeezed: WordID
        var start: Int
        var end: Int
        /// Written in capitals (two letters or more), or spelled out letter by letter: an emphasized word.
        var emphasized: Bool
    }

    /// Words to find in a row: a range of the vocabulary's phrase words.
    struct Phrase: Sendable {
        let words: Range<Int>

        init(_ words: [String], in vocabulary: inout ScreeningVocabulary) {
            let ids = words.map { vocabulary.intern($0) }
            let squeezed = words.map { vocabulary.intern(ScreeningText.squeeze(Array($0.utf8))) }
            self.words = vocabulary.addPhrase(words: ids, squeezed: squeezed)
        }

        /// A phrase of words already numbered, each its own squeezed form.
        init(ids: [WordID], in vocabulary: inout ScreeningVocabulary) {
            words = vocabulary.addPhrase(words: ids, squeezed: ids)
        }
    }

    private(set) var tokens: [Token] = []
    private(set) var scalarCount = 0
    /// The text's scalars, decoded only when it is not plain ASCII (symbols are looked for in those).
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var isASCII = true
    /// A bit for each scalar beyond ASCII (by its value's low six bits), so a symbol absent from the text is
    /// ruled out without a search.
    private(set) var symbolBits: UInt64 = 0
    /// The letters of each masked token ("p*slon"), which may stand for any word of its length.
    private var masked: [(token: Int, letters: [Character])] = []
    /// Which word numbers occur among the tokens' forms, a bit each.
    private var present: [UInt64] = []
    private let vocabulary: ScreeningVocabulary

    private struct Piece {
        var start = 0, end = 0
        /// This piece's lower-cased bytes in `folded`, after the informal word replacement.
        var textStart = 0, textEnd = 0
        var byteStart = 0, byteEnd = 0
        /// The scalar right after the piece (what ended it), or nil at the end of the text.
        var next: Unicode.Scalar?
        var ascii = true
        var capitals = 0
        var lowerCase = false
    }

    private var pieces: [Piece] = []
    private var folded: [UInt8] = []
    private var word: [UInt8] = []
    private var squeezedWord: [UInt8] = []
    /// The tokens' texts as strings, kept only for `words(_:)`.
    private var keepWords = false
    private var words: [String] = []

    var hasMask: Bool { !masked.isEmpty }

    init(vocabulary: ScreeningVocabulary) {
        self.vocabulary = vocabulary
        present = [UInt64](repeating: 0, count: (vocabulary.count + 63) / 64)
    }

    init(_ text: String, vocabulary: ScreeningVocabulary) {
        self.init(vocabulary: vocabulary)
        load(text)
    }

    mutating func load(_ text: String) {
        var text = text
        text.withUTF8 { load($0) }
    }

    /// The tokens' texts: how a lexicon entry is turned into the words it is matched by.
    static func words(_ text: String) -> [String] {
        var prepared = ScreeningText(vocabulary: ScreeningVocabulary())
        prepared.keepWords = true
        prepared.load(text)
        return prepared.words
    }

    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>) {
        tokens.clear()
        masked.clear()
        words.clear()
        for index in present.indices { present[index] = 0 }
        split(bytes)
        var index = 0
        while index < pieces.count {
            // Letters written one by one: "s e h a t i", "T-E-G-A-S". A run keeps one separator, so in
            // "P-R-O-F D-A-R-M-A" the space ends the first word.
            var run = index
            var separator: Unicode.Scalar?
            while run < pieces.count && isSingleLetter(pieces[run]) {
                if run > index {
                    guard pieces[run].start - pieces[run - 1].end == 1, let between = pieces[run - 1].next else { break }
                    if separator == nil { separator = between } else if separator != between { break }
                }
                run += 1
            }
            if run - index >= 3 {
                word.clear()
                for piece in pieces[index..<run] { word.append(contentsOf: folded[piece.textStart..<piece.textEnd]) }
                append(start: pieces[index].start, end: pieces[run - 1].end, emphasized: true, leet: false)
                index = run
                continue
            }
            let piece = pieces[index]
            // A masked letter joins the pieces around it: "p*slon".
            if index + 1 < pieces.count, pieces[index + 1].start - piece.end == 1, piece.next == "*" {
                let following = pieces[index + 1]
                word.clear()
                word.append(contentsOf: folded[piece.textStart..<piece.textEnd])
                word.append(UInt8(ascii: "*"))
                word.append(contentsOf: folded[following.textStart..<following.textEnd])
                masked.append((tokens.count, Array(String(decoding: word, as: UTF8.self))))
                append(start: piece.start, end: following.end, emphasized: false, leet: false)
                index += 2
                continue
            }
            append(piece, emphasized: writtenInCapitals(piece, bytes))
            index += 1
        }
    }

    /// Adds the token whose text (before leetspeak repair, when `leet`) is in `word`.
    private mutating func append(start: Int, end: Int, emphasized: Bool, leet: Bool) {
        let raw = word.withUnsafeBufferPointer { vocabulary.id($0) }
        var text = raw
        if leet && Self.unLeet(&word) { text = word.withUnsafeBufferPointer { vocabulary.id($0) } }
        let squeezed = word.withUnsafeBufferPointer { squeezedID($0, text: text) }
        if keepWords { words.append(String(decoding: word, as: UTF8.self)) }
        add(Token(text: text, raw: raw, squeezed: squeezed, start: start, end: end, emphasized: emphasized))
    }

    /// Adds a plain piece as a token: its text is read where it lies, copied only for leetspeak repair.
    private mutating func append(_ piece: Piece, emphasized: Bool) {
        let (raw, needsRepair) = folded.withUnsafeBufferPointer { bytes in
            let text = UnsafeBufferPointer(rebasing: bytes[piece.textStart..<piece.textEnd])
            return (vocabulary.id(text), Self.mixesLettersAndDigits(text))
        }
        guard !needsRepair && !keepWords else {
            word.clear()
            word.append(contentsOf: folded[piece.textStart..<piece.textEnd])
            append(start: piece.start, end: piece.end, emphasized: emphasized, leet: true)
            return
        }
        let squeezed = folded.withUnsafeBufferPointer { squeezedID(UnsafeBufferPointer(rebasing: $0[piece.textStart..<piece.textEnd]), text: raw) }
        add(Token(text: raw, raw: raw, squeezed: squeezed, start: piece.start, end: piece.end, emphasized: emphasized))
    }

    private mutating func add(_ token: Token) {
        mark(token.raw)
        mark(token.text)
        mark(token.squeezed)
        tokens.append(token)
    }

    /// The number of `word` squeezed, whose own number is `text`.
    private mutating func squeezedID(_ word: UnsafeBufferPointer<UInt8>, text: WordID) -> WordID {
        // Letters beyond ASCII repeat as byte sequences, which the byte check below does not see.
        var repeated = word.first.map { $0 >= 0x80 } ?? false
        for index in word.indices.dropFirst() where word[index] == word[index - 1] || word[index] >= 0x80 {
            repeated = true
            break
        }
        guard repeated else { return text }
        Self.squeeze(word, into: &squeezedWord)
        return squeezedWord.withUnsafeBufferPointer { vocabulary.id($0) }
    }

    /// Cuts the text into pieces of letters and digits, lower-cased, accents removed; everything else
    /// separates them (so "KTP-el" is "ktp el"). Counts the scalars as it goes.
    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>) {
        pieces.clear()
        folded.clear()
        scalars.clear()
        isASCII = true
        symbolBits = 0
        var current: Piece?
        var offset = 0
        var position = 0
        let count = bytes.count
        func close(_ next: Unicode.Scalar?) {
            guard var piece = current else { return }
            piece.end = offset
            piece.byteEnd = position
            piece.next = next
            piece.textEnd = folded.count
            if let replacement = InformalWords.shared.replacement(folded[piece.textStart...]) {
                folded.removeSubrange(piece.textStart...)
                folded.append(contentsOf: replacement)
                piece.textEnd = folded.count
            }
            pieces.append(piece)
            current = nil
        }
        while position < count {
            let byte = bytes[position]
            if byte < 0x80 {
                guard Self.asciiClass[Int(byte)] != 0 else {
                    close(Unicode.Scalar(byte))
                    if !isASCII { scalars.append(Unicode.Scalar(byte)) }
                    position += 1
                    offset += 1
                    continue
                }
                // A run of ASCII letters and digits, lower-cased in one go.
                if current == nil { current = Piece(start: offset, textStart: folded.count, byteStart: position) }
                var end = position + 1
                var capitals = Self.asciiClass[Int(byte)] == 3 ? 1 : 0, lowerCase = Self.asciiClass[Int(byte)] == 2
                while end < count, case let kind = Self.asciiClass[Int(bytes[end])], kind != 0 {
                    if kind == 3 { capitals += 1 } else if kind == 2 { lowerCase = true }
                    end += 1
                }
                current!.capitals += capitals
                current!.lowerCase = current!.lowerCase || lowerCase
                let run = UnsafeBufferPointer(rebasing: bytes[position..<end])
                if capitals == 0 { folded.append(contentsOf: run) } else { folded.append(contentsOf: run.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }
                if !isASCII { scalars.append(contentsOf: run.lazy.map { Unicode.Scalar($0) }) }
                offset += end - position
                position = end
                continue
            }
            if isASCII {
                // The first scalar beyond ASCII: from here on the scalars are kept.
                isASCII = false
                for byte in bytes[0..<position] { scalars.append(Unicode.Scalar(byte)) }
            }
            let (scalar, length) = Self.decode(bytes, at: position)
            scalars.append(scalar)
            symbolBits |= Self.symbolBit(scalar)
            if let letter = Self.isSeparator(scalar) ? nil : TokenizedText.fold(scalar) {
                if current == nil { current = Piece(start: offset, textStart: folded.count, byteStart: position) }
                current!.ascii = false
                folded.append(contentsOf: String(letter).utf8)
            } else {
                close(scalar)
            }
            position += length
            offset += 1
        }
        close(nil)
        scalarCount = offset
    }

    /// 0 for a separator (or a byte beyond ASCII), 1 for a digit, 2 for a lower-case and 3 for a capital
    /// letter, by byte.
    private static let asciiClass: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 2
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 3
        default: 0
        }
    }

    /// Symbols, punctuation and emoji up to U+1FFFF that are neither letters nor digits, a bit each, worked
    /// out once: most scalars beyond ASCII in posts are emoji, and their Unicode properties are slow to ask.
    private static let separators: [UInt64] = (0..<(0x20000 / 64)).map { word in
        var bits: UInt64 = 0
        for bit in 0..<64 {
            guard let scalar = Unicode.Scalar(UInt32(word * 64 + bit)), scalar.value >= 0x80 else { continue }
            if !scalar.properties.isAlphabetic && scalar.properties.numericType == nil { bits |= 1 << UInt64(bit) }
        }
        return bits
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        let value = Int(scalar.value)
        return value < 0x20000 && separators[value >> 6] & (1 << UInt64(value & 63)) != 0
    }

    /// One scalar from valid UTF-8 (input is checked before it gets here; a bad byte reads as U+FFFD).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Unicode.Scalar, Int) {
        let first = UInt32(bytes[position])
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        guard length > 1, position + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = first & (0xFF >> UInt32(length + 1))
        for index in 1..<length { value = (value << 6) | (UInt32(bytes[position + index]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private func isSingleLetter(_ piece: Piece) -> Bool {
        let length = piece.textEnd - piece.textStart
        if length == 1 { return folded[piece.textStart] >= 0x61 }
        guard length > 1, folded[piece.textStart..<piece.textEnd].contains(where: { $0 >= 0x80 }) else { return false }
        let text = String(decoding: folded[piece.textStart..<piece.textEnd], as: UTF8.self)
        return text.count == 1 && text.first!.isLetter
    }

    /// Two letters or more, all capitals ("JANGAN LUPA"); plain ASCII is decided without case tables.
    private func writtenInCapitals(_ piece: Piece, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if piece.ascii { return !piece.lowerCase && piece.capitals >= 2 }
        let letters = String(decoding: UnsafeBufferPointer(rebasing: bytes[piece.byteStart..<piece.byteEnd]), as: UTF8.self).filter(\.isLetter)
        return letters.count >= 2 && letters == letters.uppercased() && letters != letters.lowercased()
    }

    /// Whether a word has letters and digits both ("c0bl0s"), the only words leetspeak repair changes.
    private static func mixesLettersAndDigits(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var letter = false, digit = false
        for byte in word {
            if byte >= 0x80 {
                let text = String(decoding: word, as: UTF8.self)
                return text.contains(where: \.isLetter) && text.contains(where: \.isNumber)
            }
            if byte >= 0x61 { letter = true } else { digit = true }
        }
        return letter && digit
    }

    /// Digits inside a word are letters in disguise: 0→o, 4→a, 3→e, 1→i, 5→s, 7→t. Numbers stay numbers.
    /// Whether the word changed.
    private static func unLeet(_ word: inout [UInt8]) -> Bool {
        guard word.withUnsafeBufferPointer(mixesLettersAndDigits) else { return false }
        var changed = false
        for index in word.indices {
            let replacement: UInt8? = switch word[index] {
            case UInt8(ascii: "0"): UInt8(ascii: "o")
            case UInt8(ascii: "4"): UInt8(ascii: "a")
            case UInt8(ascii: "3"): UInt8(ascii: "e")
            case UInt8(ascii: "1"): UInt8(ascii: "i")
            case UInt8(ascii: "5"): UInt8(ascii: "s")
            case UInt8(ascii: "7"): UInt8(ascii: "t")
            default: nil
            }
            if let replacement {
                word[index] = replacement
                changed = true
            }
        }
        return changed
    }

    /// Letters repeated in a row reduced to one.
    static func squeeze(_ word: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        word.withUnsafeBufferPointer { squeeze($0, into: &out) }
        return out
    }

    private static func squeeze(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.clear()
        if word.contains(where: { $0 >= 0x80 }) {
            var squeezed = ""
            for character in String(decoding: word, as: UTF8.self) where squeezed.last != character { squeezed.append(character) }
            out.append(contentsOf: squeezed.utf8)
            return
        }
        for byte in word where out.last != byte { out.append(byte) }
    }

    /// Whether a phrase starting with `first` (written or squeezed) can match here at all.
    func mayContain(_ first: WordID, squeezed: WordID) -> Bool {
        hasMask || isPresent(first) || isPresent(squeezed)
    }

    /// Whether any phrase whose first words are the bits of `firsts` can match here.
    func mayContain(any firsts: [UInt64]) -> Bool {
        if hasMask { return true }
        for index in present.indices where present[index] & firsts[index] != 0 { return true }
        return false
    }

    /// The word numbers present, in increasing order, among those in `candidates`.
    func presentWords(among candidates: [UInt64], _ body: (WordID) -> Void) {
        for index in present.indices {
            var bits = present[index] & candidates[index]
            while bits != 0 {
                body(WordID(index * 64 + bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
    }

    private mutating func mark(_ id: WordID) {
        if id >= 0 { present[Int(id) >> 6] |= 1 << UInt64(id & 63) }
    }

    private func isPresent(_ id: WordID) -> Bool { id >= 0 && present[Int(id) >> 6] & (1 << UInt64(id & 63)) != 0 }

    /// Each token-level match of a phrase, in order (`*` in a masked token matches one letter).
    func forEachMatch(of phrase: Phrase, _ body: (_ first: Int, _ last: Int) -> Void) {
        let words = phrase.words
        guard !words.isEmpty, tokens.count >= words.count else { return }
        let first = vocabulary.phraseWords[words.lowerBound], firstSqueezed = vocabulary.phraseSqueezed[words.lowerBound]
        guard mayContain(first, squeezed: firstSqueezed) else { return }
        for start in 0...(tokens.count - words.count) where same(start, first, squeezed: firstSqueezed) {
            var ok = true
            for offset in 1..<words.count where !same(start + offset, vocabulary.phraseWords[words.lowerBound + offset],
                                                      squeezed: vocabulary.phraseSqueezed[words.lowerBound + offset]) {
                ok = false
                break
            }
            if ok { body(start, start + words.count - 1) }
        }
    }

    func contains(_ phrase: Phrase) -> Bool {
        var found = false
        forEachMatch(of: phrase) { _, _ in found = true }
        return found
    }

    /// Whether token `index` is `word` (whose squeezed form is `squeezed`).
    func same(_ index: Int, _ word: WordID, squeezed: WordID) -> Bool {
        let token = tokens[index]
        if token.text == word || token.raw == word || (token.squeezed == squeezed && squeezed >= 0) { return true }
        guard !masked.isEmpty, let letters = masked.first(where: { $0.token == index })?.letters else { return false }
        let target = Array(String(decoding: vocabulary.word(word), as: UTF8.self))
        return letters.count == target.count && zip(letters, target).allSatisfy { $0 == "*" || $0 == $1 }
    }

    static func symbolBit(_ scalar: Unicode.Scalar) -> UInt64 { scalar.isASCII ? 0 : 1 << UInt64(scalar.value & 63) }

    /// Whether every scalar beyond ASCII of a symbol (given as `symbolBit`s) may be in the text.
    func mayContain(symbol bits: UInt64) -> Bool { !isASCII && symbolBits & bits == bits }

    /// Offsets (Unicode scalars) of every occurrence of `needle` (a symbol's scalars without U+FE0F, which
    /// the text may or may not carry) in the text. Symbols are never plain ASCII, so plain text has none.
    func occurrences(of needle: [Unicode.Scalar]) -> [(start: Int, end: Int)] {
        guard !needle.isEmpty, !isASCII else { return [] }
        var found: [(Int, Int)] = []
        var index = 0
        while index < scalars.count {
            var i = index, j = 0
            while i < scalars.count && j < needle.count {
                if scalars[i] == "\u{FE0F}" { i += 1; continue }
                if scalars[i] != needle[j] { break }
                i += 1
                j += 1
            }
            if j == needle.count {
                found.append((index, i))
                index = i
            } else {
                index += 1
            }
        }
        return found
    }
}

/// The guide's informal words ("yg", "gk", "nmr") and what they stand for, found by their bytes.
struct InformalWords: Sendable {
    static let shared = InformalWords()

    private var words = ByteTable()
    private var replacements: [[UInt8]] = []

    private init() {
        for (informal, formal) in GuideLexicon.informal.sorted(by: { $0.key < $1.key }) {
            _ = words.insert(Array(informal.utf8))
            replacements.append(Array(formal.utf8))
        }
    }

    func replacement(_ word: ArraySlice<UInt8>) -> [UInt8]? {
        word.withUnsafeBufferPointer { words.find($0) }.map { replacements[$0] }
    }
}

extension Array {
    /// Empties the array, keeping its storage for the next post; an empty one is left alone.
    mutating func clear() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
