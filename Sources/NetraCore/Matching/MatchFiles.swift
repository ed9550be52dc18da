import Foundation
/// Problems with a matching input file as a whole.
public enum MatchFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(String)
    case missingColumns(file: String, columns: [String])
    case rawNIKInPseudonymizedMode(String)
    case csv(file: String, CSVError)
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .empty(let file): "\(file): berkas kosong."
        case .missingColumns(let file, let columns): "\(file): kolom wajib tidak ada: \(columns.joined(separator: ", "))."
        case .rawNIKInPseudonymizedMode(let file): "\(file): berisi kolom nik mentah; mode pseudonim hanya membaca token (jalankan `netra match pseudonymize` dahulu)."
        case .csv(let file, .invalidUTF8(let line)): "\(file): baris \(line) bukan teks UTF-8 yang sah."
        case .csv(let file, .unterminatedQuote(let line)): "\(file): tanda kutip di baris \(line) tidak ditutup."
        case .unreadable(let file, let reason): "\(file): tidak dapat dibaca (\(reason))."
        }
    }
}

extension MatchFileError {
    /// Reading `file` failed with `error`.
    static func reading(_ file: String) -> (any Error) -> MatchFileError {
        { error in (error as? CSVError).map { .csv(file: file, $0) } ?? .unreadable(file: file, reason: "\(error)") }
    }
}

/// Reads a file's header and gives each later record's cells by column name.
struct NamedColumns {
    private let index: [String: Int]

    init(header: [String]) {
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            let key = name.trimmingSpaces.lowercased().replacingOccurrences(of: " ", with: "_")
            if index[key] == nil { index[key] = position }
        }
        self.index = index
    }

    func has(_ name: String) -> Bool { index[name] != nil }

    func position(_ name: String) -> Int? { index[name] }

    func missing(_ names: [String]) -> [String] { names.filter { index[$0] == nil } }

    func value(_ name: String, in fields: [String]) -> String {
        guard let position = index[name], position < fields.count else { return "" }
        return fields[position].trimmingSpaces
    }
}

/// A support list as exported by the candidate or KPU side, plain (nik, nama, tanggal_lahir, …) or
/// pseudonymized (nik_token, name_dob_token, name_skeleton_token, pasangan), matched row by row as it
/// streams past. A row whose NIK is a clean 16 digits unknown to the registry costs no String at all.
public struct SupportListFile<Source: ByteSource> {
    /// What one row of the list came to.
    public enum Outcome: Sendable {
        case hits([MatchHit])
        case noHit
        case rejected(line: Int, reason: String)
    }

    private var reader: CSVReader<Source>
    private var record = CSVRawRecord()
    private let columns: NamedColumns
    let nikPosition: Int?
    /// `,` or `;`, as the header has it.
    var delimiter: UInt8 { reader.delimiter }
    private let name: String
    public let pseudonymized: Bool
    /// The column names as the file's header has them.
    public let header: [String]

    public init(source: Source, name: String, pseudonymized: Bool) throws(MatchFileError) {
        reader = CSVReader(source: source)
        self.name = name
        guard let header = try reader.next(mappingErrors: MatchFileError.reading(name)) else { throw .empty(name) }
        columns = NamedColumns(header: header.fields)
        self.header = header.fields
        self.pseudonymized = pseudonymized
        if pseudonymized {
            if columns.has("nik") { throw .rawNIKInPseudonymizedMode(name) }
            let missing = columns.missing(["nik_token", "name_dob_token"])
            if !missing.isEmpty { throw .missingColumns(file: name, columns: missing) }
        } else {
            let missing = columns.missing(["nik", "nama", "tanggal_lahir"])
            if !missing.isEmpty { throw .missingColumns(file: name, columns: missing) }
        }
        nikPosition = pseudonymized ? nil : columns.position("nik")
    }

    /// The next row matched against `matcher`. When the matcher compares NIKs only, malformed rows are
    /// passed over rather than rejected. Nil at the end of the list.
    public mutating func next(matchingWith matcher: SupportMatcher) throws(MatchFileError) -> Outcome? {
        let fuzzy = matcher.fuzzy
        do {
            guard try reader.next(into: &record) else { return nil }
        } catch {
            throw MatchFileError.reading(name)(error)
        }
        if let nikPosition, let key = NIKTable.key(record.field(nikPosition)), !matcher.knowsNIK(key), !fuzzy {
            return .noHit
        }
        switch try entry() {
        case .rejected(let line, let reason):
            return fuzzy ? .rejected(line: line, reason: reason) : .noHit
        case .accepted(let entry):
            let hits = matcher.match(entry)
            return hits.isEmpty ? .noHit : .hits(hits)
        }
    }

    /// The cells of the row last returned, as written (a reviewer's evidence of what the list said).
    public var currentCells: [String] {
        (0..<record.count).map { String(decoding: record.field($0), as: UTF8.self) }
    }

    private enum Reading {
        case accepted(SupportEntry)
        case rejected(line: Int, reason: String)
    }

