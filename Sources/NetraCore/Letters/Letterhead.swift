/// A person acting in office, as a letter prints them: who signs it, who examines. The position as it is
/// printed above the name ("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Bupati Sungai
/// Harapan"), the name, the pangkat/golongan ("Pembina Utama Muda (IV/c)") and the NIP where the person
/// has them (a bupati, elected, has neither).
public struct Official: Sendable, Codable, Equatable {
    public var position: String
    public var name: String
    public var nip: String?
    public var rank: String?

    public init(position: String, name: String, nip: String?, rank: String? = nil) {
        self.position = position
        self.name = name
        self.nip = nip
        self.rank = rank
    }

    /// The NIP as printed under the name, grouped ("19690731 200010 2 006").
    public var groupedNIP: String? { nip.flatMap(NIP.grouped) ?? nip }
}

/// The region's letter identity, set by the admin: the heading of every official letter, the place they
/// are issued from, the numbering scheme and the two signers. A letter keeps the identity it was issued
/// with, so a later change never rewrites a letter already numbered.
public struct Letterhead: Sendable, Codable, Equatable {
    /// "PEMERINTAH KABUPATEN SUNGAI HARAPAN".
    public var government: String
    /// "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA".
    public var agency: String
    /// The office's address line under the agency (street, telephone, e-mail, postcode).
    public var address: String
    /// The place of issue before the date ("Pulang Pisau, 3 Desember 2026").
    public var city: String
    /// The SHA-256 of the uploaded logo, when there is one.
    public var logo: String?
    public var numbering: LetterNumbering
    /// The PPK (bupati/wali kota), who signs sanction decisions.
    public var ppk: Official
    /// The Kepala BKPSDM, who signs the other letters of a case.
    public var agencyHead: Official
    /// The region's time zone; nil in settings saved before it was asked, read as WIB.
    public var timeZone: RegionTimeZone?

    public var zone: RegionTimeZone { timeZone ?? .wib }

    public init(government: String, agency: String, address: String, city: String, logo: String? = nil,
                numbering: LetterNumbering, ppk: Official, agencyHead: Official, timeZone: RegionTimeZone? = .wib) {
        self.government = government
        self.agency = agency
        self.address = address
        self.city = city
        self.logo = logo
        self.numbering = numbering
        self.ppk = ppk
        self.agencyHead = agencyHead
        self.timeZone = timeZone
    }

    /// A field of the settings form, named as the form names it, so a refusal can point at it.
    public enum Field: String, Sendable, CaseIterable {
        case government = "pemerintah", agency = "instansi", address = "alamat", city = "kota", numbering = "penomoran"
        case ppkPosition = "ppk_jabatan", ppkName = "ppk_nama", ppkNIP = "ppk_nip"
        case headPosition = "kepala_jabatan", headName = "kepala_nama", headNIP = "kepala_nip", headRank = "kepala_pangkat"
        case logo = "logo"
        case timeZone = "zona_waktu"

        /// The field's label on the form, for messages.
        public var label: String {
            switch self {
            case .government: "Nama pemerintah daerah"
            case .agency: "Nama instansi"
            case .address: "Alamat"
            case .city: "Tempat penerbitan"
            case .numbering: "Pola nomor surat"
            case .ppkPosition: "Jabatan PPK"
            case .ppkName: "Nama PPK"
            case .ppkNIP: "NIP PPK"
            case .headPosition: "Jabatan Kepala BKPSDM"
            case .headName: "Nama Kepala BKPSDM"
            case .headNIP: "NIP Kepala BKPSDM"
            case .headRank: "Pangkat/golongan Kepala BKPSDM"
            case .logo: "Logo"
            case .timeZone: "Zona waktu"
            }
        }
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let field: Field
        public let message: String
        public var description: String { "\(field.label): \(message)" }

        public init(field: Field, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// Longest accepted text of a heading line or name, to keep a letter's heading on its lines.
    public static let maxLength = 200

    /// The settings as typed, with spaces trimmed, empty NIPs as none and NIPs as their 18 digits.
    public func normalized() -> Letterhead {
        func signer(_ value: Official) -> Official {
            let nip = value.nip?.trimmingSpaces.filter { $0 != " " }
            let rank = value.rank?.trimmingSpaces
            return Official(position: value.position.trimmingSpaces, name: value.name.trimmingSpaces,
                            nip: nip.flatMap { $0.isEmpty ? nil : (NIP.validDigits($0) ?? $0) }, rank: rank?.isEmpty == false ? rank : nil)
        }
        return Letterhead(government: government.trimmingSpaces, agency: agency.trimmingSpaces, address: address.trimmingSpaces,
                          city: city.trimmingSpaces, logo: logo, numbering: LetterNumbering(pattern: numbering.pattern.trimmingSpaces),
                          ppk: signer(ppk), agencyHead: signer(agencyHead), timeZone: timeZone)
    }

    /// Every problem of these settings, in the form's order; empty when they can be saved.
    public func problems() -> [Problem] {
        var found: [Problem] = []
        func text(_ value: String, _ field: Field) {
            if value.trimmingSpaces.isEmpty { found.append(Problem(field: field, message: "wajib diisi.")) }
            else if value.count > Self.maxLength { found.append(Problem(field: field, message: "paling banyak \(Self.maxLength) karakter.")) }
        }
        text(government, .government)
        text(agency, .agency)
        text(address, .address)
        text(city, .city)
        if timeZone == nil { found.append(Problem(field: .timeZone, message: "pilih WIB, WITA atau WIT.")) }
        do { _ = try numbering.validated() } catch { found.append(Problem(field: .numbering, message: error.description)) }
        text(ppk.position, .ppkPosition)
        text(ppk.name, .ppkName)
        if let nip = ppk.nip, NIP.validDigits(nip) == nil { found.append(Problem(field: .ppkNIP, message: "\(nip) bukan NIP yang sah (18 angka).")) }
        text(agencyHead.position, .headPosition)
        text(agencyHead.name, .headName)
        if let rank = agencyHead.rank, rank.count > 100 { found.append(Problem(field: .headRank, message: "paling banyak 100 karakter.")) }
        if let nip = agencyHead.nip {
            if NIP.validDigits(nip) == nil { found.append(Problem(field: .headNIP, message: "\(nip) bukan NIP yang sah (18 angka).")) }
        } else {
            found.append(Problem(field: .headNIP, message: "wajib diisi."))
        }
        return found
    }
}
