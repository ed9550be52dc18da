import Foundation
import Testing
@testable import NetraCore

@Suite("BKPSDM screens a whole export of posts from the command line")
struct PostsScreeningTests {
    static func screener() throws -> Screener {
        Screener(region: try RegionElections.load(json: try FixtureFiles.data("screening/region-dev.json")))
    }

    static func post(_ line: String) -> ScreenedPost? {
        var line = line
        return line.withUTF8 { ScreenedPost(jsonLine: $0) }
    }

    @Test("a line is read as Foundation's JSONDecoder read it: decoded fields strictly, the rest leniently", arguments: [
        (#"{"id":"a","text":"x"}"#, "a"),
        (#"{"id":"a","id":"b"}"#, "a"),
        ("\u{FEFF}" + #"{"id":"bom"}"#, "bom"),
        (#" {"id" : "a" , "text" : "b" , }"#, "a"),
        (#"{"\u0069d":"escaped key"}"#, "escaped key"),
        (#"{"id":"a\u00e9\uD83D\uDE00\/\"\\\n"}"#, "aé😀/\"\\\n"),
        (#"{"id":"a","n":01,"m":1.5.5,"o":-,"p":[1,],"q":{"r":"\x\u0041"},"s":"\#u{01}\#u{FF}"}"#, "a"),
        (#"{"id":"a","text":null,"kind":null,"target":null,"label":{"partisan":true}}"#, "a"),
        (#"{"id":"a","x":[[[[[[[[[[]]]]]]]]]]}"#, "a"),
        (#"{"id":"a","target":{"author":"@x","text":"y","z":[{}]}}"#, "a"),
    ])
    func accepted(line: String, id: String) {
        #expect(Self.post(line)?.id == id, "\(line)")
    }

    @Test("a line that is not a post is refused", arguments: [
        "", "[]", "null", #"{"ID":"a"}"#, #"{"id":5}"#, #"{"id":"a"} x"#, #"{"id":"a",,"text":"b"}"#, #"{,"id":"a"}"#,
        #"{"id":"a","kind":3}"#, #"{"id":"a","target":"s"}"#, #"{"id":"a","target":{"text":5}}"#, #"{"id":"a","author":3}"#,
        #"{"id":"a","text":"x\#u{01}y"}"#, #"{"id":"a\#tb"}"#, #"{"id":"a\x"}"#, #"{"id":"\ud83d"}"#, #"{"id":"\ude00"}"#, #"{"id":"a","s":"\u12"}"#,
        #"{"id":"a","n":+1}"#, #"{"id":"a","n":.5}"#, #"{"id":"a","x":[1 2]}"#, #"{"id":"a","x":[,1]}"#, #"{"id":"a","t":tru}"#,
        #"{"id":"a","x":"#, "\u{0C}" + #"{"id":"a"}"#, #"{"id":"a","x":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
    ])
    func refused(line: String) {
        #expect(Self.post(line) == nil, "\(line)")
    }

    @Test("text that is not valid UTF-8 is refused in a decoded field, passed over elsewhere")
    func invalidUTF8() {
        let bad: [UInt8] = Array(#"{"id":"a","text":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let elsewhere: [UInt8] = Array(#"{"id":"a","x":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)
        let surrogate: [UInt8] = Array(#"{"id":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8)
        #expect(bad.withUnsafeBufferPointer { ScreenedPost(jsonLine: $0) } == nil)
        #expect(surrogate.withUnsafeBufferPointer { ScreenedPost(jsonLine: $0) } == nil)
        #expect(elsewhere.withUnsafeBufferPointer { ScreenedPost(jsonLine: $0) }?.id == "a")
    }

    /// Writes `lines` to a fresh file for the duration of `body`.
    static func withFile<T>(_ lines: [String], _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netra-posts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("posts.jsonl").path
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return try body(file)
    }

    @Test("results are written byte for byte as JSONEncoder writes them (sorted keys), ids and election names escaped alike")
    func resultJSON() throws {
        let region = try RegionElections.load(json: try FixtureFiles.data("screening/region-dev.json"))
        // An election whose name needs escaping, and ids that do.
        let elections = region.elections.enumerated().map { index, election in
            RegionElections.Election(id: index == 0 ? "pil\"bup\\/\u{1}é" : election.id, office: election.office, pairs: election.pairs)
        }
        let screener = Screener(region: RegionElections(region: region.region, elections: elections))
        var lines = try String(contentsOfFile: FixtureFiles.path("screening/posts-dev.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        for (index, id) in [#"q\"\\\/\u0000\u001f\u007f\n\t\u2028é"#, #"a\b\f\r"#, "😀/x"].enumerated() {
            lines.append(#"{"id":"\#(id)","text":"Ayo coblos bupati nomor \#(index + 1), #\#(["MadiNurul", "YusranAnton", "TegasNomor2"][index])"}"#)
        }
        let expected = lines.compactMap(Self.post).flatMap { screener.screen($0).jsonLine() }
        let results = lines.compactMap(Self.post).map(screener.screen)
        #expect(results.contains { $0.partisan && $0.election?.contains("\"") == true } && results.contains { !$0.partisan })
        var output: [UInt8] = []
        _ = try Self.withFile(lines) { try PostsScreening.run(path: $0, screener: screener, threads: 2, format: .jsonLines, output: { output += $0 }) }
        #expect(output == expected)

        // Every score a result can have, as JSONEncoder writes the double.
        let encoder = JSONEncoder()
        var scratch = [UInt8](repeating: 0, count: 64)
        for thousandths in 0...1000 {
            let score = Double(thousandths) / 1000
            let written = scratch.withUnsafeMutableBufferPointer { buffer in
                var writer = JSONLineWriter(buffer.baseAddress!, capacity: buffer.count)
                writer.write(score: score)
                return Array(buffer[0..<writer.count])
            }
            #expect(written == Array(try encoder.encode(score)), "\(score)")
        }
    }

    @Test("an export is screened on every core in its own order, blank and broken lines counted, a line longer than a block read whole",
          arguments: [1, 3])
    func wholeExport(threads: Int) throws {
        let screener = try Self.screener()
        let posts = try String(contentsOfFile: FixtureFiles.path("screening/posts-dev.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        let long = #"{"id":"long","text":"jangan lupa coblos nomor 2 "# + String(repeating: "dukung Pak Yus ✌️ ", count: 400) + #""}"#
        var lines: [String] = []
        var broken: [Int] = []
        for (index, post) in posts.enumerated() {
            lines.append(index % 7 == 0 ? post + "\r" : post)
            if index % 50 == 0 {
                lines.append("   ")
                lines.append(#"{"id": 5}"#)
                broken.append(lines.count)
            }
            if index == 100 { lines.append(long) }
        }
        var expected: [UInt8] = []
        var flags = 0
        for line in lines {
            guard let post = Self.post(line.hasSuffix("\r") ? String(line.dropLast()) : line) else { continue }
            let result = screener.screen(post)
            if result.partisan { flags += 1 }
            expected += result.jsonLine()
        }
        var output: [UInt8] = []
        var unreadable: [Int] = []
        var blocks = 0
        let totals = try Self.withFile(lines) { file in
            try PostsScreening.run(path: file, screener: screener, threads: threads, blockSize: 4096, format: .jsonLines,
                                   output: { output += $0 }, unreadable: { unreadable.append($0) }, progress: { _ in blocks += 1 })
        }
        #expect(output == expected)
        #expect(unreadable == broken)
        #expect(totals.posts == posts.count + 1 && totals.flags == flags && totals.unreadable == broken.count)
        #expect(blocks > 10)
    }

    @Test("1,500 disguised variants of the development posts are screened byte for byte as before the rewrite to bytes, on every path",
          arguments: [(1, 64 << 10), (2, 64 << 10), (2, 4 << 20)])
    func variants(threads: Int, blockSize: Int) throws {
        // With the default block the whole file is one block of some twenty shares, on tools handed from share to share.
        let screener = try Self.screener()
        let expected = Array(try FixtureFiles.data("screening/variants.expected.jsonl"))
        var output: [UInt8] = []
        var unreadable: [Int] = []
        let totals = try PostsScreening.run(path: FixtureFiles.path("screening/variants.jsonl"), screener: screener, threads: threads, blockSize: blockSize,
                                            format: .jsonLines, output: { output += $0 }, unreadable: { unreadable.append($0) })
        #expect(output == expected)
        #expect(unreadable == [361, 363, 452, 456, 1352] && totals.unreadable == 5 && totals.posts == expected.filter { $0 == 10 }.count)
        // One post at a time through the string API gives the same.
        var oneByOne: [UInt8] = []
        for line in try String(contentsOfFile: FixtureFiles.path("screening/variants.jsonl"), encoding: .utf8).split(separator: "\n") {
            Self.post(String(line)).map { oneByOne += screener.screen($0).jsonLine() }
        }
        #expect(oneByOne == expected)
    }

    @Test("a file that cannot be opened is an error, not an empty scan")
    func missingFile() throws {
        let screener = try Self.screener()
        #expect(throws: FileByteSource.OpenError.self) {
            try PostsScreening.run(path: "/nonexistent/posts.jsonl", screener: screener, format: .jsonLines, output: { _ in })
        }
    }
}