    /// The current record as a supporter, its cells decoded.
    private func entry() throws(MatchFileError) -> Reading {
        let line = record.line
        var cells: [String: String] = [:]
        func cell(_ column: String) throws(MatchFileError) -> String {
            if let known = cells[column] { return known }
            guard let position = columns.position(column) else { return "" }
            guard let text = record.string(at: position) else { throw .csv(file: name, .invalidUTF8(line: line)) }
            let value = text.trimmingSpaces
            cells[column] = value
            return value
        }
        if pseudonymized {
            let tokens = try [cell("nik_token"), cell("name_dob_token"), cell("name_skeleton_token")].map { $0.isEmpty ? nil : $0 }
            guard tokens.contains(where: { $0 != nil }) else { return .rejected(line: line, reason: "tidak ada token") }
            return .accepted(SupportEntry(line: line, pair: try cell("pasangan"), nikToken: tokens[0], nameBirthToken: tokens[1], skeletonBirthToken: tokens[2]))
        }
        let entry = SupportEntry(line: line, pair: try cell("pasangan"), rawNIK: try cell("nik"), name: try cell("nama"),
                                 birthDate: LocalDate(humanInput: try cell("tanggal_lahir")))
        if entry.nik == nil {
            if entry.normalizedName.isEmpty { return .rejected(line: line, reason: "NIK tidak sah dan nama kosong") }
            if entry.effectiveBirthDate == nil { return .rejected(line: line, reason: "NIK tidak sah dan tanggal lahir tidak terbaca") }
        }
        return .accepted(entry)
    }
}

/// The ASN side: a registry export (nip, nik, nama, tanggal_lahir) or its pseudonymized form
/// (nip, nik_token, name_dob_token, name_skeleton_token). Rows without a NIP are skipped.
public enum ASNMatchFile {
    /// The file at `path`: a plain file where a line is a row is read on every core, any other row by row.
    /// `threads` and `minimumShare` as in `ParallelLines.scan`.
    public static func read(path: String, pseudonymized: Bool, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                            minimumShare: Int = 1 << 20) throws(MatchFileError) -> [MatchableASN] {
        if !pseudonymized, let people = try readInParallel(path: path, threads: threads, minimumShare: minimumShare) { return people }
        let source: FileByteSource
        do { source = try FileByteSource(path: path, chunkSize: 1 << 20) } catch { throw .unreadable(file: path, reason: "\(error)") }
        return try read(source, name: path, pseudonymized: pseudonymized)
    }

    public static func read(_ source: some ByteSource, name: String, pseudonymized: Bool) throws(MatchFileError) -> [MatchableASN] {
        var reader = CSVReader(source: source)
        let columns = try columns(of: &reader, name: name, pseudonymized: pseudonymized)
        let position = { (column: String) in columns.position(column) ?? Int.max }
        let nipAt = position("nip"), nikAt = position("nik"), nameAt = position("nama"), birthAt = position("tanggal_lahir")
        var people: [MatchableASN] = []
        var record = CSVRawRecord()
        while true {
            do {
                guard try reader.next(into: &record) else { break }
            } catch {
                throw MatchFileError.reading(name)(error)
            }
            if pseudonymized {
                let nip = String(decoding: record.field(nipAt).filter { $0 >= 48 && $0 <= 57 }, as: UTF8.self)
                guard !nip.isEmpty else { continue }
                let token = { (column: String) -> String? in
                    let value = (record.string(at: position(column)) ?? "").trimmingSpaces
                    return value.isEmpty ? nil : value
                }
                people.append(MatchableASN(nip: nip, nikToken: token("nik_token"), nameBirthToken: token("name_dob_token"),
                                           skeletonBirthToken: token("name_skeleton_token")))
            } else if let person = person(nip: record.field(nipAt), nik: record.field(nikAt), name: record.field(nameAt), birth: record.field(birthAt)) {
                people.append(person)
            }
        }
        return people
    }

    /// The header read and checked: the columns the mode needs are there, and no raw NIK in pseudonymized mode.
    private static func columns<Source>(of reader: inout CSVReader<Source>, name: String, pseudonymized: Bool) throws(MatchFileError) -> NamedColumns {
        guard let header = try reader.next(mappingErrors: MatchFileError.reading(name)) else { throw .empty(name) }
        let columns = NamedColumns(header: header.fields)
        if pseudonymized && columns.has("nik") { throw .rawNIKInPseudonymizedMode(name) }
        let required = pseudonymized ? ["nip", "nik_token", "name_dob_token"] : ["nip", "nik", "nama", "tanggal_lahir"]
        let missing = columns.missing(required)
        if !missing.isEmpty { throw .missingColumns(file: name, columns: missing) }
        return columns
    }

