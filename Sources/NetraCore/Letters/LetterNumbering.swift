/// A region's letter numbering scheme, e.g. `800.1.10.4/{seq}/BKPSDM/PKAP/{year}`. The sequence itself
/// is issued by the store, which guarantees it never skips or repeats.
public struct LetterNumbering: Sendable, Codable, Equatable {
    public let pattern: String

    public static let standard = LetterNumbering(pattern: "800.1.10.4/{seq}/BKPSDM/PKAP/{year}")

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missingSequence
        public var description: String { "Pola penomoran surat harus memuat {seq}." }
    }

    public init(pattern: String) {
        self.pattern = pattern
    }

    public func validated() throws(Problem) -> LetterNumbering {
        guard pattern.contains("{seq}") else { throw .missingSequence }
        return self
    }

    public func number(sequence: Int, year: Int) -> String {
        pattern.replacingOccurrences(of: "{seq}", with: String(sequence)).replacingOccurrences(of: "{year}", with: String(year))
    }
}
