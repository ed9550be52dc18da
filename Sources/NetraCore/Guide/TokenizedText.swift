/// Indonesian text as lowercase word tokens that remember where they came from, with the small
/// pattern language the guide's cues are written in:
/// - a pattern is words separated by spaces, matched as consecutive tokens;
/// - `word*` matches any token starting with `word` (Indonesian suffixes: -nya, -kan, -lah);
/// - `a|b` matches either alternative at that position.
struct TokenizedText {
    struct Token {
        let text: String
        /// Offsets in Unicode scalars of the original text.
        let start: Int
        let end: Int
    }

    struct Match {
        let first: Int
        let last: Int
    }

    let original: String
    let tokens: [Token]

    init(_ text: String) {
        original = text
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var offset = 0
        func flush() {
            if !current.isEmpty { tokens.append(Token(text: GuideLexicon.informal[current] ?? current, start: start, end: offset)) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if let folded = TokenizedText.fold(scalar) {
                if current.isEmpty { start = offset }
                current.append(folded)
            } else {
                flush()
            }
            offset += 1
        }
        flush()
        self.tokens = tokens
    }

    /// Letters and digits, lowercased, accents removed; everything else separates words
    /// (so "KTP-el" is "ktp el" and "WhatsApp-nya" is "whatsapp nya").
    private static func fold(_ scalar: Unicode.Scalar) -> Character? {
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        let lower = String(scalar).lowercased()
        let stripped = lower.withoutDiacritics()
        return stripped.first
    }

    /// Every place `pattern` matches.
    func matches(_ pattern: String) -> [Match] {
        let parts = pattern.split(separator: " ").map { $0.split(separator: "|").map(String.init) }
        guard !parts.isEmpty, tokens.count >= parts.count else { return [] }
        var found: [Match] = []
        for index in 0...(tokens.count - parts.count) {
            var ok = true
            for (offset, alternatives) in parts.enumerated() where !alternatives.contains(where: { Self.tokenMatches(tokens[index + offset].text, $0) }) {
                ok = false
                break
            }
            if ok { found.append(Match(first: index, last: index + parts.count - 1)) }
        }
        return found
    }

    static func tokenMatches(_ token: String, _ pattern: String) -> Bool {
        pattern.hasSuffix("*") ? token.hasPrefix(pattern.dropLast()) : token == pattern
    }

    func matches(any patterns: [String]) -> [Match] {
        patterns.flatMap { matches($0) }.sorted { $0.first < $1.first }
    }

    func contains(any patterns: [String]) -> Bool { !matches(any: patterns).isEmpty }

    /// Matches of `patterns` not preceded, within `window` tokens, by one of `negators`.
    func affirmed(_ patterns: [String], negators: [String], window: Int = 3) -> [Match] {
        matches(any: patterns).filter { match in
            let from = max(0, match.first - window)
            return !tokens[from..<match.first].contains { token in negators.contains { Self.tokenMatches(token.text, $0) } }
        }
    }

    /// Pairs of a match of `a` and a match of `b` at most `window` tokens apart (either order).
    func near(_ a: [Match], _ b: [Match], within window: Int) -> (Match, Match)? {
        for x in a {
            for y in b where abs(x.first - y.first) <= window || abs(x.last - y.last) <= window {
                return (x, y)
            }
        }
        return nil
    }

    /// The original words of a match, for explanations.
    func phrase(_ match: Match) -> String {
        let scalars = Array(original.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[tokens[match.first].start..<tokens[match.last].end]))
    }

    func span(_ match: Match) -> (start: Int, end: Int) { (tokens[match.first].start, tokens[match.last].end) }
}

private extension String {
    /// Latin letters with accents as plain letters ("é" → "e"); other characters unchanged.
    func withoutDiacritics() -> String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0xE0...0xE5: result.append("a")
            case 0xE8...0xEB: result.append("e")
            case 0xEC...0xEF: result.append("i")
            case 0xF2...0xF6: result.append("o")
            case 0xF9...0xFC: result.append("u")
            case 0xE7: result.append("c")
            case 0xF1: result.append("n")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
