import NetraCore
import NetraSamples
import Testing

/// #19 item 13: an upload is the container its first bytes claim, walked to its end.
@Suite("Evidence containers")
struct EvidenceContainerTests {
    static let gif: [UInt8] = Array("GIF89a".utf8) + [2, 0, 2, 0, 0, 0, 0] + [0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0] + [2, 2, 0x4C, 0x01, 0] + [0x3B]
    static let webm: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x86, 0x81, 0x01, 0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
    static let webp: [UInt8] = Array("RIFF".utf8) + [16, 0, 0, 0] + Array("WEBP".utf8) + Array("VP8L".utf8) + [3, 0, 0, 0, 0x2F, 0, 0, 0]
    static let ogg: [UInt8] = Array("OggS".utf8) + [0, 2] + [UInt8](repeating: 0, count: 20) + [1, 3] + [1, 2, 3]
    /// An MPEG-1 Layer III frame at 128 kbit/s, 44.1 kHz: 417 bytes; three in a row.
    static let mp3: [UInt8] = Array(([0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 413)) + ([0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 413))
                                    + ([0xFF, 0xFB, 0x90, 0x00] + [UInt8](repeating: 0, count: 413)))

    @Test("well-formed files of every accepted kind pass, recognised by their first bytes")
    func wellFormed() {
        let samples: [(EvidenceType, [UInt8])] = [
            (.jpeg, EvidenceSamples.jpeg()), (.png, EvidenceSamples.png()), (.pdf, EvidenceSamples.pdf("surat")), (.mp4, EvidenceSamples.mp4()),
            (.gif, Self.gif), (.webm, Self.webm), (.webp, Self.webp), (.ogg, Self.ogg), (.mpeg, Self.mp3),
        ]
        for (type, bytes) in samples {
            #expect(EvidenceType.sniff(bytes) == type, "\(type)")
            #expect(type.isWellFormed(bytes), "\(type)")
        }
    }

    @Test("a right header before something else is refused: an executable, a cut file, a bad checksum, trailing boxes")
    func disguised() {
        let elf = [0x7F] + Array("ELF".utf8) + [UInt8](repeating: 0x90, count: 200)
        let png = EvidenceSamples.png()
        var badCRC = png
        badCRC[29] ^= 0xFF
        let cases: [(EvidenceType, [UInt8])] = [
            (.mp4, EvidenceSamples.box("ftyp", Array("isom".utf8)) + elf),
            (.mp4, EvidenceSamples.box("ftyp", Array("isom".utf8))),
            (.heic, EvidenceSamples.box("ftyp", Array("heic".utf8)) + EvidenceSamples.box("moov", [])),
            (.jpeg, [0xFF, 0xD8, 0xFF, 0xE0] + elf),
            (.jpeg, Array(EvidenceSamples.jpeg().dropLast(2))),
            (.png, Array(png.prefix(png.count - 12))),
            (.png, badCRC),
            (.png, Array(png.prefix(8)) + elf),
            (.gif, Array(Self.gif.dropLast())),
            (.webp, Self.webp + [0, 0]),
            (.webm, [0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x86] + elf),
            (.ogg, Self.ogg + elf),
            (.mpeg, Array("ID3".utf8) + [4, 0, 0, 0, 0, 0, 0] + elf),
            (.pdf, Array("%PDF-1.4".utf8) + elf),
        ]
        for (type, bytes) in cases {
            #expect(!type.isWellFormed(bytes), "\(type) \(bytes.prefix(12))")
        }
    }

    @Test("random bytes behind every header never crash the walker")
    func randomTails() {
        var generator = SystemRandomNumberGenerator()
        let heads: [[UInt8]] = [[0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array("GIF89a".utf8), Array("RIFF".utf8),
                                [0, 0, 0, 8] + Array("ftyp".utf8), [0x1A, 0x45, 0xDF, 0xA3], Array("OggS".utf8), Array("ID3".utf8), [0xFF, 0xFB]]
        for head in heads {
            for length in [0, 1, 3, 7, 16, 100, 1_000] {
                let bytes = head + (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if let type = EvidenceType.sniff(bytes) { _ = type.isWellFormed(bytes) }
            }
        }
    }
}
