import Foundation

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, two digits a byte: how hashes and fingerprints are written.
    public var hexString: String {
        map { String(format: "%02x", $0) }.joined()
    }
}
