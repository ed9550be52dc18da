/// Phrases found by their first word: for each word number, the phrases that begin with it (as written
/// or squeezed), so a text is searched only at its tokens where some phrase begins, and there only for
/// the phrases that begin with that token.
struct PhraseIndex: Sendable {
    typealias Phrase = ScreeningText.Phrase

    let phrases: [Phrase]
    /// This list's bit in `ScreeningText`'s `phraseLists` (lists may share one).
    let bit: UInt64
    /// `entries[offsets[word]..<offsets[word + 1]]` are the phrases beginning with `word`, in order.
    private let offsets: [Int32]
    private let entries: [Int32]

    init(_ phrases: [Phrase], vocabulary: ScreeningVocabulary, bit: UInt64) {
        self.phrases = phrases
        self.bit = bit
        var byFirstWord = [[Int32]](repeating: [], count: vocabulary.count)
        for (index, phrase) in phrases.enumerated() where !phrase.words.isEmpty {
            let first = vocabulary.phraseWords[phrase.words.lowerBound], squeezed = vocabulary.phraseSqueezed[phrase.words.lowerBound]
            byFirstWord[Int(first)].append(Int32(index))
            if squeezed != first { byFirstWord[Int(squeezed)].append(Int32(index)) }
        }
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(vocabulary.count + 1)
        for list in byFirstWord { offsets.append(offsets.last! + Int32(list.count)) }
        self.offsets = offsets
        entries = byFirstWord.flatMap { $0 }
    }

    typealias Match = (phrase: Int, first: Int, last: Int, span: (start: Int, end: Int))

    /// Every match, with its first and last token and its span in scalars, ordered by first token, then
    /// phrase. (The span is handed over so that no caller needs to hold on to `text` in its closure: that
    /// would copy it.)
    func forEachMatch(in text: ScreeningText, _ body: (Match) -> Void) {
        guard !phrases.isEmpty, text.hasMask || text.lists & bit != 0 else { return }
        // A masked token may stand for any word, so any phrase may begin anywhere.
        if text.hasMask {
            for start in text.tokens.indices {
                for index in phrases.indices { visit(index, at: start, in: text, body) }
            }
            return
        }
        for (start, lists) in text.starts where lists & bit != 0 {
            let token = text.tokens[start]
            let raw = range(token.raw), written = token.text == token.raw ? 0..<0 : range(token.text)
            let squeezed = token.squeezed == token.text || token.squeezed == token.raw ? 0..<0 : range(token.squeezed)
            switch (raw.isEmpty, written.isEmpty, squeezed.isEmpty) {
            case (true, true, true): continue
            case (false, true, true), (true, false, true), (true, true, false):
                for entry in raw.isEmpty ? (written.isEmpty ? squeezed : written) : raw { visit(Int(entries[entry]), at: start, in: text, body) }
            default:
                // Two forms of the token begin phrases (leetspeak or stretched letters): each phrase once, in
                // order, merged from the forms' lists (each in phrase order).
                var cursors = (raw.lowerBound, written.lowerBound, squeezed.lowerBound)
                func next(_ cursor: Int, _ range: Range<Int>) -> Int32 { cursor < range.upperBound ? entries[cursor] : .max }
                while case let phrase = min(next(cursors.0, raw), next(cursors.1, written), next(cursors.2, squeezed)), phrase != .max {
                    if next(cursors.0, raw) == phrase { cursors.0 += 1 }
                    if next(cursors.1, written) == phrase { cursors.1 += 1 }
                    if next(cursors.2, squeezed) == phrase { cursors.2 += 1 }
                    visit(Int(phrase), at: start, in: text, body)
                }
            }
        }
    }

    /// Adds this list's bit to every word a phrase of it begins with.
    func mark(_ lists: inout [UInt64]) {
        for (word, next) in zip(offsets, offsets.dropFirst()).enumerated() where next.1 > next.0 { lists[word] |= bit }
    }

    func containsMatch(in text: ScreeningText) -> Bool { firstMatch(in: text) != nil }

    func firstMatch(in text: ScreeningText) -> Match? {
        var first: Match?
        forEachMatch(in: text) { match in if first == nil { first = match } }
        return first
    }

    private func visit(_ phrase: Int, at start: Int, in text: ScreeningText, _ body: (Match) -> Void) {
        guard text.matches(phrases[phrase], at: start) else { return }
        let last = start + phrases[phrase].words.count - 1
        body((phrase, start, last, (text.tokens[start].start, text.tokens[last].end)))
    }

    private func range(_ word: ScreeningVocabulary.WordID) -> Range<Int> {
        word < 0 ? 0..<0 : Int(offsets[Int(word)])..<Int(offsets[Int(word) + 1])
    }
}
