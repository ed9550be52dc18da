#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One JSONL line of a posts export, read straight from its bytes: the fields screening needs are
/// decoded into one reused buffer, everything else is only walked over. It accepts and rejects the lines
/// that Foundation's `JSONDecoder` does for `ScreenedPost` (which Netra used before): the fields it decodes
/// must be strings or null, with valid escapes and UTF-8; other values need only be well-nested, a trailing
/// comma is allowed, the first of two equal keys counts, and a byte order mark may open the line.
struct PostLine {
    /// Where a decoded string lies: in the line itself when it has no escapes, else in `strings`.
    struct Field {
        var start = 0
        var end = 0
        var inLine = false
    }

    enum Key: Int, CaseIterable { case id, kind, author, text, platform, postedAt, target, targetAuthor, targetText }

    /// The line last parsed: its fields are read from it, so they are valid only while its bytes are.
    private var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var strings: [UInt8] = []
    /// By key; a field is there only when its bit is in `present` (so a line starts without writing them).
    private var fields = [Field](repeating: Field(), count: Key.allCases.count)
    private var present: UInt16 = 0
    private(set) var hasTarget = false
    /// A bit for each key met, present or null: the first of two equal keys counts.
    private var seen: UInt16 = 0
    private var name: [UInt8] = []

    static let maximumDepth = 512

    init() {}

    /// Gives `body` a way to read each field's bytes (nil when it was missing or null).
    func withFields<T>(_ body: ((Key) -> UnsafeBufferPointer<UInt8>?) -> T) -> T {
        // The closure takes what it reads alone: capturing `self` would copy the whole line reader.
        let fields = fields, present = present, line = line
        return strings.withUnsafeBufferPointer { strings in
            body { key in
                guard present & 1 << key.rawValue != 0 else { return nil }
                let field = fields[key.rawValue]
                return UnsafeBufferPointer(rebasing: (field.inLine ? line : strings)[field.start..<field.end])
            }
        }
    }

    /// Replaces `out` with a field's bytes; false when it is missing or null.
    func copy(_ key: Key, into out: inout [UInt8]) -> Bool {
        out.clear()
        guard let field = field(key) else { return false }
        if field.inLine { out.append(contentsOf: UnsafeBufferPointer(rebasing: line[field.start..<field.end])) } else {
            out.append(contentsOf: strings[field.start..<field.end])
        }
        return true
    }

    /// A field's bytes where they lie in the line, valid while its bytes are; nil when it is missing,
    /// null or had escapes (then it is only in `copy(_:into:)`).
    func bytesInLine(_ key: Key) -> UnsafeBufferPointer<UInt8>? {
        guard let field = field(key), field.inLine else { return nil }
        return UnsafeBufferPointer(rebasing: line[field.start..<field.end])
    }

    private func field(_ key: Key) -> Field? { present & 1 << key.rawValue != 0 ? fields[key.rawValue] : nil }

