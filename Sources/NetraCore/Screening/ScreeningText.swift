#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    }

    private(set) var tokens: [Token] = []
    private(set) var scalarCount = 0
    /// The text's bytes, kept only when it is not plain ASCII (symbols are looked for in those).
    private var symbolText: [UInt8] = []
    private(set) var isASCII = true
    /// A bit for each scalar beyond ASCII (by its value's low six bits), so a symbol absent from the text is
    /// ruled out without a search.
    private(set) var symbolBits: UInt64 = 0
    /// The letters of each masked token ("p*slon"), which may stand for any word of its length.
    private var masked: [(token: Int, letters: [Character])] = []
    /// By word number, a bit for each list of phrases (`PhraseIndex.bit`) that has a phrase beginning with it.
    private let phraseLists: [UInt64]
    /// The lists with a phrase beginning at some token here: a list without its bit is not searched.
    private(set) var lists: UInt64 = 0
    /// The tokens where a phrase may begin, in order, each with the lists that have a phrase beginning
    /// with it: a list's phrases are looked for only there.
    private(set) var starts: [(token: Int, lists: UInt64)] = []
    private let vocabulary: ScreeningVocabulary
    /// The tables of `byteKinds` and `separatorTable`, held here so that reading them costs no check of a global.
    private let kinds = ScreeningText.byteKinds
    private let separatorBits = ScreeningText.separatorTable

    private struct Piece {
        var start = 0, end = 0
        /// This piece's bytes, after the informal word replacement: where they lie in the post (`inPost`)
        /// when it is ASCII letters and digits as written — capitals and all, so they are lowered wherever
        /// they are read —, else in `folded`, in lower case.
        var textStart = 0, textEnd = 0
        var inPost = true
        /// The number of its text.
        var raw = ScreeningVocabulary.unknown
        var byteStart = 0, byteEnd = 0
        /// The scalar right after the piece (what ended it), or nil at the end of the text.
        var next: Unicode.Scalar?
        var ascii = true
        var capitals = 0
        var lowerCase = false
        /// Letters and digits both, in a piece of ASCII: the only kind leetspeak repair changes.
        var lettersAndDigits = false
        /// For a piece of ASCII: whether a letter or digit repeats the one before it, in lower case.
        var repeats = false
    }

    /// The pieces waiting to become tokens are `pieces[0..<pieceCount]`; the array only grows, so a piece
    /// is stored without the bookkeeping of an append.
    private var pieces: [Piece] = []
    private var pieceCount = 0
    private var folded: [UInt8] = []
    private var word: [UInt8] = []
    private var squeezedWord: [UInt8] = []
    /// The tokens' texts as strings, kept only for `words(_:)`.
    private var keepWords = false
    private var words: [String] = []

    var hasMask: Bool { !masked.isEmpty }
    /// No tokens and nothing beyond ASCII: no word and no symbol to find.
    var isEmpty: Bool { tokens.isEmpty && isASCII }

    init(vocabulary: ScreeningVocabulary, phraseLists: [UInt64] = []) {
        self.vocabulary = vocabulary
        self.phraseLists = phraseLists
    }

    mutating func load(_ text: String) {
        var text = text
        text.withUTF8 { load($0) }
    }

    /// A vocabulary of the guide's informal words alone, made once: enough to tokenize lexicon entries.
    private static let informalOnly = ScreeningVocabulary()

    /// The tokens' texts: how a lexicon entry is turned into the words it is matched by.
    static func words(_ text: String) -> [String] {
        var prepared = ScreeningText(vocabulary: informalOnly)
        prepared.keepWords = true
        prepared.load(text)
        return prepared.words
    }

    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>) {
        tokens.clear()
        starts.clear()
        lists = 0
        masked.clear()
        words.clear()
        split(bytes)
    }

    /// Turns the waiting pieces into tokens: letters written one by one are joined, and so are the pieces
    /// around a masked letter.
    private mutating func tokenizeWaitingPieces(_ bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < pieceCount {
            // Letters written one by one: "s e h a t i", "T-E-G-A-S". A run keeps one separator, so in
            // "P-R-O-F D-A-R-M-A" the space ends the first word.
            var run = index
            var separator: Unicode.Scalar?
            while run < pieceCount && isSingleLetter(pieces[run], bytes) {
                if run > index {
                    guard pieces[run].start - pieces[run - 1].end == 1, let between = pieces[run - 1].next else { break }
                    if separator == nil { separator = between } else if separator != between { break }
                }
                run += 1
            }
            if run - index >= 3 {
                word.clear()
                for piece in pieces[index..<run] { Self.appendText(of: piece, bytes, folded, to: &word) }
                append(start: pieces[index].start, end: pieces[run - 1].end, emphasized: true, leet: false)
                index = run
                continue
            }
            let piece = pieces[index]
            // A masked letter joins the pieces around it: "p*slon".
            if piece.next == "*", index + 1 < pieceCount, pieces[index + 1].start - piece.end == 1 {
                let following = pieces[index + 1]
                word.clear()
                Self.appendText(of: piece, bytes, folded, to: &word)
                word.append(UInt8(ascii: "*"))
                Self.appendText(of: following, bytes, folded, to: &word)
                masked.append((tokens.count, Array(String(decoding: word, as: UTF8.self))))
                append(start: piece.start, end: following.end, emphasized: false, leet: false)
                index += 2
                continue
            }
            append(piece, bytes, emphasized: writtenInCapitals(piece, bytes))
            index += 1
        }
        pieceCount = 0
    }

    /// Adds the token whose text (before leetspeak repair, when `leet`) is in `word`, numbered `raw` when known.
    private mutating func append(start: Int, end: Int, emphasized: Bool, leet: Bool, raw known: WordID? = nil) {
        let raw = known ?? word.withUnsafeBufferPointer { vocabulary.id($0) }
        var text = raw
        if leet && Self.unLeet(&word) { text = word.withUnsafeBufferPointer { vocabulary.id($0) } }
        let squeezed = word.withUnsafeBufferPointer { Self.squeezedID($0, text: text, vocabulary: vocabulary, scratch: &squeezedWord) }
        if keepWords { words.append(String(decoding: word, as: UTF8.self)) }
        add(Token(text: text, raw: raw, squeezed: squeezed, start: start, end: end, emphasized: emphasized))
    }

    /// Adds a plain piece as a token: its text is read where it lies, copied only for leetspeak repair (or
    /// to keep its words).
    private mutating func append(_ piece: Piece, _ bytes: UnsafeBufferPointer<UInt8>, emphasized: Bool) {
        var squeezed: WordID?
        if piece.inPost && !keepWords && !piece.lettersAndDigits {
            // ASCII letters or digits alone: nothing to repair, and what the scan saw tells whether letters repeat.
            let written = UnsafeBufferPointer(rebasing: bytes[piece.textStart..<piece.textEnd])
            squeezed = piece.repeats ? Self.squeezedLoweredID(written, vocabulary: vocabulary) : piece.raw
        } else if !piece.inPost {
            squeezed = folded.withUnsafeBufferPointer { folded in
                Self.squeezedID(UnsafeBufferPointer(rebasing: folded[piece.textStart..<piece.textEnd]), text: piece.raw, keepingWords: keepWords,
                                ascii: piece.ascii, lettersAndDigits: piece.lettersAndDigits, vocabulary: vocabulary, scratch: &squeezedWord)
            }
        }
        guard let squeezed else {
            word.clear()
            Self.appendText(of: piece, bytes, folded, to: &word)
            append(start: piece.start, end: piece.end, emphasized: emphasized, leet: true, raw: piece.raw)
            return
        }
        add(Token(text: piece.raw, raw: piece.raw, squeezed: squeezed, start: piece.start, end: piece.end, emphasized: emphasized))
    }

    /// The number of a piece of `folded`'s squeezed text; nil when the piece needs leetspeak repair first
    /// (or its words are kept), which goes the longer way.
    private static func squeezedID(_ text: UnsafeBufferPointer<UInt8>, text id: WordID, keepingWords: Bool, ascii: Bool, lettersAndDigits: Bool,
                                   vocabulary: ScreeningVocabulary, scratch: inout [UInt8]) -> WordID? {
        guard !keepingWords && !(ascii ? lettersAndDigits : mixesLettersAndDigits(text)) else { return nil }
        return squeezedID(text, text: id, vocabulary: vocabulary, scratch: &scratch)
    }

    /// Appends a piece's text in lower case, from the post or from `folded`.
    private static func appendText(of piece: Piece, _ bytes: UnsafeBufferPointer<UInt8>, _ folded: [UInt8], to word: inout [UInt8]) {
        if piece.inPost { appendLowered(UnsafeBufferPointer(rebasing: bytes[piece.textStart..<piece.textEnd]), to: &word) } else {
            word.append(contentsOf: folded[piece.textStart..<piece.textEnd])
        }
    }

    /// Appends a token, noting the lists with a phrase beginning at it. Inlined: most words come here
    /// straight from the scan, and a call cost half as much again as the append.
    @inline(__always)
    private mutating func add(_ token: Token) {
        let lists = lists(of: token.raw) | lists(of: token.text) | lists(of: token.squeezed)
        if lists != 0 {
            starts.append((tokens.count, lists))
            self.lists |= lists
        }
        tokens.append(token)
    }

    private func lists(of id: WordID) -> UInt64 { id >= 0 && Int(id) < phraseLists.count ? phraseLists[Int(id)] : 0 }

    /// The number of `word` squeezed, whose own number is `text`.
    private static func squeezedID(_ word: UnsafeBufferPointer<UInt8>, text: WordID, vocabulary: ScreeningVocabulary, scratch: inout [UInt8]) -> WordID {
        // Letters beyond ASCII repeat as byte sequences, which the byte check below does not see.
        var repeated = word.first.map { $0 >= 0x80 } ?? false
        for index in word.indices.dropFirst() where word[index] == word[index - 1] || word[index] >= 0x80 {
            repeated = true
            break
        }
        guard repeated else { return text }
        guard !word.contains(where: { $0 >= 0x80 }) else {
            squeeze(word, into: &scratch)
            return scratch.withUnsafeBufferPointer { vocabulary.id($0) }
        }
        // Squeezed on the stack: most such words are looked up and forgotten.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { out in
            vocabulary.id(UnsafeBufferPointer(rebasing: out[0..<squeezeASCII(word, into: out)]))
        }
    }

    /// The number of ASCII letters and digits as written in the post, in lower case and squeezed.
    private static func squeezedLoweredID(_ word: UnsafeBufferPointer<UInt8>, vocabulary: ScreeningVocabulary) -> WordID {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { out in
            vocabulary.id(UnsafeBufferPointer(rebasing: out[0..<squeezeASCII(word, into: out, lowering: true)]))
        }
    }

    /// Cuts the text into pieces of letters and digits, lower-cased, accents removed; everything else
    /// separates them (so "KTP-el" is "ktp el"). Counts the scalars as it goes.
    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>) {
        pieceCount = 0
        folded.clear()
        symbolText.clear()
        isASCII = true
        symbolBits = 0
        guard let base = bytes.baseAddress else {
            scalarCount = 0
            return
        }
        let kinds = self.kinds, separators = separatorBits
        // The piece being read, when `open` (not an optional: writing into one is slow). A piece of ASCII
        // letters and digits alone stays where it lies in the post, capitals and all.
        var current = Piece()
        var open = false
        var offset = 0
        var position = 0
        let count = bytes.count
        func close(_ next: Unicode.Scalar?) {
            guard open else { return }
            open = false
            var piece = current
            piece.end = offset
            piece.byteEnd = position
            piece.next = next
            if piece.inPost {
                piece.textEnd = position
                // Known already when the scan looked the word up (an informal word, on its way to its replacement).
                if piece.raw == ScreeningVocabulary.unknown {
                    piece.raw = vocabulary.id(lowering: base + piece.textStart, count: position - piece.textStart, readable: count - piece.textStart)
                }
            } else {
                piece.textEnd = folded.count
                piece.raw = vocabulary.id(folded[piece.textStart..<piece.textEnd])
            }
            if let formal = vocabulary.replacement(of: piece.raw) {
                if !piece.inPost { folded.removeSubrange(piece.textStart...) }
                piece.inPost = false
                piece.textStart = folded.count
                folded.append(contentsOf: vocabulary.word(formal))
                piece.textEnd = folded.count
                piece.raw = formal
                piece.lettersAndDigits = folded.withUnsafeBufferPointer { Self.mixesLettersAndDigits(UnsafeBufferPointer(rebasing: $0[piece.textStart...])) }
            }
            // A piece becomes a token at once, unless it may join its neighbours (a single letter, a letter
            // before "*"): then it waits, with those after it, for a piece that cannot.
            let joins = piece.next == "*" || isSingleLetter(piece, bytes)
            if pieceCount == 0 && !joins {
                append(piece, bytes, emphasized: writtenInCapitals(piece, bytes))
                return
            }
            if pieceCount == pieces.count { pieces.append(piece) } else { pieces[pieceCount] = piece }
            pieceCount += 1
            if !joins { tokenizeWaitingPieces(bytes) }
        }
        while position < count {
            let byte = base[position]
            if byte < 0x80 {
                let first = kinds[Int(byte)]
                guard first != 0 else {
                    if open { close(Unicode.Scalar(byte)) }
                    position += 1
                    offset += 1
                    continue
                }
                // A run of ASCII letters and digits; letters repeated in a row are told in lower case.
                var end = position + 1
                var found = first, repeats = false
                var capitals = Int(first >> 2)
                var previous = byte | 0x20
                while end < count {
                    let next = base[end]
                    let kind = kinds[Int(next)]
                    guard kind != 0 else { break }
                    found |= kind
                    capitals &+= Int(kind >> 2)
                    repeats = repeats || next | 0x20 == previous
                    previous = next | 0x20
                    end += 1
                }
                let length = end - position
                let mixed = found & Self.digit != 0 && found & (Self.lowerCase | Self.capital) != 0
                if !open {
                    // The common word, a whole run that no letter or "*" follows: nothing to join, replace,
                    // repair or squeeze, so it becomes a token without being a piece.
                    var raw = ScreeningVocabulary.unknown
                    if pieceCount == 0 && !repeats && !mixed && !keepWords && (length > 1 || found & Self.digit != 0) && Self.endsWord(bytes, at: end, separators: separators) {
                        raw = vocabulary.id(lowering: base + position, count: length, readable: count - position)
                        if vocabulary.replacement(of: raw) == nil {
                            add(Token(text: raw, raw: raw, squeezed: raw, start: offset, end: offset + length,
                                      emphasized: found & Self.lowerCase == 0 && capitals >= 2))
                            offset += length
                            position = end
                            continue
                        }
                    }
                    // An informal word (its number kept: the piece ends with this run) or anything else.
                    current = Piece(start: offset, textStart: position, raw: raw, byteStart: position)
                    open = true
                }
                current.repeats = current.repeats || repeats
                current.capitals += capitals
                current.lowerCase = current.lowerCase || found & Self.lowerCase != 0
                current.lettersAndDigits = current.lettersAndDigits || mixed
                if !current.inPost { Self.appendLowered(UnsafeBufferPointer(start: base + position, count: length), to: &folded) }
                offset += length
                position = end
                continue
            }
            if isASCII {
                isASCII = false
                symbolText.append(contentsOf: bytes)
            }
            let (scalar, length) = Self.decode(bytes, at: position)
            symbolBits |= Self.symbolBit(scalar)
            if let letter = Self.letter(scalar, separators: separators) {
                if !open {
                    current = Piece(start: offset, textStart: folded.count, inPost: false, byteStart: position)
                    open = true
                }
                if current.inPost {
                    // Letters beyond ASCII are changed (lower case, accents): the piece moves to `folded`.
                    let start = current.textStart
                    current.inPost = false
                    current.textStart = folded.count
                    Self.appendLowered(UnsafeBufferPointer(rebasing: bytes[start..<position]), to: &folded)
                }
                current.ascii = false
                folded.append(contentsOf: String(letter).utf8)
            } else {
                close(scalar)
            }
            position += length
            offset += 1
        }
        close(nil)
        if pieceCount > 0 { tokenizeWaitingPieces(bytes) }
        scalarCount = offset
    }

    /// Whether a piece of ASCII ending at `position` is a whole word: the text ends there or a separator
    /// other than "*" follows.
    @inline(__always)
    private static func endsWord(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, separators: [UInt64]) -> Bool {
        guard position < bytes.count else { return true }
        let next = bytes[position]
        if next < 0x80 { return next != UInt8(ascii: "*") }
        return letter(decode(bytes, at: position).0, separators: separators) == nil
    }

    /// A scalar beyond ASCII as the letter or digit it is in a piece (lower case, no accents); nil when it separates pieces.
    @inline(__always)
    private static func letter(_ scalar: Unicode.Scalar, separators: [UInt64]) -> Character? {
        isSeparator(scalar, separators) ? nil : TokenizedText.fold(scalar)
    }

    /// Appends ASCII letters and digits in lower case (each byte's 0x20 bit set, which leaves digits and
    /// lower case as they are).
    private static func appendLowered(_ run: UnsafeBufferPointer<UInt8>, to folded: inout [UInt8]) {
        let start = folded.count
        folded.append(contentsOf: run)
        folded.withUnsafeMutableBufferPointer { folded in
            for index in start..<folded.count { folded[index] |= 0x20 }
        }
    }

    /// By byte: 0 for a separator (or a byte beyond ASCII), else a bit for what it is (a capital is 4, so
    /// `kind >> 2` counts capitals). Made once and never freed: read through a pointer, a lookup costs no
    /// bounds check.
    private static let digit: UInt8 = 1, lowerCase: UInt8 = 2, capital: UInt8 = 4
    nonisolated(unsafe) private static let byteKinds: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0...255 {
            table[byte] = switch UInt8(byte) {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lowerCase
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): capital
            default: 0
            }
        }
        return UnsafePointer(table)
    }()

    /// Where the scalars beyond ASCII of posts mostly are — punctuation, symbols, dingbats, variation
    /// selectors and emoji —, each scalar's place in `separatorBits`.
    private static func separatorBit(_ value: UInt32) -> Int? {
        switch value {
        case 0x2000...0x2BFF: Int(value - 0x2000)
        case 0xFE00...0xFE0F: 0xC00 + Int(value - 0xFE00)
        case 0x1F000...0x1FAFF: 0xC40 + Int(value - 0x1F000)
        default: nil
        }
    }

    /// A bit for each scalar of those blocks that is neither a letter nor a digit, worked out once: their
    /// Unicode properties are slow to ask for every emoji of every post.
    private static let separatorTable: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: (0xC40 + 0xB00) / 64)
        for value in UInt32(0x2000)...0x1FAFF {
            guard let bit = separatorBit(value), let scalar = Unicode.Scalar(value), !scalar.properties.isAlphabetic,
                  scalar.properties.numericType == nil else { continue }
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return bits
    }()

    private static func isSeparator(_ scalar: Unicode.Scalar, _ separators: [UInt64]) -> Bool {
        guard let bit = separatorBit(scalar.value) else { return false }
        return separators[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// One scalar from valid UTF-8 (input is checked before it gets here; a bad byte reads as U+FFFD).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Unicode.Scalar, Int) {
        let first = UInt32(bytes[position])
        if first < 0x80 { return (Unicode.Scalar(UInt8(first)), 1) }
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        guard length > 1, position + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = first & (0xFF >> UInt32(length + 1))
        for index in 1..<length { value = (value << 6) | (UInt32(bytes[position + index]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    @inline(__always)
    private func isSingleLetter(_ piece: Piece, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = piece.textEnd - piece.textStart
        // A piece in the post may still have its capitals (0x20 lower-cases a letter, leaves a digit).
        if length == 1 { return (piece.inPost ? bytes[piece.textStart] | 0x20 : folded[piece.textStart]) >= 0x61 }
        // Only a letter beyond ASCII is one letter in several bytes, and such a piece is in `folded`.
        guard length > 1, !piece.inPost else { return false }
        return Self.isOneLetterBeyondASCII(folded[piece.textStart..<piece.textEnd])
    }

    private static func isOneLetterBeyondASCII(_ text: ArraySlice<UInt8>) -> Bool {
        guard text.contains(where: { $0 >= 0x80 }) else { return false }
        let string = String(decoding: text, as: UTF8.self)
        return string.count == 1 && string.first!.isLetter
    }

    /// Two letters or more, all capitals ("JANGAN LUPA"); plain ASCII is decided without case tables.
    @inline(__always)
    private func writtenInCapitals(_ piece: Piece, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if piece.ascii { return !piece.lowerCase && piece.capitals >= 2 }
        return Self.writtenInCapitals(UnsafeBufferPointer(rebasing: bytes[piece.byteStart..<piece.byteEnd]))
    }

    private static func writtenInCapitals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let letters = String(decoding: bytes, as: UTF8.self).filter(\.isLetter)
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
        word.withUnsafeMutableBufferPointer { word in
            guard mixesLettersAndDigits(UnsafeBufferPointer(word)) else { return false }
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
    }

    /// Letters repeated in a row reduced to one.
    static func squeeze(_ word: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        word.withUnsafeBufferPointer { squeeze($0, into: &out) }
        return out
    }

    private static func squeeze(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard word.contains(where: { $0 >= 0x80 }) else {
            out = [UInt8](unsafeUninitializedCapacity: word.count) { buffer, count in count = squeezeASCII(word, into: buffer) }
            return
        }
        var squeezed = ""
        for character in String(decoding: word, as: UTF8.self) where squeezed.last != character { squeezed.append(character) }
        out.clear()
        out.append(contentsOf: squeezed.utf8)
    }

    /// An ASCII word with each byte repeated in a row kept once, written from the start of `out` (as long
    /// as `word`); the number of bytes written. When `lowering`, the word is letters and digits, and is
    /// written (and compared) with each byte's 0x20 bit set: in lower case.
    private static func squeezeASCII(_ word: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, lowering: Bool = false) -> Int {
        let lower: UInt8 = lowering ? 0x20 : 0
        var count = 0
        for byte in word where count == 0 || out[count - 1] != byte | lower {
            out[count] = byte | lower
            count += 1
        }
        return count
    }

    /// Whether `phrase` is at the tokens from `start` on.
    func matches(_ phrase: Phrase, at start: Int) -> Bool {
        guard !phrase.words.isEmpty, start + phrase.words.count <= tokens.count else { return false }
        for (offset, word) in phrase.words.enumerated() where !same(start + offset, vocabulary.phraseWords[word], squeezed: vocabulary.phraseSqueezed[word]) {
            return false
        }
        return true
    }

    /// Whether token `index` is `word` (whose squeezed form is `squeezed`).
    func same(_ index: Int, _ word: WordID, squeezed: WordID) -> Bool {
        let token = tokens[index]
        if token.text == word || token.raw == word || (token.squeezed == squeezed && squeezed >= 0) { return true }
        return !masked.isEmpty && maskedToken(index, is: word)
    }

    /// Whether masked token `index` ("p*slon") may stand for `word`: kept apart, so that the common test
    /// above stays small enough to be inlined where phrases are matched.
    @inline(never)
    private func maskedToken(_ index: Int, is word: WordID) -> Bool {
        guard let letters = masked.first(where: { $0.token == index })?.letters else { return false }
        let target = Array(String(decoding: vocabulary.word(word), as: UTF8.self))
        return letters.count == target.count && zip(letters, target).allSatisfy { $0 == "*" || $0 == $1 }
    }

    static func symbolBit(_ scalar: Unicode.Scalar) -> UInt64 { scalar.isASCII ? 0 : 1 << UInt64(scalar.value & 63) }

    /// Whether every scalar beyond ASCII of a symbol (given as `symbolBit`s) may be in the text.
    func mayContain(symbol bits: UInt64) -> Bool { !isASCII && symbolBits & bits == bits }

    /// Where a search for a symbol stands: the byte to search from, and the byte up to which the scalars
    /// are counted (`scalars` of them), the end of the last match.
    struct SymbolSearch {
        fileprivate var search = 0, counted = 0, scalars = 0
    }

    /// The span (in Unicode scalars) of the next occurrence of `needle` in the text, nil when there is no
    /// more: a symbol's scalars without U+FE0F, which the text may or may not carry between them and before
    /// them (a span then starts at the first U+FE0F of the run). Symbols are never plain ASCII, so plain
    /// text has none. (A search to resume, not a closure: a closure would hold on to the symbol's arrays.)
    func nextOccurrence(of needle: [Unicode.Scalar], _ state: inout SymbolSearch) -> (start: Int, end: Int)? {
        guard !needle.isEmpty, !isASCII else { return nil }
        return symbolText.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress else { return nil }
            var first: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            var firstLength = 0
            withUnsafeMutableBytes(of: &first) { bytes in
                UTF8.encode(needle[0]) { unit in
                    bytes[firstLength] = unit
                    firstLength += 1
                }
            }
            while state.search < text.count {
                // Where the first scalar's bytes are (memmem is not in every C library).
                guard let found = memchr(base + state.search, Int32(first.0), text.count - state.search) else { break }
                let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                state.search = candidate + 1
                guard candidate + firstLength <= text.count,
                      withUnsafeBytes(of: &first, { memcmp(base + candidate, $0.baseAddress!, firstLength) }) == 0 else { continue }
                state.search = candidate + firstLength
                // The rest of the needle, each scalar after any number of U+FE0F.
                var byte = state.search, matched = 1
                while matched < needle.count && byte < text.count {
                    let (next, length) = Self.decode(text, at: byte)
                    if next != "\u{FE0F}" {
                        if next != needle[matched] { break }
                        matched += 1
                    }
                    byte += length
                }
                guard matched == needle.count else { continue }
                var start = candidate
                while start - 3 >= state.counted && text[start - 3] == 0xEF && text[start - 2] == 0xB8 && text[start - 1] == 0x8F { start -= 3 }
                let startIndex = state.scalars + Self.scalarCount(text, from: state.counted, to: start)
                state.scalars = startIndex + Self.scalarCount(text, from: start, to: byte)
                state.counted = byte
                state.search = byte
                return (startIndex, state.scalars)
            }
            state.search = text.count
            return nil
        }
    }

    func contains(symbol needle: [Unicode.Scalar]) -> Bool {
        var search = SymbolSearch()
        return nextOccurrence(of: needle, &search) != nil
    }

    /// The scalars in valid UTF-8 bytes: those that are not continuation bytes (0b10xxxxxx), counted eight
    /// bytes at a time by their two top bits.
    private static func scalarCount(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        let raw = UnsafeRawPointer(text.baseAddress!), ones: UInt64 = 0x0101_0101_0101_0101
        var count = 0, position = start
        while position + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            count += ((~word >> 7 | word >> 6) & ones).nonzeroBitCount
            position += 8
        }
        for position in position..<end where text[position] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

extension Array {
    /// Empties the array, keeping its storage for the next post; an empty one is left alone.
    mutating func clear() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
