/// A problem with one field of one registry row. Codes are part of the CLI contract; never rename one.
public enum RegistryProblemCode: String, Sendable, Codable, CaseIterable {
    case nipLength = "nip_length"
    case nipNonDigit = "nip_non_digit"
    case nipExcelScientific = "nip_excel_scientific"
    case nipBirthdateInvalid = "nip_birthdate_invalid"
    case nipGenderDigit = "nip_gender_digit"
    case nipTMTBefore18 = "nip_tmt_before_18"
    case nipTMTInvalid = "nip_tmt_invalid"
    case nipBirthdateMismatch = "nip_birthdate_mismatch"
    case nikLength = "nik_length"
    case nikNonDigit = "nik_non_digit"
    case nikExcelScientific = "nik_excel_scientific"
    case nikBirthdateInvalid = "nik_birthdate_invalid"
    case nikBirthdateMismatch = "nik_birthdate_mismatch"
    case nikSequenceInvalid = "nik_sequence_invalid"
    case nikGenderMismatch = "nik_gender_mismatch"
    case duplicateNIP = "duplicate_nip"
    case missingRequired = "missing_required"
    case badEmail = "bad_email"
    case badDate = "bad_date"
    case unknownStatus = "unknown_status"
    case unknownGender = "unknown_gender"
    /// Found on import only: `kode_unit` names no unit in the database.
    case unknownUnitCode = "unknown_unit_code"
}

public struct RegistryProblem: Sendable, Codable, Equatable {
    public let line: Int
    public let field: RegistryColumn
    public let problem: RegistryProblemCode
    /// Explanation for the person fixing the spreadsheet, in Bahasa Indonesia.
    public let message: String

    public init(line: Int, field: RegistryColumn, problem: RegistryProblemCode, message: String) {
        self.line = line
        self.field = field
        self.problem = problem
        self.message = message
    }
}

extension RegistryProblem {
    /// A row whose `kode_unit` names no stored unit (only an import, which sees the database, can tell).
    public static func unknownUnitCode(line: Int, code: String) -> RegistryProblem {
        RegistryProblem(line: line, field: .unitCode, problem: .unknownUnitCode,
                        message: RegistryMessages.text(.unknownUnitCode, field: .unitCode, value: code))
    }
}