    func string(_ key: Key) -> String? {
        withFields { field in field(key).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Reads a line; false when it is not a post (not JSON, not an object, no string `id`, a field of the wrong type).
    mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        strings.clear()
        present = 0
        seen = 0
        hasTarget = false
        self.line = line
        var reader = Reader(bytes: line)
        if line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF { reader.position = 3 }
        reader.skipSpace()
        guard reader.peek == UInt8(ascii: "{") else { return false }
        // The fields are written through one pointer for the whole line: an array's write checks its storage each time.
        var fields = self.fields
        self.fields = []
        let read = fields.withUnsafeMutableBufferPointer { object(&reader, into: $0, inTarget: false) }
        self.fields = fields
        guard read, field(.id) != nil else { return false }
        reader.skipSpace()
        return reader.atEnd
    }

    /// The field a member's name stands for, in the post or in its `target`.
    private static func key(_ name: UnsafeBufferPointer<UInt8>, inTarget: Bool) -> Key? {
        func named(_ literal: StaticString) -> Bool { memcmp(name.baseAddress!, literal.utf8Start, name.count) == 0 }
        switch name.count {
        case 2: return !inTarget && named("id") ? .id : nil
        case 4: return named("text") ? (inTarget ? .targetText : .text) : !inTarget && named("kind") ? .kind : nil
        case 6: return named("author") ? (inTarget ? .targetAuthor : .author) : !inTarget && named("target") ? .target : nil
        case 8: return !inTarget && named("platform") ? .platform : nil
        case 9: return !inTarget && named("posted_at") ? .postedAt : nil
        default: return nil
        }
    }

    /// An object whose members that are fields are decoded; the reader stands on its `{`.
    private mutating func object(_ reader: inout Reader, into fields: UnsafeMutableBufferPointer<Field>, inTarget: Bool) -> Bool {
        reader.position += 1
        reader.skipSpace()
        if reader.take(UInt8(ascii: "}")) { return true }
        while true {
            guard reader.peek == UInt8(ascii: "\"") else { return false }
            let key: Key?
            if let plain = reader.plainString() {
                key = Self.key(plain, inTarget: inTarget)
            } else {
                guard reader.decodeString(into: &name) else { return false }
                key = name.withUnsafeBufferPointer { Self.key($0, inTarget: inTarget) }
            }
            reader.skipSpace()
            guard reader.take(UInt8(ascii: ":")) else { return false }
            reader.skipSpace()
            if let key, seen & 1 << key.rawValue == 0 {
                seen |= 1 << key.rawValue
                if reader.takeLiteral("null") {
                    // Absent, as a missing key.
                } else if key == .target {
                    guard reader.peek == UInt8(ascii: "{"), object(&reader, into: fields, inTarget: true) else { return false }
                    hasTarget = true
                } else if reader.peek == UInt8(ascii: "\""), let plain = reader.plainString() {
                    let start = line.baseAddress!.distance(to: plain.baseAddress!)
                    fields[key.rawValue] = Field(start: start, end: start + plain.count, inLine: true)
                    present |= 1 << key.rawValue
                } else {
                    let start = strings.count
                    guard reader.peek == UInt8(ascii: "\""), reader.decodeString(into: &strings, keeping: true) else { return false }
                    fields[key.rawValue] = Field(start: start, end: strings.count)
                    present |= 1 << key.rawValue
                }
            } else {
                guard reader.skipValue(depth: 2) else { return false }
            }
            reader.skipSpace()
            if reader.take(UInt8(ascii: "}")) { return true }
            guard reader.take(UInt8(ascii: ",")) else { return false }
            reader.skipSpace()
            if reader.take(UInt8(ascii: "}")) { return true }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        @inline(__always)
        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        @inline(__always)
        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        @inline(__always)
        mutating func takeLiteral(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for index in 0..<count where bytes[position + index] != literal.utf8Start[index] { return false }
            position += count
            return true
        }

        /// Walks over a value without decoding it: strings to their closing quote, numbers as far as
        /// number characters go, containers to their end.
        mutating func skipValue(depth: Int) -> Bool {
            guard let first = peek else { return false }
            switch first {
            case UInt8(ascii: "\""):
                position += 1
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\\"):
                        // Only a \u escape is checked here: its four hex digits.
                        position += 2
                        if position <= bytes.count && bytes[position - 1] == UInt8(ascii: "u") && hex() == nil { return false }
                    case UInt8(ascii: "\""):
                        position += 1
                        return true
                    default: position += 1
                    }
                }
                return false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth <= PostLine.maximumDepth else { return false }
                let isObject = first == UInt8(ascii: "{")
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                position += 1
                skipSpace()
                if take(close) { return true }
                while true {
                    if isObject {
                        guard peek == UInt8(ascii: "\""), skipValue(depth: depth) else { return false }
                        skipSpace()
                        guard take(UInt8(ascii: ":")) else { return false }
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if take(close) { return true }
                    guard take(UInt8(ascii: ",")) else { return false }
                    skipSpace()
                    if take(close) { return true }
                }
            case UInt8(ascii: "t"): return takeLiteral("true")
            case UInt8(ascii: "f"): return takeLiteral("false")
            case UInt8(ascii: "n"): return takeLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                position += 1
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                        position += 1
                    default: return true
                    }
                }
                return true
            default: return false
            }
        }

