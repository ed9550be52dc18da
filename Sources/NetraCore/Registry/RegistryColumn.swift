/// The columns of a BKPSDM registry export, named as the contract names them.
public enum RegistryColumn: String, CaseIterable, Sendable, Codable {
    case nip
    case nik
    case name = "nama"
    case gender = "jenis_kelamin"
    case birthDate = "tanggal_lahir"
    case position = "jabatan"
    case workUnit = "unit_kerja"
    case agency = "perangkat_daerah"
    case status
    case email
    case phone = "telepon"
    case socialAccounts = "akun_medsos"
    /// Optional: pangkat/golongan ("Penata Muda (III/a)"), printed on the letters of a case.
    case rank = "pangkat_golongan"
    /// Optional: the code of the unit (from `netra import units`) the person belongs to.
    case unitCode = "kode_unit"

    public var isRequired: Bool {
        switch self {
        case .email, .phone, .socialAccounts, .unitCode, .rank: false
        default: true
        }
    }

    /// Matches a header cell written by people: any case, spaces or dashes for underscores.
    init?(header raw: String) {
        self.init(rawValue: Self.headerKey(raw))
    }

    /// A header cell as a column name: trimmed, lower case, spaces, dashes and slashes as underscores.
    static func headerKey(_ raw: String) -> String {
        raw.trimmingSpaces.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: "/", with: "_")
    }
}

/// Where each column sits in a particular file.
public struct RegistryHeader: Sendable {
    public enum Problem: Error, Equatable, Sendable {
        case emptyFile
        case missingColumns([RegistryColumn])
    }

    let indices: [RegistryColumn: Int]

    public init(fields: [String]) throws(Problem) {
        var indices: [RegistryColumn: Int] = [:]
        for (index, field) in fields.enumerated() {
            if let column = RegistryColumn(header: field), indices[column] == nil { indices[column] = index }
        }
        let missing = RegistryColumn.allCases.filter { $0.isRequired && indices[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        self.indices = indices
    }

    func value(_ column: RegistryColumn, in fields: [String]) -> String {
        guard let index = indices[column], index < fields.count else { return "" }
        return fields[index].trimmingSpaces
    }
}
