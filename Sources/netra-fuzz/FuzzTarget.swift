import Foundation
import NetraCore

/// The parsers that take untrusted input, each with the properties that must hold for any bytes at all.
/// A broken property stops the process, which libFuzzer reports as a crash with the input that caused it.
enum FuzzTarget: String, CaseIterable {
    case nip, nik, csv, screening, postline, container

    /// Chosen with NETRA_FUZZ_TARGET (libFuzzer's own command line is not ours to extend).
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["NETRA_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("NETRA_FUZZ_TARGET must be one of \(allCases.map(\.rawValue))")
        }
        return target
    }()

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .nip: Self.nip(String(decoding: bytes, as: UTF8.self))
        case .nik: Self.nik(String(decoding: bytes, as: UTF8.self))
        case .csv: Self.csv(Array(bytes))
        case .screening: Self.screening(String(decoding: bytes, as: UTF8.self))
        case .postline: Self.postLine(bytes)
        case .container: Self.container(Array(bytes))
        }
    }

    /// A NIP that parses reads back the same from its digits and from its grouped form.
    private static func nip(_ text: String) {
        for layout in [NIP.Layout.pns, .pppk] {
            let reading = NIP.read(text, layout: layout)
            guard let parsed = try? NIP(text, layout: layout) else { continue }
            check(reading.nip == parsed, "read and init agree")
            check(parsed.digits.count == 18 && parsed.digits.allSatisfy(\.isASCII), "18 ASCII digits")
            check((try? NIP(parsed.digits, layout: layout)) == parsed, "digits read back")
            check((try? NIP(parsed.grouped, layout: layout)) == parsed, "grouped form reads back")
        }
    }

    /// The container walker ends on any bytes; a file it passes stays passed with bytes appended only where
    /// the format allows a tail (JPEG after its end marker, PNG after IEND).
    private static func container(_ bytes: [UInt8]) {
        guard let type = EvidenceType.sniff(bytes) else { return }
        let wellFormed = type.isWellFormed(bytes)
        if wellFormed && (type == .jpeg || type == .png) { check(type.isWellFormed(bytes + [0, 1, 2]), "a tail after the end is allowed") }
    }

    /// A NIK that parses reads back the same; its birth date and mask never fail.
    private static func nik(_ text: String) {
        guard let parsed = try? NIK(text) else { return }
        check(parsed.digits.count == 16, "16 digits")
        check((try? NIK(parsed.digits)) == parsed, "digits read back")
        check(parsed.masked.count == 16, "mask keeps the length")
        _ = parsed.birthDate(notAfter: LocalDate(year: 2030, month: 1, day: 1)!)
    }

    /// The same bytes give the same records whole and in small chunks, through both reading doors.
    private static func csv(_ bytes: [UInt8]) {
        let chunk = bytes.first.map { Int($0 % 17) + 1 } ?? 1
        let whole = records(CSVReader(source: MemoryByteSource(bytes)))
        let pieces = records(CSVReader(source: ChunkedBytes(bytes: bytes, size: chunk)))
        check(whole == pieces, "chunking does not change the records")
        var raw = CSVReader(source: ChunkedBytes(bytes: bytes, size: chunk))
        var record = CSVRawRecord()
        var rawRecords: [String] = []
        do {
            while try raw.next(into: &record) {
                let cells = (0..<record.count).map { record.string(at: $0) ?? "\u{FFFD}invalid" }
                rawRecords.append("\(record.line):" + cells.joined(separator: "\u{1F}"))
            }
        } catch {
            rawRecords.append("error")
        }
        let valid = whole.last != "error" && !rawRecords.contains { $0.contains("\u{FFFD}invalid") }
        if valid { check(rawRecords == whole, "byte and string records agree") }
    }

    private static func records<Source: ByteSource>(_ reader: CSVReader<Source>) -> [String] {
        var reader = reader
        var out: [String] = []
        do {
            while let record = try reader.next() { out.append("\(record.line):" + record.fields.joined(separator: "\u{1F}")) }
        } catch {
            out.append("error")
        }
        return out
    }

    private static let screener: Screener = {
        let path = ProcessInfo.processInfo.environment["NETRA_FUZZ_REGION"] ?? "Tests/NetraCoreTests/Fixtures/screening/region-dev.json"
        guard let data = FileManager.default.contents(atPath: path), let region = try? RegionElections.load(json: data) else {
            fatalError("cannot read the election data at \(path) (set NETRA_FUZZ_REGION)")
        }
        return Screener(region: region)
    }()

    /// A JSONL line read as a post reads back the same after Foundation writes that post out again, and
    /// screens with every span inside its text.
    private static func postLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let post = ScreenedPost(jsonLine: bytes) else { return }
        guard let again = (try? JSONEncoder().encode(post)).flatMap({ data in data.withUnsafeBytes { ScreenedPost(jsonLine: $0.bindMemory(to: UInt8.self)) } }) else {
            check(false, "a post written by JSONEncoder reads back")
            return
        }
        let fields = { (post: ScreenedPost) in [post.id, post.kind, post.author, post.text, post.platform, post.postedAt, post.target?.author, post.target?.text] }
        check(fields(post) == fields(again) && (post.target == nil) == (again.target == nil), "the same fields read back")
        check(post.text.map { String(decoding: Array($0.utf8), as: UTF8.self) == $0 } ?? true, "decoded text is valid UTF-8")
        screening(post.text ?? "")
    }

    /// Every span lies inside the text it points into, and the score is a number.
    private static func screening(_ text: String) {
        let half = text.unicodeScalars.count / 2
        let ownText = String(String.UnicodeScalarView(text.unicodeScalars.prefix(half)))
        let targetText = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(half)))
        for post in [ScreenedPost(id: "p", kind: "post", author: "a", text: text, target: nil),
                     ScreenedPost(id: "c", kind: "comment", author: "a", text: ownText, target: .init(author: "b", text: targetText))] {
            let result = screener.screen(post)
            check(result.score.isFinite, "finite score")
            for span in result.spans {
                let length = (span.in == "target" ? post.target?.text : post.text)?.unicodeScalars.count ?? 0
                check(0 <= span.start && span.start <= span.end && span.end <= length, "span \(span.start)..<\(span.end) inside \(length) scalars")
            }
        }
    }

    private static func check(_ condition: Bool, _ property: @autoclosure () -> String) {
        if !condition { fatalError("property broken: \(property())") }
    }
}

/// Bytes handed out a few at a time, as a slow upload or a file read would.
struct ChunkedBytes: ByteSource {
    let bytes: [UInt8]
    let size: Int
    var offset = 0

    mutating func nextChunk() throws -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        defer { offset += size }
        return Array(bytes[offset..<min(offset + size, bytes.count)])
    }
}
