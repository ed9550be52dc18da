/// The pixel size an image declares in its header, read without decoding it. A few hundred bytes can declare
/// billions of pixels (a decompression bomb) that would exhaust the memory of whoever opens the file.
public struct ImageSize: Sendable, Equatable {
    public let width: Int
    public let height: Int

    public var pixels: Int { width * height }

    /// Beyond every camera a reporter carries (the largest phone sensors give 200 megapixels).
    public static let maxPixels = 250_000_000

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The declared size of a PNG, GIF, JPEG or WebP; nil for other types or a header too short to tell.
    public static func read(_ bytes: [UInt8], type: EvidenceType) -> ImageSize? {
        func bigEndian(_ offset: Int, _ count: Int) -> Int? {
            guard offset >= 0, offset + count <= bytes.count else { return nil }
            return bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
        }
        func littleEndian(_ offset: Int, _ count: Int) -> Int? {
            guard offset >= 0, offset + count <= bytes.count else { return nil }
            return bytes[offset..<(offset + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        switch type {
        case .png:
            guard let width = bigEndian(16, 4), let height = bigEndian(20, 4) else { return nil }
            return ImageSize(width: width, height: height)
        case .gif:
            guard let width = littleEndian(6, 2), let height = littleEndian(8, 2) else { return nil }
            return ImageSize(width: width, height: height)
        case .jpeg:
            return jpeg(bytes, bigEndian)
        case .webp:
            switch String(decoding: bytes.dropFirst(12).prefix(4), as: UTF8.self) {
            case "VP8X":
                guard let width = littleEndian(24, 3), let height = littleEndian(27, 3) else { return nil }
                return ImageSize(width: width + 1, height: height + 1)
            case "VP8 ":
                guard let width = littleEndian(26, 2), let height = littleEndian(28, 2) else { return nil }
                return ImageSize(width: width & 0x3FFF, height: height & 0x3FFF)
            case "VP8L":
                guard let bits = littleEndian(21, 4) else { return nil }
                return ImageSize(width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// Walks the JPEG segments to the first start-of-frame marker, which holds the size.
    private static func jpeg(_ bytes: [UInt8], _ bigEndian: (Int, Int) -> Int?) -> ImageSize? {
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            guard let length = bigEndian(offset + 2, 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = bigEndian(offset + 5, 2), let width = bigEndian(offset + 7, 2) else { return nil }
                return ImageSize(width: width, height: height)
            }
            offset += 2 + length
        }
        return nil
    }
}
