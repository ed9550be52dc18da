/// The columns of a units file (`netra import units`): `kode,nama,induk,kepala_nip`.
public enum UnitTreeColumn: String, CaseIterable, Sendable, Codable {
    case code = "kode"
    case name = "nama"
    case parent = "induk"
    case headNIP = "kepala_nip"
    /// Optional: the Kemendagri code of the kecamatan (or desa) the unit sits in, for coverage per kecamatan.
    case regionCode = "kode_wilayah"

    var isRequired: Bool { self == .code || self == .name }
}

/// One unit as a file states it. `parentCode` nil: a perangkat daerah (a root of the tree).
public struct UnitRow: Sendable, Equatable {
    public let line: Int
    public let code: String
    public let name: String
    public let parentCode: String?
    public let headNIP: String?
    public let regionCode: String?

    public init(line: Int, code: String, name: String, parentCode: String?, headNIP: String?, regionCode: String? = nil) {
        self.line = line
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.headNIP = headNIP
        self.regionCode = regionCode
    }
}

extension UnitRow {
    /// A row from its cells as typed (in a file or on the units page), or every problem found in it.
    public static func checked(line: Int, code rawCode: String, name rawName: String, parent rawParent: String, head rawHead: String,
                               region rawRegion: String) -> (row: UnitRow?, problems: [UnitTreeProblem]) {
        let code = rawCode.trimmingSpaces, name = ASNRecord.tidyName(rawName.trimmingSpaces), parent = rawParent.trimmingSpaces
        let head = rawHead.trimmingSpaces, region = rawRegion.trimmingSpaces
        var problems: [UnitTreeProblem] = []
        func report(_ column: UnitTreeColumn, _ message: String) {
            problems.append(UnitTreeProblem(line: line, field: column, message: message))
        }
        if code.isEmpty { report(.code, "Kolom kode wajib diisi.") } else if !UnitCode.isValid(code) { report(.code, UnitCode.rule(code)) }
        if name.isEmpty { report(.name, "Kolom nama wajib diisi.") }
        if !parent.isEmpty && !UnitCode.isValid(parent) { report(.parent, UnitCode.rule(parent)) }
        if !parent.isEmpty && parent == code { report(.parent, "Unit \(code) tidak boleh menjadi induk dirinya sendiri.") }
        var headNIP: String?
        if !head.isEmpty {
            switch NIP.validDigits(head) {
            case .some(let digits): headNIP = digits
            case .none: report(.headNIP, "kepala_nip \"\(head)\" bukan NIP yang sah (18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut).")
            }
        }
        if !region.isEmpty && !RegionCode.isValid(region) {
            report(.regionCode, "kode_wilayah \"\(region)\" bukan kode Kemendagri (contoh 62.02.01 untuk kecamatan, 62.02.01.2001 untuk desa).")
        }
        guard problems.isEmpty else { return (nil, problems) }
        return (UnitRow(line: line, code: code, name: name, parentCode: parent.isEmpty ? nil : parent, headNIP: headNIP,
                        regionCode: region.isEmpty ? nil : region), [])
    }
}

/// A faulty row of a units file: its line (the header is line 1), the column at fault and why, in Indonesian.
public struct UnitTreeProblem: Error, Sendable, Codable, Equatable {
    public let line: Int
    public let field: UnitTreeColumn
    public let message: String

