import NetraCore

/// The smallest well-formed files of each kind, for the tests: enough structure for Netra's container
/// checks (`EvidenceType.isWellFormed`), with a payload that makes each one distinct.
public enum EvidenceSamples {
    /// A JPEG: start, a JFIF segment, a start of scan, `payload` as the scan data, end.
    public static func jpeg(_ payload: [UInt8] = Array("foto".utf8)) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00] + payload.map { $0 == 0xFF ? 0xFE : $0 } + [0xFF, 0xD9]
    }

    /// A PNG header for `width` × `height` pixels with `payload` in a text chunk, and its end.
    public static func png(width: UInt32 = 64, height: UInt32 = 64, payload: [UInt8] = []) -> [UInt8] {
        let header = bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + (payload.isEmpty ? [] : chunk("tEXt", Array("Comment".utf8) + [0] + payload)) + chunk("IEND", [])
    }

    /// A PDF that ends as PDFs do.
    public static func pdf(_ text: String) -> [UInt8] {
        Array("%PDF-1.4\n% \(text)\nstartxref\n0\n%%EOF\n".utf8)
    }

    /// An MP4: a file-type box and an empty movie box.
    public static func mp4() -> [UInt8] {
        box("ftyp", Array("isom".utf8) + [0, 0, 2, 0] + Array("isommp41".utf8)) + box("moov", [])
    }

    public static func box(_ type: String, _ body: [UInt8]) -> [UInt8] {
        bigEndian(UInt32(8 + body.count)) + Array(type.utf8) + body
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(CRC32.checksum(body))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
}
