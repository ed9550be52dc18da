/// A source of bytes read in chunks, so that files of any size stream in constant memory.
public protocol ByteSource {
    /// The next chunk, or nil at the end.
    mutating func nextChunk() throws -> [UInt8]?
}

/// Bytes already in memory (uploads, tests).
public struct MemoryByteSource: ByteSource {
    private var bytes: [UInt8]?

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func nextChunk() throws -> [UInt8]? {
        defer { bytes = nil }
        return bytes
    }
}

public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line on which the record starts (the header is line 1).
    public let line: Int
    public let fields: [String]
}

/// One record's cells as bytes. Its storage is reused from record to record.
public struct CSVRawRecord: Sendable {
    /// 1-based physical line on which the record starts.
    public private(set) var line = 0
    private var bytes: [UInt8] = []
    /// Where each finished cell starts and ends in `bytes`.
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var openStart = 0

    public init() {}

    public var count: Int { ends.count }

    public func fieldLength(_ index: Int) -> Int { ends[index] - starts[index] }

    /// The cell's bytes, or an empty slice past the last cell.
    public func field(_ index: Int) -> ArraySlice<UInt8> {
        index < ends.count ? bytes[starts[index]..<ends[index]] : []
    }

    /// The cell as text; nil when it is not valid UTF-8.
    public func string(at index: Int) -> String? {
        String(validating: field(index), as: UTF8.self)
    }

    mutating func clear(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        openStart = 0
    }

    /// The unquoted path: a delimiter at `offset` in the line being scanned (which `take` copies whole).
    mutating func cut(at offset: Int) {
        starts.append(openStart)
        ends.append(offset)
        openStart = offset + 1
    }

    /// The unquoted path: the whole line, its delimiters already cut.
    mutating func take(_ line: ArraySlice<UInt8>) {
        bytes.append(contentsOf: line)
        starts.append(openStart)
        ends.append(bytes.count)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func endField() {
        starts.append(openStart)
        ends.append(bytes.count)
        openStart = bytes.count
    }

    var openFieldIsBlank: Bool { bytes[openStart...].allSatisfy { $0 == 32 || $0 == 9 } }

    mutating func dropOpenField() { bytes.removeSubrange(openStart...) }
}

public enum CSVError: Error, Equatable, Sendable {
    case invalidUTF8(line: Int)
    case unterminatedQuote(line: Int)
}

/// Reads CSV as spreadsheets write it: an optional UTF-8 BOM, `,` or `;` (chosen from the header),
/// LF, CRLF or lone CR line ends mixed in one file, quoted fields with `""` and line breaks inside.
/// Written by hand because the registry contract needs the *physical* line of each record, which the
/// CSV packages do not report once a quoted field spans lines.
public struct CSVReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    private var started = false
    private var scratch = CSVRawRecord()
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    public init(source: Source) {
        self.source = source
    }

    /// The next non-blank record, or nil at the end of input.
    public mutating func next() throws -> CSVRecord? {
        var scratch = self.scratch
        defer { self.scratch = scratch }
        guard try next(into: &scratch) else { return nil }
        var fields: [String] = []
        fields.reserveCapacity(scratch.count)
        for index in 0..<scratch.count {
            guard let text = scratch.string(at: index) else { throw CSVError.invalidUTF8(line: scratch.line) }
            fields.append(text)
        }
        return CSVRecord(line: scratch.line, fields: fields)
    }

    /// The next non-blank record as bytes, written into `record` (its storage is reused, so a loop over
    /// millions of rows allocates nothing per row). False at the end of input. Cells are not checked
    /// for UTF-8 here: `CSVRawRecord.string(at:)` does that for the cells a caller reads.
    public mutating func next(into record: inout CSVRawRecord) throws -> Bool {
        if !started { try start() }
        while true {
            guard try ensureByte() else { return false }
            record.clear(line: line)
            if try !readUnquotedRecord(into: &record) {
                record.clear(line: line)
                try readRecord(into: &record)
            }
            if record.count == 1 && record.fieldLength(0) == 0 { continue }
            return true
        }
    }

