import NetraCore
import NetraSamples
import Testing

/// #19 item 6: staff see a copy of a reporter's photo or film without EXIF, GPS, serial numbers or names.
@Suite("Metadata is removed from the copy staff see")
struct MetadataRemovalTests {
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        return bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    /// An EXIF segment (big-endian) with the orientation, the owner's name and a GPS-like tag.
    static func exif(orientation: UInt8) -> [UInt8] {
        let owner = Array("Budi Santoso SN-88412".utf8) + [0]
        // IFD0: 2 entries (Orientation, Artist pointing at the text after the IFD).
        let ifd: [UInt8] = [0, 2] + [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]
            + [0x01, 0x3B, 0, 2, 0, 0, 0, UInt8(owner.count), 0, 0, 0, 38] + [0, 0, 0, 0]
        let tiff = Array("MM".utf8) + [0, 0x2A, 0, 0, 0, 8] + ifd + owner + Array("GPS -6.2088 106.8456".utf8)
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        return [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
    }

    @Test("a JPEG loses EXIF, IPTC, comments and what follows its end, and keeps its orientation and its picture")
    func jpeg() throws {
        let plain = EvidenceSamples.jpeg(Array("gambar baliho".utf8))
        let comment = Array("Kamera milik Budi".utf8)
        let iptc = Array("Photoshop 3.0 Budi".utf8)
        var photo = Array(plain.prefix(20)) + Self.exif(orientation: 6)
        photo += [0xFF, 0xED, 0, UInt8(iptc.count + 2)] + iptc + [0xFF, 0xFE, 0, UInt8(comment.count + 2)] + comment
        photo += Array(plain.dropFirst(20)) + Array("video gerak Budi".utf8)
        #expect(EvidenceType.jpeg.isWellFormed(photo))
        let clean = try #require(EvidenceType.jpeg.withoutMetadata(photo))
        #expect(!Self.contains(clean, "Budi") && !Self.contains(clean, "GPS") && !Self.contains(clean, "SN-88412"))
        #expect(EvidenceType.jpeg.isWellFormed(clean) && Self.contains(clean, "gambar baliho") && Self.contains(clean, "JFIF"))
        // The orientation is kept in a minimal EXIF right after the JFIF segment.
        #expect(Array(clean[20..<26]) == [0xFF, 0xE1, 0, 34, 0x45, 0x78] && clean[20 + 4 + 6 + 8 + 2 + 9] == 6)
        // Upright photos need no EXIF at all.
        let upright = try #require(EvidenceType.jpeg.withoutMetadata(Array(plain.prefix(20)) + Self.exif(orientation: 1) + Array(plain.dropFirst(20))))
        #expect(upright == plain)
    }

    @Test("a PNG loses its text, EXIF and time chunks")
    func png() throws {
        let photo = EvidenceSamples.png(payload: Array("Author Budi Santoso".utf8))
        let clean = try #require(EvidenceType.png.withoutMetadata(photo))
        #expect(!Self.contains(clean, "Budi") && EvidenceType.png.isWellFormed(clean) && clean == EvidenceSamples.png())
    }

    @Test("an MP4 keeps every offset: its user-data and metadata boxes become free space of the same size")
    func mp4() throws {
        let udta = EvidenceSamples.box("udta", EvidenceSamples.box("©xyz", Array("+06.2088+106.8456/".utf8)) + EvidenceSamples.box("©mak", Array("Budi".utf8)))
        let track = EvidenceSamples.box("trak", EvidenceSamples.box("tkhd", [UInt8](repeating: 1, count: 20)) + EvidenceSamples.box("meta", Array("Budi".utf8)))
        let film = EvidenceSamples.box("ftyp", Array("isom".utf8) + [0, 0, 2, 0]) + EvidenceSamples.box("moov", track + udta)
            + EvidenceSamples.box("mdat", Array("gambar bergerak".utf8))
        #expect(EvidenceType.mp4.isWellFormed(film))
        let clean = try #require(EvidenceType.mp4.withoutMetadata(film))
        #expect(clean.count == film.count && EvidenceType.mp4.isWellFormed(clean))
        #expect(!Self.contains(clean, "Budi") && !Self.contains(clean, "106.8456") && Self.contains(clean, "gambar bergerak") && Self.contains(clean, "tkhd"))
    }

    @Test("a HEIC keeps its structure; its Exif item is zeroed where iloc says it lies")
    func heic() throws {
        let exifData = Array("Exif\0\0MM Budi GPS -6.2088".utf8)
        func assemble(offset: Int) -> [UInt8] {
            let infe = EvidenceSamples.box("infe", [2, 0, 0, 0, 0, 1, 0, 0] + Array("Exif".utf8) + [0])
            let iinf = EvidenceSamples.box("iinf", [0, 0, 0, 0, 0, 1] + infe)
            let iloc = EvidenceSamples.box("iloc", [0, 0, 0, 0, 0x44, 0x00, 0, 1, 0, 1, 0, 0, 0, 1]
                                                   + [UInt8(offset >> 24), UInt8(offset >> 16 & 0xFF), UInt8(offset >> 8 & 0xFF), UInt8(offset & 0xFF)]
                                                   + [0, 0, 0, UInt8(exifData.count)])
            let meta = EvidenceSamples.box("meta", [0, 0, 0, 0] + EvidenceSamples.box("hdlr", [UInt8](repeating: 0, count: 24)) + iinf + iloc)
            return EvidenceSamples.box("ftyp", Array("heic".utf8) + [0, 0, 0, 0]) + meta + EvidenceSamples.box("mdat", Array("piksel".utf8) + exifData)
        }
        let draft = assemble(offset: 0)
        let photo = assemble(offset: draft.count - exifData.count)
        #expect(EvidenceType.sniff(photo) == .heic && EvidenceType.heic.isWellFormed(photo))
        let clean = try #require(EvidenceType.heic.withoutMetadata(photo))
        #expect(clean.count == photo.count && !Self.contains(clean, "Budi") && Self.contains(clean, "piksel") && EvidenceType.heic.isWellFormed(clean))
    }

    @Test("types without removable metadata, and malformed files, give no copy")
    func unsupported() {
        #expect(EvidenceType.pdf.withoutMetadata(EvidenceSamples.pdf("surat")) == nil)
        #expect(EvidenceType.jpeg.withoutMetadata([0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0]) == nil)
    }
}
