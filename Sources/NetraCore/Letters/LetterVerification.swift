/// The public check of a printed letter: its QR code carries a random code that opens a page showing the
/// letter's number, date, hash and status — enough to tell a genuine letter from a forged or altered one,
/// and nothing about the person it concerns.
public enum LetterVerification {
    /// Letters without look-alikes (no 0/o, 1/l/i), so a code typed from paper still works.
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    public static let codeLength = 20

    public static func newCode() -> String {
        var random = SystemRandomNumberGenerator()
        return newCode(using: &random)
    }

    public static func newCode(using random: inout some RandomNumberGenerator) -> String {
        String((0..<codeLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }

    /// The code as typed or scanned: lower case, spaces and dashes dropped; nil when it cannot be a code.
    public static func normalized(_ raw: String) -> String? {
        let code = raw.lowercased().filter { $0 != " " && $0 != "-" }
        guard code.count == codeLength, code.allSatisfy(alphabet.contains) else { return nil }
        return code
    }

    /// The path of a letter's verification page.
    public static func path(code: String) -> String { "/verifikasi/\(code)" }

    /// Where a letter stands, as its verification page says it.
    public enum Status: String, Sendable, Codable {
        case valid
        /// A first summons replaced by a second because the ASN did not appear.
        case superseded

        public var title: String {
            switch self {
            case .valid: "Sah — terdaftar di Netra"
            case .superseded: "Sah, telah diikuti surat panggilan kedua"
            }
        }
    }
}
