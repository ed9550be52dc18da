/// The specific penalty a PPK imposes: a sanction level names a range (PP 94/2021 Pasal 8), the decree
/// names one penalty of it — a cut of the tunjangan kinerja for so many months, not "hukuman sedang".
public enum Penalty: String, CaseIterable, Codable, Sendable {
    case oralReprimand = "teguran_lisan"
    case writtenReprimand = "teguran_tertulis"
    case writtenDissatisfaction = "pernyataan_tidak_puas"
    case allowanceCutSixMonths = "potongan_tukin_6_bulan"
    case allowanceCutNineMonths = "potongan_tukin_9_bulan"
    case allowanceCutTwelveMonths = "potongan_tukin_12_bulan"
    case demotion = "penurunan_jabatan"
    case releaseToExecutivePosition = "pembebasan_jabatan"
    case honourableDismissal = "pemberhentian_dengan_hormat"
    case dishonourableDismissal = "pemberhentian_tidak_dengan_hormat"
    case closedStatement = "pernyataan_tertutup"
    case openStatement = "pernyataan_terbuka"

    public var level: SanctionLevel {
        switch self {
        case .oralReprimand, .writtenReprimand, .writtenDissatisfaction: .disiplinRingan
        case .allowanceCutSixMonths, .allowanceCutNineMonths, .allowanceCutTwelveMonths: .disiplinSedang
        case .demotion, .releaseToExecutivePosition, .honourableDismissal: .disiplinBerat
        case .dishonourableDismissal: .ptdh
        case .closedStatement, .openStatement: .etik
        }
    }

    /// The penalty as a decree states it, after "berupa".
    public var title: String {
        switch self {
        case .oralReprimand: "teguran lisan"
        case .writtenReprimand: "teguran tertulis"
        case .writtenDissatisfaction: "pernyataan tidak puas secara tertulis"
        case .allowanceCutSixMonths: "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 6 (enam) bulan"
        case .allowanceCutNineMonths: "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 9 (sembilan) bulan"
        case .allowanceCutTwelveMonths: "pemotongan tunjangan kinerja sebesar 25% (dua puluh lima persen) selama 12 (dua belas) bulan"
        case .demotion: "penurunan jabatan setingkat lebih rendah selama 12 (dua belas) bulan"
        case .releaseToExecutivePosition: "pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 (dua belas) bulan"
        case .honourableDismissal: "pemberhentian dengan hormat tidak atas permintaan sendiri sebagai Pegawai Negeri Sipil"
        case .dishonourableDismissal: "pemberhentian tidak dengan hormat sebagai Pegawai Negeri Sipil"
        case .closedStatement: "pernyataan secara tertutup"
        case .openStatement: "pernyataan secara terbuka"
        }
    }

    /// The provision that provides the penalty, cited in the decree's first dictum.
    public var legalBasis: String {
        switch level {
        case .disiplinRingan: "Pasal 8 ayat (2) Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"
        case .disiplinSedang: "Pasal 8 ayat (3) Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"
        case .disiplinBerat: "Pasal 8 ayat (4) Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"
        case .ptdh: "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"
        default: "Pasal 15 Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik Pegawai Negeri Sipil"
        }
    }

    /// The penalties the PPK may choose among for these levels, lightest first within a level.
    public static func choices(for levels: Set<SanctionLevel>) -> [Penalty] {
        allCases.filter { levels.contains($0.level) }
    }
}