        /// A string without escapes or control characters, in valid UTF-8, read where it lies (the reader
        /// stands on its opening quote and moves past the closing one); nil, not moving, for any other string.
        @inline(__always)
        mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
            var end = position + 1
            let base = UnsafeRawPointer(bytes.baseAddress!)
            while end < bytes.count {
                // Eight bytes at a time up to the first that is a quote, a backslash, a control character or
                // beyond ASCII. (Each test flags its first such byte exactly; only bytes after it may be flagged
                // wrongly, through a borrow.)
                while end + 8 <= bytes.count {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: end, as: UInt64.self))
                    let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
                    func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & high }
                    let special = word & high | (word &- 0x2020_2020_2020_2020) & high | zeroBytes(word ^ 0x2222_2222_2222_2222)
                        | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                    if special != 0 {
                        end += special.trailingZeroBitCount / 8
                        break
                    }
                    end += 8
                }
                guard end < bytes.count else { break }
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") {
                    let string = UnsafeBufferPointer(rebasing: bytes[position + 1..<end])
                    position = end + 1
                    return string
                }
                if byte >= 0x80 {
                    guard let length = validSequence(at: end) else { return nil }
                    end += length
                    continue
                }
                guard byte >= 0x20 && byte != UInt8(ascii: "\\") else { return nil }
                end += 1
            }
            return nil
        }

        /// A string value with its escapes resolved, appended to `out` (replacing it unless `keeping`);
        /// false on a bad escape, a lone surrogate, a control character or invalid UTF-8.
        mutating func decodeString(into out: inout [UInt8], keeping: Bool = false) -> Bool {
            if !keeping { out.clear() }
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return true
                case UInt8(ascii: "\\"):
                    guard position + 1 < bytes.count else { return false }
                    let escape = bytes[position + 1]
                    position += 2
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var value = hex() else { return false }
                        if value >= 0xD800 && value < 0xDC00 {
                            guard takeLiteral("\\u"), let low = hex(), low >= 0xDC00 && low < 0xE000 else { return false }
                            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        } else if value >= 0xDC00 && value < 0xE000 {
                            return false
                        }
                        out.append(contentsOf: String(Unicode.Scalar(value)!).utf8)
                    default: return false
                    }
                case 0..<0x20: return false
                case 0x20..<0x80:
                    // A run of plain characters is copied at once.
                    var end = position + 1
                    while end < bytes.count, bytes[end] >= 0x20 && bytes[end] < 0x80 && bytes[end] != UInt8(ascii: "\"") && bytes[end] != UInt8(ascii: "\\") {
                        end += 1
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
                    position = end
                default:
                    guard let length = validSequence(at: position) else { return false }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
                    position += length
                }
            }
            return false
        }

        private mutating func hex() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for index in 0..<4 {
                let byte = bytes[position + index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            position += 4
            return value
        }

        /// The length of the well-formed UTF-8 sequence at `position` (not overlong, no surrogates, at most U+10FFFF).
        private func validSequence(at position: Int) -> Int? {
            let first = bytes[position]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch first {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return nil
            }
            guard position + length <= bytes.count else { return nil }
            let second = bytes[position + 1]
            guard second >= low && second <= high else { return nil }
            for index in 2..<length where bytes[position + index] & 0xC0 != 0x80 { return nil }
            return length
        }
    }
}

extension ScreenedPost {
    /// The post a line holds, nil when the line is not one (see `PostLine`).
    public init?(jsonLine line: UnsafeBufferPointer<UInt8>) {
        var parsed = PostLine()
        guard parsed.parse(line) else { return nil }
        self.init(parsed)
    }

    init(_ line: PostLine) {
        self.init(id: line.string(.id)!, kind: line.string(.kind), author: line.string(.author), text: line.string(.text),
                  target: line.hasTarget ? Target(author: line.string(.targetAuthor), text: line.string(.targetText)) : nil,
                  platform: line.string(.platform), postedAt: line.string(.postedAt))
    }
}
