import Crypto
import Foundation

/// The 16-digit code a reporter keeps to follow their report. The last digit is a Luhn check digit,
/// so a mistyped code is caught before any lookup.
public struct ReceiptCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let digits: String

    public init?(_ text: String) {
        let digits = text.filter { !$0.isWhitespace && $0 != "-" }
        guard digits.count == 16, digits.allSatisfy({ $0.isASCII && $0.isNumber }), ReceiptCode.luhnValid(digits) else { return nil }
        self.digits = digits
    }

    /// A new random code from `random` (the live generator in production, a seeded one in tests).
    public static func generate(using random: inout some RandomNumberGenerator) -> ReceiptCode {
        var body = String(Int.random(in: 1...9, using: &random))
        for _ in 0..<14 { body += String(Int.random(in: 0...9, using: &random)) }
        return ReceiptCode(body + String(checkDigit(for: body)))!
    }

    /// "1234 5678 9012 3456", for reading aloud and writing down.
    public var grouped: String {
        stride(from: 0, to: 16, by: 4).map { offset in
            String(digits.dropFirst(offset).prefix(4))
        }.joined(separator: " ")
    }

    public var description: String { grouped }

    static func checkDigit(for body: String) -> Int {
        let sum = body.reversed().enumerated().reduce(0) { total, pair in
            var value = Int(String(pair.element))!
            if pair.offset % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            return total + value
        }
        return (10 - sum % 10) % 10
    }

    static func luhnValid(_ digits: String) -> Bool {
        checkDigit(for: String(digits.dropLast())) == Int(String(digits.last!))
    }
}

/// The reporter's secret: shown once, stored only as a hash.
public enum ReporterSecret {
    private static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// 20 characters from an unambiguous alphabet (100 bits), grouped in fives.
    public static func generate(using random: inout some RandomNumberGenerator) -> String {
        let characters = (0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<($0 + 5)]) }.joined(separator: "-")
    }

    /// What is stored: SHA-256 of the secret without separators, upper-cased. The secret has enough
    /// entropy that a slow hash adds nothing.
    public static func hash(_ secret: String) -> String {
        let normalized = secret.uppercased().filter { $0.isLetter || $0.isNumber }
        return SHA256.hash(data: Data(normalized.utf8)).hexString
    }
}
