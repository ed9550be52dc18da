/// Nomor Induk Kependudukan: 16 digits. Province, kabupaten/kota and kecamatan codes (2 digits each),
/// birth date as DDMMYY with 40 added to the day for women, then a sequence from 0001.
public struct NIK: Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Error, Hashable, Sendable {
        case excelScientific
        case nonDigit
        case length(found: Int)
        case birthDateInvalid
        case sequenceZero
    }

    public let digits: String
    public let provinceCode: String
    public let regencyCode: String
    public let districtCode: String
    public let birthDay: Int
    public let birthMonth: Int
    /// Only two digits of the year are kept in a NIK.
    public let birthYearInCentury: Int
    public let gender: Gender
    public let sequence: Int

    public var description: String { digits }

    /// Kemendagri code of the kecamatan of first registration, e.g. "62.11.05".
    public var districtRegionCode: String { "\(provinceCode).\(regencyCode).\(districtCode)" }

    public init(_ raw: String) throws(Problem) {
        let digits: [UInt8]
        switch DigitString.clean(raw, expectedLength: 16) {
        case .success(let cleaned): digits = cleaned
        case .failure(.excelScientific): throw .excelScientific
        case .failure(.nonDigit): throw .nonDigit
        case .failure(.length(let count)): throw .length(found: count)
        }
        let encodedDay = DigitString.number(digits[6..<8])
        let month = DigitString.number(digits[8..<10])
        let yy = DigitString.number(digits[10..<12])
        let isFemale = encodedDay > 40
        let day = isFemale ? encodedDay - 40 : encodedDay
        // 29 February is valid if it is valid in any century the two digits can mean.
        guard (1...31).contains(day), (1...12).contains(month),
              LocalDate(year: 1900 + yy, month: month, day: day) != nil || LocalDate(year: 2000 + yy, month: month, day: day) != nil else {
            throw .birthDateInvalid
        }
        let sequence = DigitString.number(digits[12..<16])
        guard sequence > 0 else { throw .sequenceZero }
        let text = String(digits.map { Character(Unicode.Scalar($0 + 48)) })
        self.digits = text
        self.provinceCode = String(text.prefix(2))
        self.regencyCode = String(text.dropFirst(2).prefix(2))
        self.districtCode = String(text.dropFirst(4).prefix(2))
        self.birthDay = day
        self.birthMonth = month
        self.birthYearInCentury = yy
        self.gender = isFemale ? .female : .male
        self.sequence = sequence
    }

    /// True when the NIK's DDMMYY is this date.
    public func encodesBirthDate(_ date: LocalDate) -> Bool {
        date.day == birthDay && date.month == birthMonth && date.year % 100 == birthYearInCentury
    }

    /// The birth date, reading the two-digit year as the most recent year not after `reference`.
    public func birthDate(notAfter reference: LocalDate) -> LocalDate? {
        let century = reference.year - reference.year % 100
        let candidate = century + birthYearInCentury
        let year = candidate > reference.year ? candidate - 100 : candidate
        return LocalDate(year: year, month: birthMonth, day: birthDay)
    }

    /// Masked for roles that need not see it: region codes kept, birth date and sequence hidden.
    /// The last four digits only: the region and birth-date digits would narrow a person down.
    public var masked: String { String(repeating: "*", count: 12) + digits.suffix(4) }

    /// Builds the NIK of a person, for demo data and tests.
    public static func make(regionCode: String, birthDate: LocalDate, gender: Gender, sequence: Int) -> NIK {
        let day = birthDate.day + (gender == .female ? 40 : 0)
        let region = regionCode.filter(\.isNumber)
        return try! NIK(region + day.zeroPadded(2) + birthDate.month.zeroPadded(2) + (birthDate.year % 100).zeroPadded(2) + sequence.zeroPadded(4))
    }
}
