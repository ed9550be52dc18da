extension DemoDataset {
    /// One sign-in per role, printed on start and listed in the README. Demo only: never for real data.
    public static let logins: [Account] = [
        Account(username: "admin", password: "netra-admin", displayName: "Tim Netralitas BKPSDM", role: "admin", unitKey: nil, nip: nil),
        Account(username: "kadisdik", password: "netra-kadisdik", displayName: "Kepala Dinas Pendidikan dan Kebudayaan", role: "supervisor", unitKey: nil, nip: nil),
        Account(username: "kadinkes", password: "netra-kadinkes", displayName: "Kepala Dinas Kesehatan", role: "supervisor", unitKey: nil, nip: nil),
        Account(username: "bupati", password: "netra-ppk", displayName: "Bupati Sungai Harapan (PPK)", role: "ppk", unitKey: nil, nip: nil),
        Account(username: "bawaslu", password: "netra-bawaslu", displayName: "Bawaslu Kabupaten Sungai Harapan", role: "bawaslu", unitKey: nil, nip: nil),
        Account(username: "asn", password: "netra-asn", displayName: "ASN contoh (Sekretariat Daerah)", role: "asn", unitKey: nil, nip: nil),
    ]

    /// Builds the demo region. `people` is the number of ASN (at least one per unit).
    public static func generate(seed: UInt64 = 2024, people count: Int = 2_400) -> DemoDataset {
        var random = SeededRandom(seed: seed)
        let regions = DemoCatalog.regions()
        let units = DemoCatalog.units()
        let leafWeights = units.map { unit in DemoCatalog.staffWeight(unitName: unit.name) }
        let totalWeight = leafWeights.reduce(0, +)

        var usedNIP = Set<String>()
        var usedNIK = Set<String>()
        var people: [Person] = []
        var heads: [String: String] = [:]
        let kecamatanCodes = regions.filter { $0.level == "kecamatan" }.map(\.code)

        func makePerson(unit: Unit, position: String, senior: Bool) -> Person {
            let gender: Gender = Bool.random(using: &random) ? .male : .female
            let age = senior ? Int.random(in: 45...57, using: &random) : Int.random(in: 23...57, using: &random)
            let birth = LocalDate(year: 2024 - age, month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))!
            let isPPPK = !senior && Int.random(in: 0..<5, using: &random) == 0
            let earliest = birth.year + 21
            let appointmentYear = isPPPK ? Int.random(in: max(2021, earliest)...2024, using: &random)
                : Int.random(in: min(earliest, 2023)...min(2023, max(earliest, birth.year + 35)), using: &random)
            let appointmentField = isPPPK ? [1, 2, 21][Int.random(in: 0..<3, using: &random)] : Int.random(in: 1...12, using: &random)
            var sequence = Int.random(in: 1...20, using: &random)
            var nip = NIP.make(birthDate: birth, appointmentYear: appointmentYear, appointmentField: appointmentField, gender: gender, sequence: sequence)
            while usedNIP.contains(nip.digits) {
                sequence += 1
                nip = NIP.make(birthDate: birth, appointmentYear: appointmentYear, appointmentField: appointmentField, gender: gender, sequence: sequence)
            }
            usedNIP.insert(nip.digits)
            let home = kecamatanCodes[Int.random(in: 0..<kecamatanCodes.count, using: &random)]
            var nikSequence = Int.random(in: 1...400, using: &random)
            var nik = NIK.make(regionCode: home, birthDate: birth, gender: gender, sequence: nikSequence)
            while usedNIK.contains(nik.digits) {
                nikSequence += 1
                nik = NIK.make(regionCode: home, birthDate: birth, gender: gender, sequence: nikSequence)
            }
            usedNIK.insert(nik.digits)
            let first = gender == .male ? DemoCatalog.maleNames : DemoCatalog.femaleNames
            let given = first[Int.random(in: 0..<first.count, using: &random)]
            let family = DemoCatalog.familyNames[Int.random(in: 0..<DemoCatalog.familyNames.count, using: &random)]
            let degree = DemoCatalog.degrees[Int.random(in: 0..<DemoCatalog.degrees.count, using: &random)]
            let name = degree.isEmpty ? "\(given) \(family)" : "\(given) \(family), \(degree)"
            let handle = (given + "." + family).lowercased().filter { $0.isLetter || $0 == "." }
            let agencyName = DemoCatalog.agencyName(of: unit, in: units)
            let record = ASNRecord(
                nip: nip.digits, nik: nik.digits, name: name, gender: gender, birthDate: birth, position: position,
                workUnit: unit.name, agency: agencyName, status: isPPPK ? .pppk : .pns,
                email: "\(handle)\(birth.year % 100)@sungaiharapankab.go.id",
                phone: "08" + String(Int.random(in: 1_100_000_000...9_899_999_999, using: &random)),
                socialAccounts: Int.random(in: 0..<3, using: &random) == 0 ? [] : [handle + String(birth.year % 100)],
                rank: isPPPK ? nil : DemoCatalog.rank(yearsOfService: 2024 - appointmentYear, senior: senior)
            )
            return Person(record: record, unitKey: unit.key)
        }

        for unit in units {
            let head = makePerson(unit: unit, position: DemoCatalog.headTitle(for: unit), senior: true)
            people.append(head)
            heads[unit.key] = head.record.nip
        }
        let remaining = max(0, count - units.count)
        for (index, unit) in units.enumerated() {
            let share = remaining * leafWeights[index] / totalWeight
            for _ in 0..<share {
                let positions = DemoCatalog.staffPositions(unitName: unit.name)
                people.append(makePerson(unit: unit, position: positions[Int.random(in: 0..<positions.count, using: &random)], senior: false))
            }
        }
        while people.count < count {
            let unit = units[Int.random(in: 0..<units.count, using: &random)]
            people.append(makePerson(unit: unit, position: "Pengadministrasi Perkantoran", senior: false))
        }

        let education = units.first { $0.name == "Dinas Pendidikan dan Kebudayaan" }!
        let health = units.first { $0.name == "Dinas Kesehatan" }!
        let bkpsdm = units.first { $0.name.hasPrefix("Badan Kepegawaian") }!
        let ordinary = people.first { $0.unitKey != education.key && heads[$0.unitKey] != $0.record.nip }!
        let unitOfLogin = ["kadisdik": education.key, "kadinkes": health.key, "admin": bkpsdm.key]
        let accounts = logins.map { login -> Account in
            if login.role == "asn" {
                return Account(username: login.username, password: login.password, displayName: ordinary.record.name, role: login.role,
                               unitKey: ordinary.unitKey, nip: ordinary.record.nip)
            }
            let unitKey = unitOfLogin[login.username]
            return Account(username: login.username, password: login.password, displayName: login.displayName, role: login.role,
                           unitKey: unitKey, nip: unitKey.flatMap { heads[$0] })
        }
        let pilkada = try! ElectionCalendar.bundled(id: "pilkada-2024")
        let elections = [
            Election(code: "pilbup-2024", name: "Pemilihan Bupati dan Wakil Bupati Sungai Harapan 2024", office: "Bupati dan Wakil Bupati",
                     regionCode: regencyCode, calendar: pilkada),
            Election(code: "pilgub-2024", name: "Pemilihan Gubernur dan Wakil Gubernur Kalimantan Tengah 2024", office: "Gubernur dan Wakil Gubernur",
                     regionCode: "62", calendar: pilkada),
        ]
        let agencyHead = people.first { $0.record.nip == heads[bkpsdm.key] }!.record
        let letterhead = Letterhead(
            government: "PEMERINTAH \(regencyName.uppercased())", agency: bkpsdm.name.uppercased(),
            address: "Jalan Tjilik Riwut Km 2, Harapan Hilir 74811 · Telepon (0513) 21045 · bkpsdm@sungaiharapankab.go.id",
            city: "Harapan Hilir", numbering: .standard,
            ppk: Official(position: "Bupati Sungai Harapan", name: "H. Rahmat Basuki, S.H.", nip: nil),
            agencyHead: Official(position: "Kepala \(bkpsdm.name)", name: agencyHead.name, nip: agencyHead.nip, rank: agencyHead.rank))
        return DemoDataset(regions: regions, units: units, people: people, heads: heads, accounts: accounts, elections: elections, letterhead: letterhead)
    }
}
