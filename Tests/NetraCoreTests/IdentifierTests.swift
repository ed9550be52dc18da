import Testing
@testable import NetraCore

@Suite("NIP and NIK are read as BKN and Dukcapil write them")
struct IdentifierTests {
    @Test("valid NIPs in any harmless layout", arguments: [
        "198609262015051001", "19860926 201505 1 001", "19860926.201505.1.001", "19860926-201505-1-001", " 198609262015051001 ",
    ])
    func validNIP(raw: String) throws {
        let nip = try NIP(raw)
        #expect(nip.digits == "198609262015051001")
        #expect(nip.birthDate == LocalDate(year: 1986, month: 9, day: 26))
        #expect(nip.appointmentYear == 2015 && nip.appointmentField == 5)
        #expect(nip.gender == .male && nip.sequence == 1)
        #expect(nip.grouped == "19860926 201505 1 001")
    }

    @Test("invalid NIPs are refused with the right reason", arguments: [
        ("1.98609E+17", NIP.Problem.excelScientific),
        ("1,98609E+17", .excelScientific),
        ("19860926201505100l", .nonDigit),
        ("19860926201505100", .length(found: 17)),
        ("1986092620150510011", .length(found: 19)),
        ("198613262015051001", .birthDateInvalid),
        ("198602302015051001", .birthDateInvalid),
        // Found by the fuzzer: a birth year four digits wide but far off once crashed the appointment check.
        ("998804012208040101", .birthDateInvalid),
        ("198609262015053001", .genderDigit(found: 3)),
        ("198609262015131001", .appointmentInvalid),
        ("198609262000051001", .appointmentBeforeEighteen),
    ])
    func invalidNIP(raw: String, problem: NIP.Problem) {
        #expect(throws: problem) { try NIP(raw) }
    }

    @Test("a PPPK number may carry a contract count where PNS have the TMT month")
    func pppkLayout() throws {
        #expect(throws: NIP.Problem.appointmentInvalid) { try NIP("198506282022211008") }
        #expect(try NIP("198506282022211008", layout: .pppk).appointmentYear == 2022)
    }

    @Test("valid NIKs: day + 40 for women, spaces and dots allowed", arguments: [
        ("6291024703710040", Gender.female, 7, 3, 71),
        ("62.91.04.701000.0199", .female, 30, 10, 0),
        ("6203 0553 0675 0061", .female, 13, 6, 75),
        ("6206090203691619", .male, 2, 3, 69),
    ])
    func validNIK(raw: String, gender: Gender, day: Int, month: Int, year: Int) throws {
        let nik = try NIK(raw)
        #expect(nik.gender == gender)
        #expect(nik.birthDay == day && nik.birthMonth == month && nik.birthYearInCentury == year)
    }

    @Test("invalid NIKs are refused with the right reason", arguments: [
        ("629104411375006", NIK.Problem.length(found: 15)),
        ("62910441137500601", .length(found: 17)),
        ("62910441137500A0", .nonDigit),
        ("6.29104E+15", .excelScientific),
        ("6291044113750060", .birthDateInvalid),
        ("6291063603660058", .birthDateInvalid),
        ("6291020002930143", .birthDateInvalid),
        ("6291023102930143", .birthDateInvalid),
        ("6291020102930000", .sequenceZero),
    ])
    func invalidNIK(raw: String, problem: NIK.Problem) {
        #expect(throws: problem) { try NIK(raw) }
    }

    @Test("29 February is a valid NIK date when any century makes it one")
    func leapDay() throws {
        #expect(try NIK("6291022902000001").birthMonth == 2)
        #expect(throws: NIK.Problem.birthDateInvalid) { try NIK("6291022902010001") }
    }

    @Test("property: every generated NIP and NIK reads back to its parts")
    func generatedRoundTrip() throws {
        var random = SeededRandom(seed: 2024)
        for _ in 0..<2_000 {
            let birth = LocalDate(dayNumber: Int.random(in: -7_000...12_000, using: &random))
            let gender: Gender = Bool.random(using: &random) ? .male : .female
            let appointment = birth.adding(years: Int.random(in: 18...40, using: &random))
            let sequence = Int.random(in: 1...999, using: &random)
            let nip = NIP.make(birthDate: birth, appointmentYear: appointment.year, appointmentField: appointment.month, gender: gender, sequence: sequence)
            let parsed = try NIP(nip.grouped)
            #expect(parsed.birthDate == birth && parsed.gender == gender && parsed.sequence == sequence)
            #expect(parsed.appointmentYear == appointment.year && parsed.appointmentField == appointment.month)

            let nik = NIK.make(regionCode: "62.11.05", birthDate: birth, gender: gender, sequence: sequence)
            let readBack = try NIK(nik.digits)
            #expect(readBack.gender == gender && readBack.encodesBirthDate(birth) && readBack.districtRegionCode == "62.11.05")
            #expect(readBack.birthDate(notAfter: LocalDate(year: 2030, month: 1, day: 1)!) == birth)
        }
    }

    @Test("property: one corrupted digit in a NIP's birth date is caught or changes the date")
    func corruptedDateDigit() {
        var random = SeededRandom(seed: 7)
        var caught = 0, changed = 0
        for _ in 0..<2_000 {
            let birth = LocalDate(dayNumber: Int.random(in: -7_000...12_000, using: &random))
            let nip = NIP.make(birthDate: birth, appointmentYear: birth.year + 20, appointmentField: 1, gender: .male, sequence: 1)
            var digits = Array(nip.digits)
            let position = Int.random(in: 4..<8, using: &random)
            let original = digits[position]
            var replacement = original
            while replacement == original { replacement = Character(String(Int.random(in: 0...9, using: &random))) }
            digits[position] = replacement
            let reading = NIP.read(String(digits))
            if reading.nip == nil { caught += 1 } else {
                #expect(reading.nip!.birthDate != birth)
                changed += 1
            }
        }
        #expect(caught > 0 && caught + changed == 2_000)
    }

    @Test("dates as Indonesian spreadsheets write them", arguments: [
        ("1980-02-01", LocalDate(year: 1980, month: 2, day: 1)),
        ("01/02/1980", LocalDate(year: 1980, month: 2, day: 1)),
        ("1-2-1980", LocalDate(year: 1980, month: 2, day: 1)),
        ("1 Februari 1980", LocalDate(year: 1980, month: 2, day: 1)),
        ("01 Feb 1980", LocalDate(year: 1980, month: 2, day: 1)),
        ("03/04/1980", LocalDate(year: 1980, month: 4, day: 3)),
        ("31/02/1980", nil),
        ("kemarin", nil),
    ])
    func humanDates(text: String, date: LocalDate?) {
        #expect(LocalDate(humanInput: text) == date)
    }

    @Test("day arithmetic round-trips and knows weekdays")
    func dayNumbers() {
        #expect(LocalDate(year: 2024, month: 11, day: 27)!.isoWeekday == 3)
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        for n in stride(from: -50_000, to: 50_000, by: 37) { #expect(LocalDate(dayNumber: n).dayNumber == n) }
    }
}
