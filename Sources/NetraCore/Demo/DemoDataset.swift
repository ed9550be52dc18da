/// A fictional Kabupaten Sungai Harapan (Kalimantan Tengah) with its kecamatan and desa, perangkat
/// daerah and unit kerja, and a few thousand ASN with valid, mutually consistent NIP and NIK.
/// Generated from a seed, so demo screens and tests see the same people on every machine.
public struct DemoDataset: Sendable {
    public struct Region: Sendable, Equatable {
        public let code: String
        public let name: String
        public let level: String
        public let parentCode: String?
    }

    public struct Unit: Sendable, Equatable {
        public let key: String
        public let name: String
        public let parentKey: String?
        public let regionCode: String
    }

    public struct Person: Sendable, Equatable {
        public let record: ASNRecord
        public let unitKey: String
    }

    public struct Account: Sendable, Equatable {
        public let username: String
        public let password: String
        public let displayName: String
        /// admin, supervisor, ppk, bawaslu or asn.
        public let role: String
        public let unitKey: String?
        public let nip: String?
    }

    public struct Election: Sendable, Equatable {
        public let code: String
        public let name: String
        public let office: String
        public let regionCode: String
        /// The shipped timetable it follows (Pilkada Serentak 2024).
        public let calendar: ElectionCalendar

        /// The election as the admin records it, on the shipped timetable.
        public var regional: RegionalElection {
            RegionalElection(calendar: ElectionCalendar(id: code, name: name, kind: calendar.kind, regulation: calendar.regulation, stages: calendar.stages,
                                                        confirmed: calendar.confirmed),
                             office: office, regionCode: regionCode, pairs: [])
        }
    }

    public let regions: [Region]
    public let units: [Unit]
    public let people: [Person]
    /// Unit key → NIP of its head.
    public let heads: [String: String]
    public let accounts: [Account]
    public let elections: [Election]
    /// The settings a BKPSDM enters on `/pengaturan`.
    public let letterhead: Letterhead

    public static let regencyCode = "62.91"
    public static let regencyName = "Kabupaten Sungai Harapan"
}
