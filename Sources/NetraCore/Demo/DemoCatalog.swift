/// Names and structures the demo region is built from.
enum DemoCatalog {
    static let kecamatan: [(code: String, name: String, desa: [String])] = [
        ("62.91.01", "Harapan Hilir", ["Pasar Lama", "Harapan Baru", "Sungai Pinang", "Tanjung Asam", "Kampung Tengah"]),
        ("62.91.02", "Batu Harapan", ["Batu Harapan", "Batu Nindan", "Tumbang Danau", "Lunuk Ramba"]),
        ("62.91.03", "Pulau Harapan", ["Pulau Harapan", "Pulau Kaladan", "Teluk Nyatu", "Sei Hanyo"]),
        ("62.91.04", "Hulu Harapan", ["Hulu Harapan", "Tumbang Malahoi", "Kuala Kurun Hulu", "Tewah Pupuh", "Sepang Kota"]),
        ("62.91.05", "Sungai Bulan", ["Sungai Bulan", "Bukit Rawi", "Tangkiling Hulu"]),
        ("62.91.06", "Rantau Harapan", ["Rantau Harapan", "Rantau Pulut", "Tumbang Kalang", "Sei Ahas"]),
    ]

    static func regions() -> [DemoDataset.Region] {
        var regions = [
            DemoDataset.Region(code: "62", name: "Provinsi Kalimantan Tengah", level: "provinsi", parentCode: nil),
            DemoDataset.Region(code: DemoDataset.regencyCode, name: DemoDataset.regencyName, level: "kabupaten", parentCode: "62"),
        ]
        for district in kecamatan {
            regions.append(.init(code: district.code, name: "Kecamatan \(district.name)", level: "kecamatan", parentCode: DemoDataset.regencyCode))
            for (index, desa) in district.desa.enumerated() {
                regions.append(.init(code: "\(district.code).\(2001 + index)", name: "Desa \(desa)", level: "desa", parentCode: district.code))
            }
        }
        return regions
    }

