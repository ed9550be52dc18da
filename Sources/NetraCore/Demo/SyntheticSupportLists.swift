/// An ASN file and a candidate's support list of any size for the matching benchmark, with a known set
/// of ASN planted among the supporters: most written as the registry has them, every fifth with a
/// wrong NIK, a misspelt name and a title, so only the name-and-birth-date path can find them.
/// Person `i` and support row `j` are always the same.
public struct SyntheticSupportLists: Sendable {
    public let asnCount: Int
    public let supportCount: Int
    public let plantedCount: Int

    public static let asnHeader = "nip,nik,nama,tanggal_lahir"
    public static let supportHeader = "nik,nama,tempat_lahir,tanggal_lahir,alamat,pasangan"

    private static let syllables = ["a", "ba", "bu", "da", "di", "ha", "ja", "ka", "ki", "la", "li", "ma", "mi", "na", "ni", "ra", "ri",
                                    "ru", "sa", "si", "su", "ta", "ti", "tu", "wa", "ya", "an", "in", "ar", "dan", "man", "ton", "har", "yan"]
    private static let places = ["Sungai Harapan", "Muara Teweh", "Palangka Raya", "Kuala Kapuas", "Banjarmasin", "Tamiang Layang"]
    private static let epoch = LocalDate(year: 1965, month: 1, day: 1)!
    private static let birthDays = 12_000

    public struct Person: Sendable {
        public let nip: String
        public let nik: String
        public let name: String
        public let birthDate: LocalDate
    }

    public enum Planting: Sendable, Equatable {
        case exact(asn: Int)
        case misspelt(asn: Int)
    }

    public init(asnCount: Int, supportCount: Int, plantedCount: Int) {
        self.asnCount = asnCount
        self.supportCount = supportCount
        self.plantedCount = min(plantedCount, supportCount, asnCount)
    }

    private static func name(_ random: inout SeededRandom) -> String {
        func word() -> String {
            let parts = (0..<Int.random(in: 2...3, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined()
            return parts.prefix(1).uppercased() + parts.dropFirst()
        }
        return word() + " " + word()
    }

    /// ASN `index`: the people sharing a birth date differ in the sequence of their NIP and NIK.
    public func person(_ index: Int) -> Person {
        var random = SeededRandom(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        let birth = Self.epoch.adding(days: index * 7_919 % Self.birthDays)
        let gender: Gender = index % 2 == 0 ? .male : .female
        let sequence = index / Self.birthDays + 1
        let nip = NIP.make(birthDate: birth, appointmentYear: birth.year + 23, appointmentField: 1 + index % 12, gender: gender, sequence: sequence)
        let nik = NIK.make(regionCode: "629101", birthDate: birth, gender: gender, sequence: sequence)
        return Person(nip: nip.digits, nik: nik.digits, name: Self.name(&random), birthDate: birth)
    }

    public func asnRow(_ index: Int) -> String {
        let person = person(index)
        return "\(person.nip),\(person.nik),\(person.name),\(person.birthDate.iso8601)"
    }

    /// Which ASN, if any, support row `row` (0-based, after the header) was planted from.
    public func planting(atRow row: Int) -> Planting? {
        guard plantedCount > 0 else { return nil }
        let stride = supportCount / plantedCount
        guard row % stride == stride / 2 else { return nil }
        let planted = row / stride
        guard planted < plantedCount else { return nil }
        let asn = planted * (asnCount / plantedCount)
        return planted % 5 == 4 ? .misspelt(asn: asn) : .exact(asn: asn)
    }

    public func supportRow(_ row: Int) -> String {
        let pair = row % 3 == 0 ? "2" : "1"
        switch planting(atRow: row) {
        case .exact(let asn):
            let person = person(asn)
            return "\(person.nik),\(person.name),\(Self.places[row % Self.places.count]),\(person.birthDate.iso8601),Jl. Merdeka \(row % 90),\(pair)"
        case .misspelt(let asn):
            let person = person(asn)
            var letters = Array(person.name)
            letters.swapAt(letters.count - 2, letters.count - 3)
            let wrongNIK = String(person.nik.prefix(12)) + ((Int(person.nik.suffix(4))! + 5_000) % 10_000).zeroPadded(4)
            let date = person.birthDate
            return "\(wrongNIK),Hj. \(String(letters)),\(Self.places[row % Self.places.count]),\(date.day.zeroPadded(2))-\(date.month.zeroPadded(2))-\(date.year),Jl. Merdeka \(row % 90),\(pair)"
        case nil:
            var random = SeededRandom(seed: UInt64(row) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5555)
            let birth = Self.epoch.adding(days: Int.random(in: 0..<Self.birthDays, using: &random))
            let nik = NIK.make(regionCode: "629102", birthDate: birth, gender: row % 2 == 0 ? .male : .female, sequence: row / Self.birthDays % 9_999 + 1)
            return "\(nik.digits),\(Self.name(&random)),\(Self.places[row % Self.places.count]),\(birth.iso8601),Jl. Pahlawan \(row % 120),\(pair)"
        }
    }
}
