import Testing
@testable import NetraCore

@Suite("CSV cells are written so a spreadsheet reads them back as written")
struct CSVFieldTests {
    @Test("quoting and formula neutralization", arguments: [
        ("Budi", false, "Budi"),
        ("Jl. Merdeka, RT 2", false, "\"Jl. Merdeka, RT 2\""),
        ("kata \"kutip\"", false, "\"kata \"\"kutip\"\"\""),
        ("=HYPERLINK(\"x\")", true, "\"'=HYPERLINK(\"\"x\"\")\""),
        ("-12", true, "'-12"),
        ("-12", false, "-12"),
    ])
    func escaping(value: String, formulaSafe: Bool, expected: String) {
        #expect(CSVField.escaped(value, formulaSafe: formulaSafe) == expected)
    }

    @Test("a written row reads back through the CSV reader")
    func roundTrip() throws {
        let cells = ["a,b", "c\"d", "baris\nbaru", "biasa"]
        var reader = CSVReader(source: MemoryByteSource(cells.map { CSVField.escaped($0) }.joined(separator: ",") + "\n"))
        #expect(try reader.next()?.fields == cells)
    }
}
