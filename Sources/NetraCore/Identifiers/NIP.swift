/// Nomor Induk Pegawai: 18 digits. PNS layout (Perka BKN 22/2007): birth date YYYYMMDD, TMT CPNS YYYYMM,
/// gender digit (1 = L, 2 = P), sequence. A PPPK number (NI PPPK) keeps birth date, appointment year,
/// gender and sequence, but digits 13–14 are a contract count, not a month.
public struct NIP: Hashable, Sendable, CustomStringConvertible {
    public enum Layout: Sendable { case pns, pppk }

    public enum Problem: Error, Hashable, Sendable {
        case excelScientific
        case nonDigit
        case length(found: Int)
        case birthDateInvalid
        case genderDigit(found: Int)
        case appointmentInvalid
        case appointmentBeforeEighteen
    }

    /// The 18 digits, without layout.
    public let digits: String
    public let birthDate: LocalDate
    public let appointmentYear: Int
    /// Digits 13–14: the TMT month for PNS, a contract count for PPPK.
    public let appointmentField: Int
    public let genderDigit: Int
    public let sequence: Int

    public var gender: Gender? {
        switch genderDigit {
        case 1: .male
        case 2: .female
        default: nil
        }
    }

    /// Numeric form, for compact sets of millions of NIPs.
    public var numericValue: UInt64 { UInt64(digits)! }

    public var description: String { digits }

    /// "19860926 201505 1 001", as NIPs are printed on letters.
    public var grouped: String { Self.group(digits) }

    /// A NIP typed without its status, grouped as printed when it is valid in either layout; nil otherwise.
    public static func grouped(_ raw: String) -> String? { validDigits(raw).map(group) }

    private static func group(_ digits: String) -> String {
        let d = Array(digits)
        return String(d[0..<8]) + " " + String(d[8..<14]) + " " + String(d[14]) + " " + String(d[15..<18])
    }

    /// The result of reading a NIP: the parts, when they could be read, and every problem found.
    /// Problems that make the birth date unreadable hide the checks that need it.
    public struct Reading: Sendable {
        public let nip: NIP?
        public let problems: [Problem]
    }

    /// The 18 digits of a NIP that is valid in either layout (PNS or PPPK), or nil: for a NIP typed without
    /// its status beside it (a unit head, an account).
    public static func validDigits(_ raw: String) -> String? {
        for layout in [Layout.pns, .pppk] {
            let reading = read(raw, layout: layout)
            if let nip = reading.nip, reading.problems.isEmpty { return nip.digits }
        }
        return nil
    }

    public static func read(_ raw: String, layout: Layout = .pns) -> Reading {
        let digits: [UInt8]
        switch DigitString.clean(raw, expectedLength: 18) {
        case .success(let cleaned): digits = cleaned
        case .failure(.excelScientific): return Reading(nip: nil, problems: [.excelScientific])
        case .failure(.nonDigit): return Reading(nip: nil, problems: [.nonDigit])
        case .failure(.length(let count)): return Reading(nip: nil, problems: [.length(found: count)])
        }
        let year = DigitString.number(digits[0..<4])
        // Born in the 20th or 21st century: a year like 9988 is a typo, and the date checks below could not reckon with it.
        guard (1900...2099).contains(year), let birth = LocalDate(year: year, month: DigitString.number(digits[4..<6]), day: DigitString.number(digits[6..<8])) else {
            return Reading(nip: nil, problems: [.birthDateInvalid])
        }
        let nip = NIP(
            digits: String(digits.map { Character(Unicode.Scalar($0 + 48)) }),
            birthDate: birth,
            appointmentYear: DigitString.number(digits[8..<12]),
            appointmentField: DigitString.number(digits[12..<14]),
            genderDigit: Int(digits[14]),
            sequence: DigitString.number(digits[15..<18])
        )
        var problems: [Problem] = []
        if nip.gender == nil { problems.append(.genderDigit(found: nip.genderDigit)) }
        problems += nip.appointmentProblems(layout: layout)
        return Reading(nip: nip, problems: problems)
    }

    /// A fully valid NIP, or the first problem.
    public init(_ raw: String, layout: Layout = .pns) throws(Problem) {
        let reading = NIP.read(raw, layout: layout)
        if let first = reading.problems.first { throw first }
        self = reading.nip!
    }

    private init(digits: String, birthDate: LocalDate, appointmentYear: Int, appointmentField: Int, genderDigit: Int, sequence: Int) {
        self.digits = digits
        self.birthDate = birthDate
        self.appointmentYear = appointmentYear
        self.appointmentField = appointmentField
        self.genderDigit = genderDigit
        self.sequence = sequence
    }

    /// A civil servant is appointed at 18 at the earliest. For PPPK only the year is a date.
    private func appointmentProblems(layout: Layout) -> [Problem] {
        let eighteenth = birthDate.adding(years: 18)
        switch layout {
        case .pns:
            guard (1...12).contains(appointmentField) else { return [.appointmentInvalid] }
            return (appointmentYear, appointmentField) < (eighteenth.year, eighteenth.month) ? [.appointmentBeforeEighteen] : []
        case .pppk:
            return appointmentYear < eighteenth.year ? [.appointmentBeforeEighteen] : []
        }
    }

    /// Builds the NIP of a person, for demo data and tests.
    public static func make(birthDate: LocalDate, appointmentYear: Int, appointmentField: Int, gender: Gender, sequence: Int) -> NIP {
        let text = birthDate.year.zeroPadded(4) + birthDate.month.zeroPadded(2) + birthDate.day.zeroPadded(2)
            + appointmentYear.zeroPadded(4) + appointmentField.zeroPadded(2) + (gender == .male ? "1" : "2") + sequence.zeroPadded(3)
        return NIP.read(text, layout: .pppk).nip!
    }
}
