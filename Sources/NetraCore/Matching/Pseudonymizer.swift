import Crypto
import Foundation

/// Keyed tokens (HMAC-SHA256) that let two parties find the same person without exchanging NIKs:
/// both make tokens with a key they share, and only tokens cross the boundary.
public struct Pseudonymizer: Sendable {
    private let key: SymmetricKey

    public struct InvalidKey: Error, CustomStringConvertible {
        public var description: String { "Berkas kunci harus berisi minimal 32 bita (mis. keluaran `openssl rand -base64 32`)." }
    }

    /// From the contents of a key file: base64 of at least 32 bytes, or at least 32 bytes of text.
    public init(keyFileContents: String) throws {
        let trimmed = keyFileContents.trimmingCharacters(in: .whitespacesAndNewlines)
        if let data = Data(base64Encoded: trimmed), data.count >= 32 {
            key = SymmetricKey(data: data)
        } else if trimmed.utf8.count >= 32 {
            key = SymmetricKey(data: Data(trimmed.utf8))
        } else {
            throw InvalidKey()
        }
    }

    private func token(_ domain: String, _ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((domain + "\u{1F}" + value).utf8), using: key)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Token of a well-formed NIK (its 16 digits).
    public func nikToken(_ nik: NIK) -> String { token("nik", nik.digits) }

    /// Token of a normalized name with a birth date, for matching when the NIK is wrong.
    public func nameBirthToken(normalizedName: String, birthDate: LocalDate) -> String {
        token("nama-lahir", normalizedName + "|" + birthDate.iso8601)
    }

    /// Coarser token on the name's skeleton, tolerant of vowel typos and doubled letters.
    public func skeletonBirthToken(normalizedName: String, birthDate: LocalDate) -> String {
        token("kerangka-lahir", PersonName.skeleton(normalizedName) + "|" + birthDate.iso8601)
    }
}