    private mutating func start() throws {
        started = true
        // Look at the first line to pick the delimiter; refill until a line break or the end.
        while !finished && !buffer[position...].contains(where: { $0 == 10 || $0 == 13 }) {
            guard try refill() else { break }
        }
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
        // Only the first line as written counts, even if a quote is still open at its end: reading on would
        // make the choice depend on how much of the file has been read.
        var commas = 0, semicolons = 0, quoted = false
        for byte in buffer[position...] {
            if byte == 10 || byte == 13 { break }
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Appends the next chunk to the buffer, dropping what has been consumed. False at the end.
    private mutating func refill() throws -> Bool {
        guard !finished else { return false }
        guard let chunk = try source.nextChunk(), !chunk.isEmpty else {
            finished = true
            return false
        }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    private mutating func ensureByte() throws -> Bool {
        while position >= buffer.count {
            guard try refill() else { return false }
        }
        return true
    }

    /// The common case, a record on one line without quotes, found with one pass over the buffer and
    /// copied in one piece. False, with nothing consumed, when the record holds a quote.
    private mutating func readUnquotedRecord(into record: inout CSVRawRecord) throws -> Bool {
        let quote = UInt8(ascii: "\""), delimiter = self.delimiter
        while true {
            let start = position
            let end: Int? = buffer.withUnsafeBufferPointer { bytes in
                var index = start
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == delimiter {
                        record.cut(at: index - start)
                    } else if byte == 10 || byte == 13 {
                        return index
                    } else if byte == quote {
                        return -1
                    }
                    index += 1
                }
                return nil
            }
            if end == -1 { return false }
            if let end {
                record.take(buffer[start..<end])
                position = end + 1
                try consumeLineBreak(buffer[end])
                return true
            }
            let refilled = finished ? false : try refill()
            if !refilled {
                record.take(buffer[position...])
                position = buffer.count
                return true
            }
            record.clear(line: line)
        }
    }

    /// Any record: quoted cells with `""` and line breaks inside, spaces before an opening quote.
    private mutating func readRecord(into record: inout CSVRawRecord) throws {
        var inQuotes = false
        var quoteOpenedAtFieldStart = false
        let quote = UInt8(ascii: "\"")

        while true {
            guard try ensureByte() else {
                if inQuotes { throw CSVError.unterminatedQuote(line: record.line) }
                record.endField()
                return
            }
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == quote {
                    if try ensureByte(), buffer[position] == quote {
                        record.append(quote)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 13 || byte == 10 {
                        try consumeLineBreak(byte)
                        record.append(10)
                    } else {
                        record.append(byte)
                    }
                }
                continue
            }
            switch byte {
            case delimiter:
                record.endField()
                quoteOpenedAtFieldStart = false
            case 13, 10:
                try consumeLineBreak(byte)
                record.endField()
                return
            case quote where record.openFieldIsBlank && !quoteOpenedAtFieldStart:
                // Spaces before an opening quote are layout; the quote opens the field.
                record.dropOpenField()
                inQuotes = true
                quoteOpenedAtFieldStart = true
            default:
                record.append(byte)
            }
        }
    }

    /// Counts one physical line for LF, CRLF or a lone CR.
    private mutating func consumeLineBreak(_ byte: UInt8) throws {
        line += 1
        if byte == 13, try ensureByte(), buffer[position] == 10 {
            position += 1
        }
    }
}

extension CSVReader {
    /// The next record, with any failure (malformed CSV, unreadable source) turned into the caller's error type.
    public mutating func next<Failure: Error>(mappingErrors map: (any Error) -> Failure) throws(Failure) -> CSVRecord? {
        do { return try next() } catch { throw map(error) }
    }
}