    /// One plain registry row, read from its cells' bytes (a million rows load without a String per cell);
    /// nil for a row without a NIP.
    static func person<Cell: Collection<UInt8>>(nip nipCell: Cell, nik: Cell, name: Cell, birth: Cell) -> MatchableASN? where Cell.Index == Int {
        let isDigit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
        let nip = nipCell.allSatisfy(isDigit) ? String(decoding: nipCell, as: UTF8.self) : String(decoding: nipCell.filter(isDigit), as: UTF8.self)
        guard !nip.isEmpty else { return nil }
        let text = { (cell: Cell) in (String(validating: cell, as: UTF8.self) ?? "").trimmingSpaces }
        let nikKey = NIKTable.key(nik) ?? (try? NIK(text(nik))).flatMap { UInt64($0.digits) }
        let birthDate = LocalDate(iso8601Bytes: birth) ?? LocalDate(humanInput: text(birth)) ?? (try? NIP(nip, layout: .pppk))?.birthDate
        return MatchableASN(nip: nip, nikKey: nikKey, name: String(decoding: name, as: UTF8.self), birthDate: birthDate)
    }

    private struct LoadedShare: @unchecked Sendable {
        var people: [MatchableASN] = []

        init(expectedPeople: Int) { people.reserveCapacity(expectedPeople) }

        /// Scratch space for one line's cells (pointers into the read buffer, valid during that line only).
        var cells: [UnsafeBufferPointer<UInt8>] = []
    }

    /// The plain file on every core (see `ParallelLines`); nil when a line is not a row there.
    private static func readInParallel(path: String, threads: Int, minimumShare: Int) throws(MatchFileError) -> [MatchableASN]? {
        let source: FileByteSource
        do { source = try FileByteSource(path: path) } catch { throw .unreadable(file: path, reason: "\(error)") }
        var reader = CSVReader(source: source)
        let columns = try columns(of: &reader, name: path, pseudonymized: false)
        guard let nipAt = columns.position("nip"), let nikAt = columns.position("nik"), let nameAt = columns.position("nama"),
              let birthAt = columns.position("tanggal_lahir") else { return nil }
        let separator = reader.delimiter, last = max(nipAt, nikAt, nameAt, birthAt)
        do {
            let scanned = try ParallelLines.scan(path: path, threads: threads, minimumShare: minimumShare, bufferSize: 1 << 20,
                                                 initial: { LoadedShare(expectedPeople: $0) }) { line, _, share in
                guard !line.isEmpty else { return }
                ParallelLines.cells(line, separator: separator, upTo: last + 1, into: &share.cells)
                let cells = share.cells
                let cell = { (index: Int) in index < cells.count ? cells[index] : UnsafeBufferPointer(start: nil, count: 0) }
                if let person = person(nip: cell(nipAt), nik: cell(nikAt), name: cell(nameAt), birth: cell(birthAt)) { share.people.append(person) }
            }
            guard var shares = scanned?.shares, !shares.isEmpty else { return scanned.map { _ in [] } }
            // The first share's array becomes the result, so a million people are copied once at most.
            var people: [MatchableASN] = []
            swap(&people, &shares[0].state.people)
            people.reserveCapacity(shares.reduce(0) { $0 + $1.state.people.count })
            for index in shares.indices.dropFirst() {
                people += shares[index].state.people
                shares[index].state.people = []
            }
            return people
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }
}

/// Writes the pseudonymized form of a support list or an ASN file: tokens instead of NIK and name.
public enum PseudonymizedWriter {
    public static let supportHeader = "nik_token,name_dob_token,name_skeleton_token,pasangan"
    public static let asnHeader = "nip,nik_token,name_dob_token,name_skeleton_token"

    public enum Kind: Sendable { case support, asn }

    /// Which kind a header belongs to: an ASN file has a nip column.
    public static func kind(ofHeader fields: [String]) -> Kind {
        NamedColumns(header: fields).has("nip") ? .asn : .support
    }

    /// The output line for one input record.
    public static func line(for fields: [String], header: [String], kind: Kind, using pseudonymizer: Pseudonymizer) -> String {
        let columns = NamedColumns(header: header)
        let cell = { (column: String) in columns.value(column, in: fields) }
        let rawNIK = cell("nik")
        let entry = SupportEntry(line: 0, pair: "", rawNIK: rawNIK, name: cell("nama"), birthDate: LocalDate(humanInput: cell("tanggal_lahir")))
        let birth = entry.effectiveBirthDate ?? (kind == .asn ? (try? NIP(cell("nip"), layout: .pppk))?.birthDate : nil)
        let nikToken = entry.nik.map(pseudonymizer.nikToken) ?? ""
        let nameToken = (birth != nil && !entry.normalizedName.isEmpty)
            ? pseudonymizer.nameBirthToken(normalizedName: entry.normalizedName, birthDate: birth!) : ""
        let skeletonToken = (birth != nil && !entry.normalizedName.isEmpty)
            ? pseudonymizer.skeletonBirthToken(normalizedName: entry.normalizedName, birthDate: birth!) : ""
        switch kind {
        case .support: return [nikToken, nameToken, skeletonToken, CSVField.escaped(cell("pasangan"))].joined(separator: ",")
        case .asn: return [cell("nip").filter { $0.isASCII && $0.isNumber }, nikToken, nameToken, skeletonToken].joined(separator: ",")
        }
    }

}
