/// Whether an upload's bytes are the container its first bytes claim: its boxes, chunks, segments or pages
/// are walked to the end, so a valid header stuck before something else (an executable behind an `ftyp`)
/// is refused. Structure only; the media themselves are never decoded. No Swift package in the fixed set
/// reads these containers, hence this small hand-written walker.
extension EvidenceType {
    public func isWellFormed(_ bytes: [UInt8]) -> Bool {
        var reader = ContainerReader(bytes)
        switch self {
        case .jpeg: return reader.jpeg()
        case .png: return reader.png()
        case .gif: return reader.gif()
        case .webp: return reader.riff()
        case .heic: return reader.isoMedia(required: ["meta"])
        case .mp4, .quicktime: return reader.isoMedia(required: ["moov", "moof"])
        case .webm: return reader.ebml()
        case .ogg: return reader.ogg()
        case .mpeg: return reader.mpegAudio()
        case .pdf: return reader.pdf()
        case .csv: return false
        }
    }
}

struct ContainerReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    func byte(_ at: Int) -> Int { Int(bytes[at]) }

    func bigEndian(_ at: Int, _ count: Int) -> Int {
        (0..<count).reduce(0) { $0 << 8 | byte(at + $1) }
    }

    func littleEndian(_ at: Int, _ count: Int) -> Int {
        (0..<count).reversed().reduce(0) { $0 << 8 | byte(at + $1) }
    }

    func matches(_ text: String, at: Int) -> Bool {
        let expected = Array(text.utf8)
        return at >= 0 && at + expected.count <= bytes.count && Array(bytes[at..<(at + expected.count)]) == expected
    }

    /// Markers with their lengths up to the start of scan, then an end-of-image somewhere after it (phones
    /// may append data, a motion photo's video say, after the image).
    mutating func jpeg() -> Bool {
        guard remaining >= 4, byte(0) == 0xFF, byte(1) == 0xD8 else { return false }
        offset = 2
        while remaining >= 4 {
            guard byte(offset) == 0xFF else { return false }
            let marker = byte(offset + 1)
            if marker == 0xFF { offset += 1; continue }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            let length = bigEndian(offset + 2, 2)
            guard length >= 2, offset + 2 + length <= bytes.count else { return false }
            if marker == 0xDA {
                let scan = offset + 2 + length
                guard scan < bytes.count - 1 else { return false }
                return (scan..<(bytes.count - 1)).contains { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xD9 }
            }
            offset += 2 + length
        }
        return false
    }

    /// Chunks with their CRCs, IHDR first, up to IEND.
    mutating func png() -> Bool {
        offset = 8
        var first = true
        while remaining >= 12 {
            let length = bigEndian(offset, 4)
            guard length <= remaining - 12 else { return false }
            let type = Array(bytes[(offset + 4)..<(offset + 8)])
            guard type.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return false }
            if first && type != Array("IHDR".utf8) { return false }
            first = false
            let crc = bigEndian(offset + 8 + length, 4)
            guard CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)]) == UInt32(crc) else { return false }
            offset += 12 + length
            if type == Array("IEND".utf8) { return true }
        }
        return false
    }

    /// Header, screen descriptor and colour table, then extension and image blocks up to the trailer.
    mutating func gif() -> Bool {
        guard remaining >= 13 else { return false }
        offset = 13
        if byte(10) & 0x80 != 0 { offset += 3 << ((byte(10) & 0x07) + 1) }
        while offset < bytes.count {
            switch byte(offset) {
            case 0x3B: return true
            case 0x21:
                offset += 2
                guard skipSubBlocks() else { return false }
            case 0x2C:
                guard remaining >= 11 else { return false }
                let flags = byte(offset + 9)
                offset += 10
                if flags & 0x80 != 0 { offset += 3 << ((flags & 0x07) + 1) }
                offset += 1
                guard skipSubBlocks() else { return false }
            default: return false
            }
        }
        return false
    }

    private mutating func skipSubBlocks() -> Bool {
        while offset < bytes.count {
            let size = byte(offset)
            offset += 1 + size
            if size == 0 { return offset <= bytes.count }
        }
        return false
    }

    /// RIFF's stated size is the file's, and its chunks tile it exactly.
    mutating func riff() -> Bool {
        guard remaining >= 12, littleEndian(4, 4) + 8 == bytes.count else { return false }
        offset = 12
        while remaining >= 8 {
            let size = littleEndian(offset + 4, 4)
            offset += 8 + size + (size & 1)
        }
        return offset == bytes.count || (offset == bytes.count + 1)
    }

    /// Top-level ISO media boxes tile the file, `ftyp` first, with at least one of `required`.
    func isoMedia(required: Set<String>) -> Bool {
        let boxes = ISOMediaBoxes.children(bytes, from: 0, to: bytes.count)
        guard boxes.last?.end == bytes.count, boxes.allSatisfy({ $0.type.utf8.allSatisfy { (0x20...0x7E).contains($0) } }) else { return false }
        let types = boxes.map(\.type)
        return types.first == "ftyp" && !required.isDisjoint(with: types)
    }

    /// The EBML header element, whole, followed by a Segment.
    mutating func ebml() -> Bool {
        offset = 4
        guard let size = vint(), size <= remaining else { return false }
        offset += size
        return remaining >= 4 && bigEndian(offset, 4) == 0x1853_8067
    }

    private mutating func vint() -> Int? {
        guard offset < bytes.count else { return nil }
        let first = byte(offset)
        guard first != 0 else { return nil }
        let length = first.leadingZeroBitCount - (Int.bitWidth - 8) + 1
        guard offset + length <= bytes.count else { return nil }
        var value = first & (0xFF >> length)
        for index in 1..<length { value = value << 8 | byte(offset + index) }
        offset += length
        return value
    }

    /// Ogg pages, each with its segment table, one after the other to the end.
    mutating func ogg() -> Bool {
        while remaining > 0 {
            guard remaining >= 27, matches("OggS", at: offset), byte(offset + 4) == 0 else { return false }
            let segments = byte(offset + 26)
            guard remaining >= 27 + segments else { return false }
            let body = (0..<segments).reduce(0) { $0 + byte(offset + 27 + $1) }
            guard remaining >= 27 + segments + body else { return false }
            offset += 27 + segments + body
        }
        return true
    }

    /// An optional ID3 tag, then three MPEG audio frames in a row, each found where the last one's length ends.
    mutating func mpegAudio() -> Bool {
        if matches("ID3", at: 0) {
            guard remaining >= 10 else { return false }
            offset = 10 + (0..<4).reduce(0) { $0 << 7 | (byte(6 + $1) & 0x7F) }
        }
        for _ in 0..<3 {
            guard remaining >= 4, byte(offset) == 0xFF, byte(offset + 1) & 0xE0 == 0xE0 else { return false }
            let version = (byte(offset + 1) >> 3) & 0x03, layer = (byte(offset + 1) >> 1) & 0x03
            let bitrateIndex = byte(offset + 2) >> 4, rateIndex = (byte(offset + 2) >> 2) & 0x03, padding = (byte(offset + 2) >> 1) & 0x01
            guard version != 1, layer == 1, (1...14).contains(bitrateIndex), rateIndex != 3 else { return false }
            let mpeg1 = version == 3
            let bitrate = (mpeg1 ? [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
                                 : [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160])[bitrateIndex - 1] * 1000
            let sampleRate = [44_100, 48_000, 32_000][rateIndex] / (mpeg1 ? 1 : (version == 2 ? 2 : 4))
            let length = (mpeg1 ? 144 : 72) * bitrate / sampleRate + padding
            guard length > 4 else { return false }
            offset += length
            if remaining == 0 { return true }
        }
        return true
    }

    /// A PDF ends with its end-of-file marker (within the last kilobyte, after a cross-reference pointer).
    func pdf() -> Bool {
        let tail = String(decoding: bytes.suffix(1024), as: UTF8.self)
        return tail.contains("%%EOF") && tail.contains("startxref")
    }
}

/// The boxes of an ISO media file (MP4, MOV, HEIC) between `start` and `end`, in order, as far as they are
/// well-formed: the container check asks that they tile the file, metadata removal walks into them.
enum ISOMediaBoxes {
    struct Box {
        let type: String
        let start: Int
        let body: Int
        let end: Int
    }

    static func children(_ bytes: [UInt8], from start: Int, to end: Int) -> [Box] {
        func bigEndian(_ at: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 << 8 | Int(bytes[at + $1]) } }
        var boxes: [Box] = []
        var offset = start
        while offset + 8 <= end {
            var size = bigEndian(offset, 4)
            var header = 8
            if size == 1, offset + 16 <= end { size = bigEndian(offset + 8, 8); header = 16 }
            if size == 0 { size = end - offset }
            guard size >= header, offset + size <= end else { break }
            boxes.append(Box(type: String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self), start: offset, body: offset + header, end: offset + size))
            offset += size
        }
        return boxes
    }
}

/// CRC-32 (the one PNG uses), table-driven.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        ~bytes.reduce(UInt32.max) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }
}
