import Foundation

/// Indonesian text as lowercase word tokens that remember where they came from, with the small
/// pattern language the guide's cues are written in:
/// - a pattern is words separated by spaces, matched as consecutive tokens;
/// - `word*` matches any token starting with `word` (Indonesian suffixes: -nya, -kan, -lah);
/// - `a|b` matches either alternative at that position.
/// Every report's text is read against hundreds of patterns, so each pattern is parsed once per process
/// and only tried where its first word occurs.
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
    /// Where each token text occurs.
    private let positions: [String: [Int]]

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
        var positions: [String: [Int]] = [:]
        for (index, token) in tokens.enumerated() { positions[token.text, default: []].append(index) }
        self.positions = positions
    }

    /// Letters and digits, lowercased, accents removed; everything else separates words
    /// (so "KTP-el" is "ktp el" and "WhatsApp-nya" is "whatsapp nya").
    static func fold(_ scalar: Unicode.Scalar) -> Character? {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: return Character(scalar)
        case 0x41...0x5A: return Character(Unicode.Scalar(scalar.value + 32)!)
        case 0...0x7F: return nil
        default: break
        }
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return nil }
        let lower = String(scalar).lowercased()
        let stripped = lower.withoutDiacritics()
        return stripped.first
    }

    /// Every place `pattern` matches.
    func matches(_ pattern: String) -> [Match] {
        let parts = CompiledPattern.named(pattern).parts
        guard !parts.isEmpty, tokens.count >= parts.count else { return [] }
        var starts: [Int]
        if parts[0].contains(where: \.isPrefix) {
            starts = (0...(tokens.count - parts.count)).filter { index in parts[0].contains { $0.matches(tokens[index].text) } }
        } else {
            starts = parts[0].flatMap { positions[$0.text] ?? [] }.filter { $0 <= tokens.count - parts.count }
            if parts[0].count > 1 { starts.sort() }
        }
        var found: [Match] = []
        for index in starts {
            var ok = true
            for (offset, alternatives) in parts.enumerated().dropFirst() where !alternatives.contains(where: { $0.matches(tokens[index + offset].text) }) {
                ok = false
                break
            }
            if ok { found.append(Match(first: index, last: index + parts.count - 1)) }
        }
        return found
    }

    static func tokenMatches(_ token: String, _ pattern: String) -> Bool { CompiledPattern.Alternative(pattern).matches(token) }

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

/// A pattern parsed into its positions' alternatives, kept for the life of the process (patterns are the
/// lexicon's, never user input).
private struct CompiledPattern: Sendable {
    struct Alternative: Sendable {
        let text: String
        /// `word*`: any token starting with `text`.
        let isPrefix: Bool

        init(_ word: some StringProtocol) {
            isPrefix = word.hasSuffix("*")
            text = String(isPrefix ? word.dropLast() : word[...])
        }

        func matches(_ token: String) -> Bool { isPrefix ? token.hasPrefix(text) : token == text }
    }

    let parts: [[Alternative]]

    private static let cache = Cache()

    static func named(_ pattern: String) -> CompiledPattern { cache.pattern(pattern) }

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var patterns: [String: CompiledPattern] = [:]

        func pattern(_ source: String) -> CompiledPattern {
            if let known = lock.withLock({ patterns[source] }) { return known }
            let parsed = CompiledPattern(parts: source.split(separator: " ").map { part in
                part.split(separator: "|").map(Alternative.init)
            })
            lock.withLock { patterns[source] = parsed }
            return parsed
        }
    }
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
