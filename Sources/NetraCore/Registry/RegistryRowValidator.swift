/// Validates registry rows one at a time, remembering the NIPs it has seen so that a repeated NIP
/// is flagged on its later row. Each check reports independently; a check whose input could not be
/// read is skipped rather than reported as a follow-on error.
public struct RegistryRowValidator: Sendable {
    public enum Outcome: Sendable {
        case accepted(ASNRecord)
        case rejected([RegistryProblem])
    }

    private let header: RegistryHeader
    /// NIP (as a number, to keep a million of them small) → line where it first appeared.
    private var firstLineOfNIP: [UInt64: Int] = [:]

    public init(header: RegistryHeader) {
        self.header = header
    }

    public mutating func validate(_ record: CSVRecord) -> Outcome {
        let line = record.line
        let header = self.header
        let cell = { (column: RegistryColumn) in header.value(column, in: record.fields) }
        var problems: [RegistryProblem] = []
        func report(_ column: RegistryColumn, _ code: RegistryProblemCode, detail: String? = nil) {
            problems.append(RegistryProblem(line: line, field: column, problem: code,
                                            message: RegistryMessages.text(code, field: column, value: cell(column), detail: detail)))
        }

        for column in RegistryColumn.allCases where column.isRequired && cell(column).isEmpty {
            report(column, .missingRequired)
        }

        let statusText = cell(.status)
        let status = EmploymentStatus(registryValue: statusText)
        if status == nil && !statusText.isEmpty { report(.status, .unknownStatus) }

        let genderText = cell(.gender)
        let gender = Gender(registryValue: genderText)
        if gender == nil && !genderText.isEmpty { report(.gender, .unknownGender) }

        let birthText = cell(.birthDate)
        let birthDate = LocalDate(humanInput: birthText)
        if birthDate == nil && !birthText.isEmpty { report(.birthDate, .badDate) }

        // With an unknown status the lenient PPPK layout avoids a TMT error that is really a status error.
        var nip: NIP?
        let nipText = cell(.nip)
        if !nipText.isEmpty {
            let reading = NIP.read(nipText, layout: status?.nipLayout ?? .pppk)
            nip = reading.nip
            for problem in reading.problems {
                switch problem {
                case .excelScientific: report(.nip, .nipExcelScientific)
                case .nonDigit: report(.nip, .nipNonDigit)
                case .length(let found): report(.nip, .nipLength, detail: String(found))
                case .birthDateInvalid: report(.nip, .nipBirthdateInvalid)
                case .genderDigit(let found): report(.nip, .nipGenderDigit, detail: "bernilai \(found), seharusnya 1 (L) atau 2 (P)")
                case .appointmentInvalid: report(.nip, .nipTMTInvalid)
                case .appointmentBeforeEighteen: report(.nip, .nipTMTBefore18)
                }
            }
        }

        var nik: NIK?
        let nikText = cell(.nik)
        if !nikText.isEmpty {
            do {
                nik = try NIK(nikText)
            } catch {
                switch error {
                case .excelScientific: report(.nik, .nikExcelScientific)
                case .nonDigit: report(.nik, .nikNonDigit)
                case .length(let found): report(.nik, .nikLength, detail: String(found))
                case .birthDateInvalid: report(.nik, .nikBirthdateInvalid)
                case .sequenceZero: report(.nik, .nikSequenceInvalid)
                }
            }
        }

        if let nip {
            if let previous = firstLineOfNIP[nip.numericValue] {
                report(.nip, .duplicateNIP, detail: String(previous))
            } else {
                firstLineOfNIP[nip.numericValue] = line
            }
            if let nipGender = nip.gender, let gender, nipGender != gender {
                report(.nip, .nipGenderDigit, detail: "menunjukkan \(nipGender.rawValue), berbeda dengan jenis_kelamin \(gender.rawValue)")
            }
            if let birthDate, nip.birthDate != birthDate {
                report(.nip, .nipBirthdateMismatch, detail: nip.birthDate.iso8601)
            }
        }
        if let nik {
            if let gender, nik.gender != gender {
                report(.nik, .nikGenderMismatch, detail: nik.gender.rawValue)
            }
            // When NIP and NIK agree with each other, the odd one out is tanggal_lahir, already reported on the NIP.
            if let birthDate, !nik.encodesBirthDate(birthDate), nip.map({ $0.birthDate == birthDate }) ?? true {
                report(.nik, .nikBirthdateMismatch)
            }
        }

        let email = cell(.email)
        if !email.isEmpty && !EmailAddress.isValid(email) { report(.email, .badEmail) }

        guard problems.isEmpty, let nip, let nik, let gender, let birthDate, let status else {
            return .rejected(problems)
        }
        let phone = cell(.phone)
        return .accepted(ASNRecord(
            nip: nip.digits, nik: nik.digits, name: ASNRecord.tidyName(cell(.name)), gender: gender, birthDate: birthDate,
            position: cell(.position), workUnit: cell(.workUnit), agency: cell(.agency), status: status,
            email: email.isEmpty ? nil : email.lowercased(), phone: phone.isEmpty ? nil : phone,
            socialAccounts: ASNRecord.handles(from: cell(.socialAccounts)),
            unitCode: cell(.unitCode).isEmpty ? nil : cell(.unitCode),
            rank: cell(.rank).isEmpty ? nil : ASNRecord.tidyName(cell(.rank))
        ))
    }
}
