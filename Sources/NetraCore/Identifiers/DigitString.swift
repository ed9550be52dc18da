/// Shared cleaning of identifier numbers typed by people: spaces, dots and dashes are layout, not content.
enum DigitString {
    enum Problem: Error, Equatable {
        case excelScientific
        case nonDigit
        case length(Int)
    }

    static func isLayout(_ character: Character) -> Bool {
        character == " " || character == "." || character == "-" || character == "\u{00A0}" || character == "\t"
    }

    /// Excel turns long numbers into "1.98E+17" (or "1,98E+17" in an Indonesian locale), destroying digits.
    static func looksLikeExcelScientific(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return false }
        let mantissa = upper[..<e]
        let exponent = upper[upper.index(after: e)...].drop(while: { $0 == "+" })
        return !mantissa.isEmpty && !exponent.isEmpty
            && mantissa.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
            && exponent.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The digits of `raw` with layout removed, or the first problem found.
    static func clean(_ raw: String, expectedLength: Int) -> Result<[UInt8], Problem> {
        if let digits = plainDigits(raw, expectedLength: expectedLength) {
            return digits.count == expectedLength ? .success(digits) : .failure(.length(digits.count))
        }
        let text = raw.trimmingSpaces
        if looksLikeExcelScientific(text) { return .failure(.excelScientific) }
        var digits: [UInt8] = []
        digits.reserveCapacity(expectedLength)
        for character in text where !isLayout(character) {
            guard let ascii = character.asciiValue, ascii >= 48, ascii <= 57 else { return .failure(.nonDigit) }
            digits.append(ascii - 48)
        }
        guard digits.count == expectedLength else { return .failure(.length(digits.count)) }
        return .success(digits)
    }

    /// The usual case, only ASCII digits and ASCII layout: read byte by byte. Nil for anything else,
    /// which the general path above examines.
    private static func plainDigits(_ raw: String, expectedLength: Int) -> [UInt8]? {
        var digits: [UInt8] = []
        digits.reserveCapacity(expectedLength)
        for byte in raw.utf8 {
            switch byte {
            case 48...57: digits.append(byte - 48)
            case 32, 45, 46, 9: continue
            default: return nil
            }
        }
        return digits
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1) }
    }
}
