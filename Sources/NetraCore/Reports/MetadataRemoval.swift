/// A copy of an upload without what identifies its maker beyond the picture or film itself: EXIF (owner's
/// name, camera serial number, GPS position), XMP, IPTC, comments and text chunks. Staff see this copy; the
/// original stays sealed for the admin. The structure is rewritten, never the pixels: a JPEG keeps only its
/// orientation from EXIF (so it still shows upright), an MP4 or MOV has its user-data and metadata boxes
/// overwritten in place as `free` boxes (so no offset into the film moves), a HEIC has its Exif and XMP items
/// zeroed where they lie. No Swift package in the fixed set edits these containers, hence this hand-written code.
extension EvidenceType {
    /// Whether Netra can remove this type's metadata (not PDF, audio or WebM).
    public var hasRemovableMetadata: Bool {
        switch self {
        case .jpeg, .png, .webp, .gif, .mp4, .quicktime, .heic: true
        case .pdf, .webm, .ogg, .mpeg, .csv: false
        }
    }

    /// The copy without metadata; nil for a type whose metadata Netra cannot remove (PDF, audio, WebM), or
    /// when the bytes are not the well-formed container they claim to be.
    public func withoutMetadata(_ bytes: [UInt8]) -> [UInt8]? {
        guard hasRemovableMetadata, isWellFormed(bytes) else { return nil }
        switch self {
        case .jpeg: return MetadataRemoval.jpeg(bytes)
        case .png: return MetadataRemoval.png(bytes)
        case .webp: return MetadataRemoval.webp(bytes)
        case .gif: return MetadataRemoval.gif(bytes)
        case .mp4, .quicktime: return MetadataRemoval.isoMedia(bytes)
        case .heic: return MetadataRemoval.heic(bytes)
        case .pdf, .webm, .ogg, .mpeg, .csv: return nil
        }
    }
}

