/// What a reviewer needs from a flag: the behaviours the rulebook knows it as, and the text cut into
/// plain and highlighted pieces for display.
public enum FlagReview {
    /// Social-media support is always medsos_dukungan; a photo with a gesture is also foto_simbol, and
    /// handing out goods is also kegiatan_keberpihakan (the 2022 joint decree's list).
    public static func behaviours(for signals: [String]) -> [Behaviour] {
        var behaviours: [Behaviour] = [.medsosDukungan]
        if signals.contains("foto_bersama") && signals.contains("simbol_tangan") { behaviours.append(.fotoSimbol) }
        if signals.contains("pemberian_barang") { behaviours.append(.kegiatanKeberpihakan) }
        return behaviours
    }

    public struct Segment: Sendable, Codable, Equatable {
        public let text: String
        /// The signal that marked this piece, or nil for plain text.
        public let signal: String?
    }

    /// `text` cut at the spans (offsets in Unicode scalars); overlapping spans merge into the first.
    public static func segments(of text: String, spans: [ScreeningSpan]) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var position = 0
        for span in spans.sorted(by: { $0.start < $1.start }) where span.start >= position && span.end <= scalars.count && span.start < span.end {
            if span.start > position { segments.append(Segment(text: String(String.UnicodeScalarView(scalars[position..<span.start])), signal: nil)) }
            segments.append(Segment(text: String(String.UnicodeScalarView(scalars[span.start..<span.end])), signal: span.signal))
            position = span.end
        }
        if position < scalars.count { segments.append(Segment(text: String(String.UnicodeScalarView(scalars[position...])), signal: nil)) }
        return segments
    }
}
