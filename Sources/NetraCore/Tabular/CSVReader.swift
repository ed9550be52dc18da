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
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    public init(source: Source) {
        self.source = source
    }

    /// The next non-blank record, or nil at the end of input.
    public mutating func next() throws -> CSVRecord? {
        if !started { try start() }
        while true {
            guard try ensureByte() else { return nil }
            let record = try readRecord()
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            return record
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
        var commas = 0, semicolons = 0, quoted = false
        for byte in buffer[position...] {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == 10 || byte == 13 { break }
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

    private mutating func readRecord() throws -> CSVRecord {
        let recordLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoteOpenedAtFieldStart = false
        let quote = UInt8(ascii: "\"")

        func finishField() throws {
            guard let text = String(validating: field, as: UTF8.self) else { throw CSVError.invalidUTF8(line: recordLine) }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }

        while true {
            guard try ensureByte() else {
                if inQuotes { throw CSVError.unterminatedQuote(line: recordLine) }
                try finishField()
                return CSVRecord(line: recordLine, fields: fields)
            }
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == quote {
                    if try ensureByte(), buffer[position] == quote {
                        field.append(quote)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 13 || byte == 10 {
                        try consumeLineBreak(byte)
                        field.append(10)
                    } else {
                        field.append(byte)
                    }
                }
                continue
            }
            switch byte {
            case delimiter:
                try finishField()
                quoteOpenedAtFieldStart = false
            case 13, 10:
                try consumeLineBreak(byte)
                try finishField()
                return CSVRecord(line: recordLine, fields: fields)
            case quote where field.allSatisfy({ $0 == 32 || $0 == 9 }) && !quoteOpenedAtFieldStart:
                // Spaces before an opening quote are layout; the quote opens the field.
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                quoteOpenedAtFieldStart = true
            default:
                field.append(byte)
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
