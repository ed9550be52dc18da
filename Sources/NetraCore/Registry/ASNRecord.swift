/// One civil servant as the registry holds them, every field already validated.
public struct ASNRecord: Sendable, Equatable, Codable {
    public var nip: String
    public var nik: String
    public var name: String
    public var gender: Gender
    public var birthDate: LocalDate
    public var position: String
    public var workUnit: String
    public var agency: String
    public var status: EmploymentStatus
    public var email: String?
    public var phone: String?
    /// Handles without the leading "@", lowercased.
    public var socialAccounts: [String]
    /// The unit's code (`kode_unit`), when the export carries it: it then names the unit instead of the two names.
    public var unitCode: String?
    /// Pangkat/golongan, when the export carries it.
    public var rank: String?

    public init(nip: String, nik: String, name: String, gender: Gender, birthDate: LocalDate, position: String,
                workUnit: String, agency: String, status: EmploymentStatus, email: String?, phone: String?, socialAccounts: [String],
                unitCode: String? = nil, rank: String? = nil) {
        self.nip = nip
        self.nik = nik
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.position = position
        self.workUnit = workUnit
        self.agency = agency
        self.status = status
        self.email = email
        self.phone = phone
        self.socialAccounts = socialAccounts
        self.unitCode = unitCode
        self.rank = rank
    }
}

extension ASNRecord {
    /// Social-media handles as typed in a cell: separated by `;` or `,`, with or without "@".
    public static func handles(from cell: String) -> [String] {
        var seen = Set<String>()
        return cell.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " })
            .map { String($0).trimmingSpaces.lowercased() }
            .map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Collapses the runs of spaces that spreadsheet cells accumulate.
    public static func tidyName(_ raw: String) -> String {
        raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
    }
}
