import Testing
@testable import NetraCore

/// Hands out its bytes a few at a time, so records straddle every possible chunk boundary.
private struct TrickleByteSource: ByteSource {
    var bytes: [UInt8]
    let size: Int
    mutating func nextChunk() throws -> [UInt8]? {
        guard !bytes.isEmpty else { return nil }
        let chunk = Array(bytes.prefix(size))
        bytes.removeFirst(chunk.count)
        return chunk
    }
}

@Suite("The CSV reader gives the same records whatever the chunking and whichever path a record takes")
struct CSVReaderTests {
    static let text = "\u{FEFF}nik;nama;catatan\r\n3201;Budi;biasa\n\n3202;\"Siti; Hj.\";\"dua\r\nbaris\"\r3203;  \"kutip \"\"x\"\"\";akhir\n3204;a\"b;\n3205;tanpa;akhir baris"
    static let expected: [CSVRecord] = [
        CSVRecord(line: 1, fields: ["nik", "nama", "catatan"]),
        CSVRecord(line: 2, fields: ["3201", "Budi", "biasa"]),
        CSVRecord(line: 4, fields: ["3202", "Siti; Hj.", "dua\nbaris"]),
        CSVRecord(line: 6, fields: ["3203", "kutip \"x\"", "akhir"]),
        CSVRecord(line: 7, fields: ["3204", "a\"b", ""]),
        CSVRecord(line: 8, fields: ["3205", "tanpa", "akhir baris"]),
    ]

    @Test("records, physical lines and cells", arguments: [1, 2, 3, 7, 64, 1 << 16])
    func chunked(size: Int) throws {
        var reader = CSVReader(source: TrickleByteSource(bytes: Array(Self.text.utf8), size: size))
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records == Self.expected)
    }

    @Test("the byte record reuses its storage and agrees with the text records")
    func rawRecords() throws {
        var reader = CSVReader(source: TrickleByteSource(bytes: Array(Self.text.utf8), size: 5))
        var record = CSVRawRecord()
        var seen: [CSVRecord] = []
        while try reader.next(into: &record) {
            seen.append(CSVRecord(line: record.line, fields: (0..<record.count).map { record.string(at: $0)! }))
        }
        #expect(seen == Self.expected)
        #expect(record.field(99).isEmpty)
    }

    /// Found by the fuzzer: a quote left open at the end of the first line made the delimiter depend on how
    /// much of the file had been read when it was chosen.
    @Test("the delimiter is chosen from the first line as written, whatever the chunking", arguments: [1, 2, 5, 1 << 16])
    func delimiterFromFirstLine(size: Int) throws {
        let text = "nip;nik;nama,\"x\ny\",a,b,c,d\n1;2;3\n"
        var reader = CSVReader(source: TrickleByteSource(bytes: Array(text.utf8), size: size))
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(reader.delimiter == UInt8(ascii: ";"))
        // A quote inside a cell is only a character.
        #expect(records == [CSVRecord(line: 1, fields: ["nip", "nik", "nama,\"x"]), CSVRecord(line: 2, fields: ["y\",a,b,c,d"]),
                            CSVRecord(line: 3, fields: ["1", "2", "3"])])
    }

    @Test("invalid UTF-8 is reported with its line, an open quote at the end too")
    func faults() throws {
        var reader = CSVReader(source: MemoryByteSource([0x61, 0x0A, 0xFF, 0xFE, 0x0A]))
        _ = try reader.next()
        #expect(throws: CSVError.invalidUTF8(line: 2)) { try reader.next() }
        var open = CSVReader(source: MemoryByteSource("a\n\"b\nc"))
        _ = try open.next()
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try open.next() }
    }
}
