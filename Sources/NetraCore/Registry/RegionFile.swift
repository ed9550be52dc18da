/// The level of a Kemendagri region, read from the shape of its code.
public enum RegionLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case province = "provinsi"
    /// A kabupaten or a kota: the level of a regional government.
    case regency = "kabupaten"
    case district = "kecamatan"
    case village = "desa"

    /// "62" → provinsi, "62.02" → kabupaten/kota, "62.02.01" → kecamatan, "62.02.01.2001" → desa/kelurahan.
    public init?(code: String) {
        guard RegionCode.isValid(code) else { return nil }
        switch code.split(separator: ".").count {
        case 1: self = .province
        case 2: self = .regency
        case 3: self = .district
        default: self = .village
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension RegionCode {
    /// The code of the region one level up, nil for a province.
    public static func parent(of code: String) -> String? {
        guard let dot = code.lastIndex(of: ".") else { return nil }
        return String(code[..<dot])
    }
}

/// One region as a wilayah file states it.
public struct RegionRow: Sendable, Equatable {
    public let line: Int
    public let code: String
    public let name: String
    public let level: RegionLevel

    public init(line: Int, code: String, name: String, level: RegionLevel) {
        self.line = line
        self.code = code
        self.name = name
        self.level = level
    }

    public var parentCode: String? { RegionCode.parent(of: code) }
}

/// The columns of a wilayah file (`netra import wilayah`): `kode,nama` with Kemendagri codes.
public enum RegionColumn: String, CaseIterable, Sendable, Codable {
    case code = "kode"
    case name = "nama"
}

/// A faulty row of a wilayah file: its line (the header is line 1), the column at fault and why.
public struct RegionProblem: Error, Sendable, Codable, Equatable {
    public let line: Int
    public let field: RegionColumn
    public let message: String

    public init(line: Int, field: RegionColumn, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

/// Reads a wilayah file (a regency has a few hundred desa, so the file is read whole) and checks it
/// against the regions already stored: a kecamatan needs its kabupaten/kota and a desa its kecamatan,
/// in the file or already; a kabupaten/kota may come without its province.
public enum RegionFile {
    public struct Reading: Sendable, Equatable {
        /// Parents first.
        public var accepted: [RegionRow] = []
        public var problems: [RegionProblem] = []
        public var rowCount = 0
    }

    public static func read(_ source: some ByteSource, existing: Set<String>) throws(RegistryFileError) -> Reading {
        var table = try ColumnTable<RegionColumn, _>(source, required: RegionColumn.allCases, expected: "kode,nama")
        var reading = Reading()
        var rows: [RegionRow] = []
        var firstLineOfCode: [String: Int] = [:]
        var refused: [String: Int] = [:]
        while let (line, cell) = try table.next() {
            reading.rowCount += 1
            let code = cell(.code), name = ASNRecord.tidyName(cell(.name))
            var problems: [RegionProblem] = []
            let level = RegionLevel(code: code)
            if code.isEmpty {
                problems.append(RegionProblem(line: line, field: .code, message: "Kolom kode wajib diisi."))
            } else if level == nil {
                problems.append(RegionProblem(line: line, field: .code,
                                              message: "Kode \"\(code)\" bukan kode Kemendagri (contoh 62.02 kabupaten, 62.02.01 kecamatan, 62.02.01.2001 desa)."))
            } else if let first = firstLineOfCode[code] {
                problems.append(RegionProblem(line: line, field: .code, message: "Kode \(code) sudah dipakai di baris \(first); baris ini tidak diimpor."))
            }
            if name.isEmpty { problems.append(RegionProblem(line: line, field: .name, message: "Kolom nama wajib diisi.")) }
            if let level, firstLineOfCode[code] == nil {
                firstLineOfCode[code] = line
                if problems.isEmpty { rows.append(RegionRow(line: line, code: code, name: name, level: level)) } else { refused[code] = line }
            }
            reading.problems += problems
        }
        // Parents first (a code's parent is shorter), so a row's parent is decided before the row.
        var accepted = existing
        for row in rows.sorted(by: { ($0.level, $0.line) < ($1.level, $1.line) }) {
            if let parent = row.parentCode, row.level > .regency, !accepted.contains(parent) {
                let message = refused[parent].map { "Induk \(parent) ditolak di baris \($0), jadi wilayah ini juga tidak diimpor." }
                    ?? "Induk \(parent) tidak ada di berkas maupun di data wilayah."
                reading.problems.append(RegionProblem(line: row.line, field: .code, message: message))
                refused[row.code] = row.line
                continue
            }
            accepted.insert(row.code)
            reading.accepted.append(row)
        }
        reading.problems.sort { $0.line < $1.line }
        return reading
    }
}