enum MetadataRemoval {
    static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reduce(0) { $0 << 8 | Int(bytes[at + $1]) }
    }

    // MARK: JPEG

    /// Segments before the scan are kept only when they carry the image (tables, frame, JFIF, ICC colour
    /// profile, Adobe colour transform); everything after the end marker (an appended video, say) is dropped.
    static func jpeg(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = [0xFF, 0xD8]
        var offset = 2
        var orientation: Int?
        while offset + 4 <= bytes.count {
            let marker = Int(bytes[offset + 1])
            if marker == 0xFF { offset += 1; continue }
            let length = bigEndian(bytes, offset + 2, 2)
            let segment = Array(bytes[offset..<(offset + 2 + length)])
            if marker == 0xDA {
                guard let end = (offset..<(bytes.count - 1)).first(where: { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xD9 }) else { return nil }
                if let orientation, orientation != 1 {
                    // After a JFIF segment, which must come first when there is one.
                    let afterJFIF = output.count > 4 && output[3] == 0xE0 ? 4 + bigEndian(output, 4, 2) : 2
                    output.insert(contentsOf: exifWithOrientation(orientation), at: afterJFIF)
                }
                return output + bytes[offset..<(end + 2)]
            }
            if marker == 0xE1 {
                orientation = orientation ?? exifOrientation(Array(segment.dropFirst(4)))
            } else if marker == 0xE0 || marker == 0xEE || (marker == 0xE2 && segment.count > 15 && Array(segment[4..<15]) == Array("ICC_PROFILE".utf8))
                        || !(0xE0...0xEF).contains(marker) && marker != 0xFE {
                output += segment
            }
            offset += 2 + length
        }
        return nil
    }

    /// The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" payload.
    static func exifOrientation(_ payload: [UInt8]) -> Int? {
        guard payload.count >= 14, Array(payload.prefix(6)) == Array("Exif".utf8) + [0, 0] else { return nil }
        let tiff = Array(payload.dropFirst(6))
        let little = tiff[0] == 0x49
        func read(_ at: Int, _ count: Int) -> Int? {
            guard at >= 0, at + count <= tiff.count else { return nil }
            let slice = Array(tiff[at..<(at + count)])
            return (little ? slice.reversed() : slice).reduce(0) { $0 << 8 | Int($1) }
        }
        guard let ifd = read(4, 4), let entries = read(ifd, 2) else { return nil }
        for index in 0..<min(entries, 256) {
            let entry = ifd + 2 + index * 12
            if read(entry, 2) == 0x0112, let value = read(entry + 8, 2), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// An APP1 segment whose EXIF holds the orientation and nothing else.
    static func exifWithOrientation(_ orientation: Int) -> [UInt8] {
        let tiff: [UInt8] = Array("MM".utf8) + [0, 0x2A, 0, 0, 0, 8] + [0, 1] + [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation), 0, 0] + [0, 0, 0, 0]
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        return [0xFF, 0xE1, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
    }

    // MARK: PNG, WebP, GIF

    /// Without the text, EXIF and time chunks.
    static func png(_ bytes: [UInt8]) -> [UInt8] {
        let dropped: Set<String> = ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]
        var output = Array(bytes.prefix(8))
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = bigEndian(bytes, offset, 4)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if !dropped.contains(type) { output += bytes[offset..<(offset + 12 + length)] }
            offset += 12 + length
            if type == "IEND" { break }
        }
        return output
    }

    /// Without the EXIF and XMP chunks, their flags cleared in the extended header and the RIFF size set anew.
    static func webp(_ bytes: [UInt8]) -> [UInt8] {
        var output = Array(bytes.prefix(12))
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = (0..<4).reduce(0) { $0 | Int(bytes[offset + 4 + $1]) << (8 * $1) }
            let end = min(bytes.count, offset + 8 + size + (size & 1))
            var chunk = Array(bytes[offset..<end])
            let type = String(decoding: chunk.prefix(4), as: UTF8.self)
            if type == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x08 | 0x04) }
            if type != "EXIF" && type != "XMP " { output += chunk }
            offset = end
        }
        let riffSize = UInt32(output.count - 8)
        output.replaceSubrange(4..<8, with: (0..<4).map { UInt8((riffSize >> (8 * $0)) & 0xFF) })
        return output
    }

    /// Without comment extensions and application extensions other than the looping one (XMP lives in one).
    static func gif(_ bytes: [UInt8]) -> [UInt8] {
        var offset = 13
        if bytes[10] & 0x80 != 0 { offset += 3 << ((Int(bytes[10]) & 0x07) + 1) }
        var output = Array(bytes.prefix(offset))
        func subBlocksEnd(from start: Int) -> Int {
            var position = start
            while position < bytes.count, bytes[position] != 0 { position += 1 + Int(bytes[position]) }
            return min(bytes.count, position + 1)
        }
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x21:
                let label = bytes[offset + 1]
                let end = subBlocksEnd(from: offset + 2)
                let isLooping = label == 0xFF && offset + 14 <= bytes.count && Array(bytes[(offset + 3)..<(offset + 14)]) == Array("NETSCAPE2.0".utf8)
                if label != 0xFE && (label != 0xFF || isLooping) { output += bytes[offset..<end] }
                offset = end
            case 0x2C:
                let flags = Int(bytes[offset + 9])
                var end = offset + 10
                if flags & 0x80 != 0 { end += 3 << ((flags & 0x07) + 1) }
                end = subBlocksEnd(from: end + 1)
                output += bytes[offset..<end]
                offset = end
            default:
                output.append(bytes[offset])
                offset = bytes.count
            }
        }
        return output
    }

    // MARK: ISO media (MP4, MOV, HEIC)

    static let containers: Set<String> = ["moov", "trak", "mdia", "minf", "edts", "dinf", "stbl"]

    /// Every `udta`, `meta` and XMP `uuid` box, at the top or inside the movie and its tracks, becomes a
    /// `free` box of the same size with its content zeroed; nothing else moves.
    static func isoMedia(_ bytes: [UInt8]) -> [UInt8] {
        var output = bytes
        freeMetadataBoxes(in: &output, from: 0, to: output.count)
        return output
    }

    static func freeMetadataBoxes(in bytes: inout [UInt8], from start: Int, to end: Int) {
        for box in ISOMediaBoxes.children(bytes, from: start, to: end) {
            if ["udta", "meta", "uuid"].contains(box.type) {
                bytes.replaceSubrange((box.start + 4)..<(box.start + 8), with: Array("free".utf8))
                for index in box.body..<box.end { bytes[index] = 0 }
            } else if containers.contains(box.type) {
                freeMetadataBoxes(in: &bytes, from: box.body, to: box.end)
            }
        }
    }

    /// A HEIC's `meta` box is the picture's own structure, so it stays; the Exif and XMP items it lists are
    /// zeroed where their extents lie (in the file or in the `idat` box).
    static func heic(_ bytes: [UInt8]) -> [UInt8]? {
        guard let meta = ISOMediaBoxes.children(bytes, from: 0, to: bytes.count).first(where: { $0.type == "meta" }) else { return nil }
        let children = ISOMediaBoxes.children(bytes, from: meta.body + 4, to: meta.end)
        guard let iinf = children.first(where: { $0.type == "iinf" }), let iloc = children.first(where: { $0.type == "iloc" }) else { return bytes }
        let metadataItems = metadataItemIDs(bytes, iinf: iinf)
        guard !metadataItems.isEmpty else { return bytes }
        let idat = children.first(where: { $0.type == "idat" })
        var output = bytes
        for extent in extents(bytes, iloc: iloc, items: metadataItems, idatBody: idat?.body) {
            guard extent.offset >= 0, extent.offset + extent.length <= output.count else { return nil }
            for index in extent.offset..<(extent.offset + extent.length) { output[index] = 0 }
        }
        return output
    }

    /// The ids of the `Exif` items and the XMP (`mime` application/rdf+xml) items in `iinf`.
    static func metadataItemIDs(_ bytes: [UInt8], iinf: ISOMediaBoxes.Box) -> Set<Int> {
        guard iinf.body + 4 <= iinf.end else { return [] }
        let countSize = bytes[iinf.body] == 0 ? 2 : 4
        var ids: Set<Int> = []
        for entry in ISOMediaBoxes.children(bytes, from: iinf.body + 4 + countSize, to: iinf.end) where entry.type == "infe" {
            let version = Int(bytes[entry.body])
            guard version >= 2 else { continue }
            let idSize = version == 2 ? 2 : 4
            let idAt = entry.body + 4, typeAt = idAt + idSize + 2
            guard typeAt + 4 <= entry.end else { continue }
            let itemType = String(decoding: bytes[typeAt..<(typeAt + 4)], as: UTF8.self)
            let rest = String(decoding: bytes[(typeAt + 4)..<entry.end], as: UTF8.self)
            if itemType == "Exif" || (itemType == "mime" && rest.contains("rdf+xml")) { ids.insert(bigEndian(bytes, idAt, idSize)) }
        }
        return ids
    }

    /// The file ranges of `items` as `iloc` lists them (construction method 0: the file; 1: `idat`).
    static func extents(_ bytes: [UInt8], iloc: ISOMediaBoxes.Box, items: Set<Int>, idatBody: Int?) -> [(offset: Int, length: Int)] {
        var at = iloc.body
        guard at + 8 <= iloc.end else { return [] }
        let version = Int(bytes[at])
        at += 4
        let offsetSize = Int(bytes[at] >> 4), lengthSize = Int(bytes[at] & 0x0F)
        let baseSize = Int(bytes[at + 1] >> 4), indexSize = version >= 1 ? Int(bytes[at + 1] & 0x0F) : 0
        at += 2
        let countSize = version < 2 ? 2 : 4
        let count = bigEndian(bytes, at, countSize)
        at += countSize
        var ranges: [(offset: Int, length: Int)] = []
        for _ in 0..<count {
            let idSize = version < 2 ? 2 : 4
            guard at + idSize + 2 <= iloc.end else { break }
            let id = bigEndian(bytes, at, idSize)
            at += idSize
            var method = 0
            if version >= 1 { method = bigEndian(bytes, at, 2) & 0x0F; at += 2 }
            at += 2
            guard at + baseSize + 2 <= iloc.end else { break }
            let base = bigEndian(bytes, at, baseSize)
            at += baseSize
            let extentCount = bigEndian(bytes, at, 2)
            at += 2
            for _ in 0..<extentCount {
                at += indexSize
                guard at + offsetSize + lengthSize <= iloc.end else { return ranges }
                let offset = bigEndian(bytes, at, offsetSize), length = bigEndian(bytes, at + offsetSize, lengthSize)
                at += offsetSize + lengthSize
                guard items.contains(id) else { continue }
                if method == 0 { ranges.append((base + offset, length)) } else if method == 1, let idatBody { ranges.append((idatBody + base + offset, length)) }
            }
        }
        return ranges
    }
}