    public init(line: Int, field: UnitTreeColumn, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

/// Reads a units file row by row, checking each row on its own (the tree as a whole is checked by
/// `UnitTreePlan`). Units number in the hundreds, so the file is read whole.
public enum UnitTreeFile {
    public struct Reading: Sendable {
        public var rows: [UnitRow] = []
        public var problems: [UnitTreeProblem] = []
        public var rowCount = 0
        /// Codes of rows refused here → their line, so that a unit placed under one is told why.
        public var refusedCodes: [String: Int] = [:]
    }

    public static func read(_ source: some ByteSource) throws(RegistryFileError) -> Reading {
        var table = try ColumnTable<UnitTreeColumn, _>(source, required: UnitTreeColumn.allCases.filter(\.isRequired),
                                                    expected: "kode,nama,induk,kepala_nip")
        var reading = Reading()
        var firstLineOfCode: [String: Int] = [:]
        while let (line, cell) = try table.next() {
            reading.rowCount += 1
            let code = cell(.code)
            var (row, problems) = UnitRow.checked(line: line, code: code, name: cell(.name), parent: cell(.parent), head: cell(.headNIP),
                                                  region: cell(.regionCode))
            if !code.isEmpty, UnitCode.isValid(code) {
                if let first = firstLineOfCode[code] {
                    problems.append(UnitTreeProblem(line: line, field: .code, message: "Kode \(code) sudah dipakai di baris \(first); baris ini tidak diimpor."))
                    row = nil
                } else {
                    firstLineOfCode[code] = line
                }
            }
            if let row {
                reading.rows.append(row)
            } else {
                reading.problems += problems
                if !code.isEmpty, reading.refusedCodes[code] == nil, firstLineOfCode[code] == line { reading.refusedCodes[code] = line }
            }
        }
        return reading
    }
}

/// A Kemendagri region code: two digits for a province, then groups of two (kabupaten/kota, kecamatan)
/// and four (desa/kelurahan), dot-separated: "62", "62.02", "62.02.01", "62.02.01.2001".
public enum RegionCode {
    public static func isValid(_ code: String) -> Bool {
        let groups = code.split(separator: ".", omittingEmptySubsequences: false)
        let widths = [2, 2, 2, 4]
        guard (1...4).contains(groups.count) else { return false }
        return zip(groups, widths).allSatisfy { group, width in group.count == width && group.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

/// A unit's code as BKPSDM writes it ("1.03.01", "DINKES-PKM-01"): letters, digits, dots, dashes,
/// underscores and slashes, up to 40 characters.
public enum UnitCode {
    public static func isValid(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return (1...40).contains(bytes.count) && bytes.allSatisfy(isAllowed)
    }

    private static let punctuation: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/")]

    private static func isAllowed(_ byte: UInt8) -> Bool {
        let letter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
        let digit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        return letter || digit || punctuation.contains(byte)
    }

    static func rule(_ code: String) -> String {
        "Kode \"\(code)\" tidak sah: gunakan huruf, angka, titik, tanda hubung, garis bawah atau garis miring, paling banyak 40 karakter."
    }
}

/// Checks a units file against the tree already stored: each parent must exist (in the file or already),
/// and no change may close a cycle. Rows that fail are named; rows that depend on a failed row fail too,
/// so nothing accepted hangs below a unit that was not. The accepted rows come parents first.
public enum UnitTreePlan {
    public struct Outcome: Sendable, Equatable {
        public var accepted: [UnitRow]
        public var problems: [UnitTreeProblem]
    }

    /// `existing` maps each stored unit's code to its parent's code (nil for a perangkat daerah); `refused`
    /// names the lines of rows already refused when the file was read.
    public static func check(_ rows: [UnitRow], existing: [String: String?], refused: [String: Int] = [:]) -> Outcome {
        var problems: [UnitTreeProblem] = []
        var pending = Dictionary(rows.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

        // What the tree would be if every pending row were applied.
        func parent(of code: String) -> String?? {
            if let row = pending[code] { return .some(row.parentCode) }
            return existing[code]
        }
        var changed = true
        while changed {
            changed = false
            for row in rows where pending[row.code] != nil {
                guard let parentCode = row.parentCode else { continue }
                if parent(of: parentCode) == nil {
                    let refusedLine = rows.first { $0.code == parentCode }?.line ?? refused[parentCode]
                    let message = refusedLine.map { "Induk \(parentCode) ditolak di baris \($0), jadi unit ini juga tidak diimpor." }
                        ?? "Induk \(parentCode) tidak ada di berkas maupun di data unit."
                    problems.append(UnitTreeProblem(line: row.line, field: .parent, message: message))
                    pending[row.code] = nil
                    changed = true
                    continue
                }
                // Walk up from the parent; meeting this row's code again means the change would close a cycle.
                var seen: [String] = [row.code]
                var current: String? = parentCode
                while let code = current, seen.count <= pending.count + existing.count + 1 {
                    if code == row.code {
                        let cycle = (seen + [row.code]).joined(separator: " → ")
                        problems.append(UnitTreeProblem(line: row.line, field: .parent, message: "Induk \(parentCode) membuat lingkaran dalam pohon unit: \(cycle)."))
                        pending[row.code] = nil
                        changed = true
                        break
                    }
                    seen.append(code)
                    current = parent(of: code) ?? nil
                }
            }
        }
        // Parents first: a row's depth in the planned tree orders it.
        func depth(_ code: String) -> Int {
            var depth = 0
            var current = parent(of: code) ?? nil
            while let code = current, depth <= pending.count + existing.count {
                depth += 1
                current = parent(of: code) ?? nil
            }
            return depth
        }
        let ranked: [(depth: Int, row: UnitRow)] = rows.filter { pending[$0.code] != nil }.map { (depth($0.code), $0) }
        let accepted = ranked.sorted { $0.depth != $1.depth ? $0.depth < $1.depth : $0.row.line < $1.row.line }.map(\.row)
        return Outcome(accepted: accepted, problems: problems.sorted { $0.line < $1.line })
    }
}
