/// A post's text prepared for screening: the guide's tokens (lower case, offsets kept), then repaired
/// for how people write on social media — leetspeak ("c0bl0s"), letters spaced or hyphenated
/// ("s e h a t i", "A-M-A-N-A-H"), masked letters ("p*slon"), stretched letters ("cobloosss").
struct ScreeningText {
    struct Token {
        /// Lower case, repaired.
        let text: String
        /// Lower case as tokenized, before leetspeak repair ("kalteng1damai" stays as written).
        let raw: String
        /// Letters repeated in a row reduced to one, for lenient comparison.
        let squeezed: String
        let start: Int
        let end: Int
        /// Written in capitals (two letters or more), or spelled out letter by letter: an emphasized word.
        let emphasized: Bool
    }

    let original: String
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    /// Every form of every token, so a phrase whose first word is absent is rejected at once.
    let forms: Set<String>
    /// A masked token ("p*slon") may stand for any word, so no phrase can be ruled out by its first word.
    let hasMask: Bool

    init(_ text: String) {
        original = text
        scalars = Array(text.unicodeScalars)
        let base = TokenizedText(text)
        var tokens: [Token] = []
        var index = 0
        let raw = base.tokens
        while index < raw.count {
            // Letters written one by one: "s e h a t i", "T-E-G-A-S". A run keeps one separator, so in
            // "P-R-O-F D-A-R-M-A" the space ends the first word.
            var run = index
            var separator: Unicode.Scalar?
            while run < raw.count && raw[run].text.count == 1 && raw[run].text.first!.isLetter {
                if run > index {
                    guard raw[run].start - raw[run - 1].end == 1 else { break }
                    let between = scalars[raw[run - 1].end]
                    if separator == nil { separator = between } else if separator != between { break }
                }
                run += 1
            }
            if run - index >= 3 {
                let word = raw[index..<run].map(\.text).joined()
                tokens.append(Self.make(word, raw: word, start: raw[index].start, end: raw[run - 1].end, emphasized: true))
                index = run
                continue
            }
            let token = raw[index]
            // A masked letter joins the pieces around it: "p*slon".
            if index + 1 < raw.count, raw[index + 1].start - token.end == 1, scalars[token.end] == "*" {
                let joined = token.text + "*" + raw[index + 1].text
                tokens.append(Self.make(joined, raw: joined, start: token.start, end: raw[index + 1].end, emphasized: false))
                index += 2
                continue
            }
            let emphasized = Self.writtenInCapitals(scalars[token.start..<token.end])
            tokens.append(Self.make(Self.unLeet(token.text), raw: token.text, start: token.start, end: token.end, emphasized: emphasized))
            index += 1
        }
        self.tokens = tokens
        forms = Set(tokens.flatMap { [$0.text, $0.raw, $0.squeezed] })
        hasMask = tokens.contains { $0.text.contains("*" as Character) }
    }

    /// Two letters or more, all capitals ("JANGAN LUPA"); plain ASCII is decided without case tables.
    static func writtenInCapitals(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        if word.allSatisfy(\.isASCII) {
            var capitals = 0
            for scalar in word {
                if scalar.value >= 0x61 && scalar.value <= 0x7A { return false }
                if scalar.value >= 0x41 && scalar.value <= 0x5A { capitals += 1 }
            }
            return capitals >= 2
        }
        let letters = String(String.UnicodeScalarView(word)).filter(\.isLetter)
        return letters.count >= 2 && letters == letters.uppercased() && letters != letters.lowercased()
    }

    static func make(_ text: String, raw: String, start: Int, end: Int, emphasized: Bool) -> Token {
        Token(text: text, raw: raw, squeezed: squeeze(text), start: start, end: end, emphasized: emphasized)
    }

    /// Digits inside a word are letters in disguise: 0→o, 4→a, 3→e, 1→i, 5→s, 7→t. Numbers stay numbers.
    static func unLeet(_ token: String) -> String {
        guard token.contains(where: \.isLetter), token.contains(where: \.isNumber) else { return token }
        let map: [Character: Character] = ["0": "o", "4": "a", "3": "e", "1": "i", "5": "s", "7": "t"]
        return String(token.map { map[$0] ?? $0 })
    }

    static func squeeze(_ text: String) -> String {
        var out = ""
        for character in text where out.last != character { out.append(character) }
        return out
    }

    /// Words to find in a row, each word's squeezed form made once (lexicons are searched in every post).
    struct Phrase: Sendable, ExpressibleByArrayLiteral {
        let words: [String]
        let squeezed: [String]

        init(_ words: [String]) {
            self.words = words
            squeezed = words.map(ScreeningText.squeeze)
        }

        init(arrayLiteral words: String...) { self.init(words) }
    }

    /// Token-level match of a phrase (`*` in a token matches one letter).
    func find(_ phrase: Phrase) -> [(first: Int, last: Int)] {
        let words = phrase.words
        guard !words.isEmpty, tokens.count >= words.count else { return [] }
        if !hasMask && !forms.contains(words[0]) && !forms.contains(phrase.squeezed[0]) { return [] }
        var found: [(Int, Int)] = []
        for start in 0...(tokens.count - words.count) {
            var ok = true
            for offset in words.indices where !Self.same(tokens[start + offset], words[offset], squeezed: phrase.squeezed[offset]) {
                ok = false
                break
            }
            if ok { found.append((start, start + words.count - 1)) }
        }
        return found
    }

    /// Whether `token` is `word` (whose squeezed form the caller has made once for all tokens).
    static func same(_ token: Token, _ word: String, squeezed: String) -> Bool {
        if token.text == word || token.raw == word || token.squeezed == squeezed { return true }
        guard token.text.contains("*" as Character), token.text.count == word.count else { return false }
        return zip(token.text, word).allSatisfy { $0 == "*" || $0 == $1 }
    }

    /// Offsets (Unicode scalars) of every occurrence of `symbol` in the original text.
    func occurrences(of symbol: String) -> [(start: Int, end: Int)] {
        let needle = Array(symbol.unicodeScalars.filter { $0 != "\u{FE0F}" })
        guard !needle.isEmpty else { return [] }
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