    /// Perangkat daerah with their unit kerja; a nested array is a further level (schools under a bidang).
    private static let structure: [(name: String, district: Int, children: [(String, [String])])] = [
        ("Sekretariat Daerah", 0, [("Bagian Pemerintahan", []), ("Bagian Hukum", []), ("Bagian Umum", []), ("Bagian Organisasi", [])]),
        ("Sekretariat DPRD", 0, [("Bagian Umum dan Keuangan", []), ("Bagian Persidangan dan Perundang-undangan", [])]),
        ("Inspektorat Daerah", 0, [("Inspektur Pembantu Wilayah I", []), ("Inspektur Pembantu Wilayah II", [])]),
        ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 0,
         [("Bidang Mutasi dan Promosi", []), ("Bidang Pengembangan Kompetensi", []), ("Bidang Penilaian Kinerja dan Disiplin", [])]),
        ("Badan Pengelolaan Keuangan dan Aset Daerah", 0, [("Bidang Anggaran", []), ("Bidang Perbendaharaan", []), ("Bidang Aset", [])]),
        ("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", 0,
         [("Bidang Perencanaan Pembangunan Manusia", []), ("Bidang Infrastruktur dan Kewilayahan", [])]),
        ("Dinas Pendidikan dan Kebudayaan", 0, [
            ("Sekretariat Dinas Pendidikan dan Kebudayaan", []),
            ("Bidang Pembinaan Sekolah Dasar", ["SDN 1 Harapan Hilir", "SDN 3 Harapan Hilir", "SDN 2 Batu Harapan", "SDN 4 Pulau Harapan", "SDN 1 Hulu Harapan", "SDN 1 Rantau Harapan"]),
            ("Bidang Pembinaan Sekolah Menengah Pertama", ["SMPN 1 Harapan Hilir", "SMPN 1 Batu Harapan", "SMPN 1 Pulau Harapan", "SMPN 1 Sungai Bulan"]),
        ]),
        ("Dinas Kesehatan", 0, [
            ("Sekretariat Dinas Kesehatan", []), ("RSUD Sungai Harapan", []),
            ("UPT Puskesmas Harapan Hilir", []), ("UPT Puskesmas Batu Harapan", []), ("UPT Puskesmas Pulau Harapan", []),
            ("UPT Puskesmas Hulu Harapan", []), ("UPT Puskesmas Rantau Harapan", []),
        ]),
        ("Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman", 0,
         [("Sekretariat Dinas PUPRPKP", []), ("Bidang Bina Marga", []), ("Bidang Perumahan dan Kawasan Permukiman", [])]),
        ("Dinas Kependudukan dan Pencatatan Sipil", 0, [("Bidang Pelayanan Pendaftaran Penduduk", []), ("Bidang Pencatatan Sipil", [])]),
        ("Dinas Komunikasi, Informatika dan Statistik", 0, [("Bidang Aplikasi Informatika", []), ("Bidang Statistik", [])]),
        ("Dinas Pertanian dan Ketahanan Pangan", 0,
         [("Sekretariat Dinas Pertanian dan Ketahanan Pangan", []), ("BPP Batu Harapan", []), ("BPP Hulu Harapan", [])]),
        ("Satuan Polisi Pamong Praja dan Pemadam Kebakaran", 0,
         [("Bidang Ketenteraman dan Ketertiban Umum", []), ("Bidang Pemadam Kebakaran", [])]),
        ("Kecamatan Harapan Hilir", 0, [("Kantor Camat Harapan Hilir", []), ("Kelurahan Pasar Lama", []), ("Kelurahan Harapan Baru", [])]),
        ("Kecamatan Batu Harapan", 1, [("Kantor Camat Batu Harapan", []), ("Kelurahan Batu Harapan", [])]),
        ("Kecamatan Pulau Harapan", 2, [("Kantor Camat Pulau Harapan", [])]),
        ("Kecamatan Hulu Harapan", 3, [("Kantor Camat Hulu Harapan", [])]),
        ("Kecamatan Rantau Harapan", 5, [("Kantor Camat Rantau Harapan", [])]),
    ]

    static func units() -> [DemoDataset.Unit] {
        var units: [DemoDataset.Unit] = []
        for (agencyIndex, agency) in structure.enumerated() {
            let agencyKey = "u\(agencyIndex + 1)"
            let agencyRegion = kecamatan[agency.district].code
            units.append(.init(key: agencyKey, name: agency.name, parentKey: nil, regionCode: agencyRegion))
            for (childIndex, child) in agency.children.enumerated() {
                let childKey = "\(agencyKey).\(childIndex + 1)"
                units.append(.init(key: childKey, name: child.0, parentKey: agencyKey, regionCode: region(ofUnitNamed: child.0) ?? agencyRegion))
                for (leafIndex, leaf) in child.1.enumerated() {
                    units.append(.init(key: "\(childKey).\(leafIndex + 1)", name: leaf, parentKey: childKey, regionCode: region(ofUnitNamed: leaf) ?? agencyRegion))
                }
            }
        }
        return units
    }

    /// Schools, puskesmas and kelurahan sit in the kecamatan their name carries.
    private static func region(ofUnitNamed name: String) -> String? {
        guard let district = kecamatan.first(where: { name.hasSuffix($0.name) }) else { return nil }
        // Schools stand in a desa (by their number); offices in the kecamatan town.
        if name.hasPrefix("SDN") || name.hasPrefix("SMPN"), let number = name.split(separator: " ").dropFirst().first.flatMap({ Int($0) }), number > 0 {
            return "\(district.code).\(2001 + (number - 1) % district.desa.count)"
        }
        return district.code
    }

    static func agencyName(of unit: DemoDataset.Unit, in units: [DemoDataset.Unit]) -> String {
        let rootKey = String(unit.key.prefix { $0 != "." })
        return units.first { $0.key == rootKey }!.name
    }

    static func staffWeight(unitName name: String) -> Int {
        if name.hasPrefix("SDN") || name.hasPrefix("SMPN") { return 8 }
        if name.hasPrefix("RSUD") { return 14 }
        if name.hasPrefix("UPT Puskesmas") { return 7 }
        if name.hasPrefix("Dinas") || name.hasPrefix("Badan") || name.hasPrefix("Sekretariat Daerah") { return 1 }
        return 3
    }

    /// A PNS's pangkat/golongan after so many years: a graduate starts at III/a and rises a step every four
    /// years or so; heads of units are Pembina.
    static func rank(yearsOfService: Int, senior: Bool) -> String {
        let ranks = ["Penata Muda (III/a)", "Penata Muda Tingkat I (III/b)", "Penata (III/c)", "Penata Tingkat I (III/d)", "Pembina (IV/a)"]
        if senior { return yearsOfService >= 24 ? "Pembina Utama Muda (IV/c)" : "Pembina Tingkat I (IV/b)" }
        return ranks[min(max(yearsOfService, 0) / 4, ranks.count - 1)]
    }

    static func headTitle(for unit: DemoDataset.Unit) -> String {
        let name = unit.name
        if unit.parentKey == nil {
            if name == "Sekretariat Daerah" { return "Sekretaris Daerah" }
            if name == "Sekretariat DPRD" { return "Sekretaris DPRD" }
            if name == "Inspektorat Daerah" { return "Inspektur Daerah" }
            if name.hasPrefix("Kecamatan ") { return "Camat \(name.dropFirst("Kecamatan ".count))" }
            return "Kepala \(name)"
        }
        if name.hasPrefix("SDN") || name.hasPrefix("SMPN") { return "Kepala Sekolah" }
        if name.hasPrefix("RSUD") { return "Direktur RSUD" }
        if name.hasPrefix("UPT Puskesmas") { return "Kepala Puskesmas" }
        if name.hasPrefix("Kelurahan") { return "Lurah" }
        if name.hasPrefix("Kantor Camat") { return "Sekretaris Camat" }
        if name.hasPrefix("Sekretariat") { return "Sekretaris Dinas" }
        if name.hasPrefix("Inspektur") { return name }
        return "Kepala \(name)"
    }

    static func staffPositions(unitName name: String) -> [String] {
        if name.hasPrefix("SDN") || name.hasPrefix("SMPN") { return ["Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pengelola Layanan Operasional"] }
        if name.hasPrefix("RSUD") || name.hasPrefix("UPT Puskesmas") {
            return ["Perawat Terampil", "Perawat Ahli Pertama", "Bidan Terampil", "Dokter Ahli Pertama", "Pranata Laboratorium Kesehatan Terampil", "Apoteker Ahli Pertama"]
        }
        if name.hasPrefix("BPP") { return ["Penyuluh Pertanian Terampil", "Penyuluh Pertanian Ahli Pertama"] }
        if name.hasPrefix("Inspektur") { return ["Auditor Ahli Pertama", "Auditor Ahli Muda", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama"] }
        return ["Pengadministrasi Perkantoran", "Analis Kebijakan Ahli Pertama", "Penata Layanan Operasional", "Arsiparis Terampil", "Pranata Komputer Terampil", "Perencana Ahli Pertama"]
    }

    static let maleNames = ["Agus", "Budi", "Fredy", "Heri", "Iskandar", "Joko", "Lukas", "Markus", "Norhadi", "Rahmat", "Riduan", "Sandi",
                            "Supriadi", "Teguh", "Yudha", "Yosua", "Abdul Gani", "Mahyudin", "Stevanus", "Eko", "Irwan", "Agung", "Ronald", "Syahrudin"]
    static let femaleNames = ["Anita", "Ayu", "Debora", "Dewi", "Dian", "Elisabet", "Endang", "Erlina", "Helena", "Intan", "Juliana", "Kartika",
                              "Lestari", "Maria", "Marta", "Melati", "Rahma", "Ratna", "Rosita", "Sari", "Septiani", "Wulan", "Yuliani", "Yunita"]
    static let familyNames = ["Ambun", "Bangkan", "Dehen", "Ngabut", "Nyahu", "Ringkai", "Sahay", "Lambung", "Anggen", "Arbain", "Siregar",
                              "Sinaga", "Simanjuntak", "Nainggolan", "Tarigan", "Ginting", "Wijaya", "Pratama", "Hidayat", "Susanti", "Noor", "Fauzi"]
    static let degrees = ["", "", "S.Pd.", "S.E.", "S.H.", "S.Sos.", "S.Kep., Ns.", "A.Md.Kep.", "S.Ak.", "S.IP.", "S.T.", "S.KM.", "M.Si.", "A.Md."]
}
