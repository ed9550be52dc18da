/// What a civil servant did, in the vocabulary the rules, the guide and the CLI contract share.
public enum Behaviour: String, CaseIterable, Codable, Sendable, Comparable {
    case kampanyeIkut = "kampanye_ikut"
    case kampanyeAtribut = "kampanye_atribut"
    case kampanyeMengerahkan = "kampanye_mengerahkan"
    case kampanyeFasilitasNegara = "kampanye_fasilitas_negara"
    case keputusanMenguntungkan = "keputusan_menguntungkan"
    case kegiatanKeberpihakan = "kegiatan_keberpihakan"
    case dukunganKTP = "dukungan_ktp"
    case medsosDukungan = "medsos_dukungan"
    case fotoSimbol = "foto_simbol"
    case alatPeraga = "alat_peraga"
    case deklarasi
    case sosialisasiBakalCalon = "sosialisasi_bakal_calon"
    case mencalonkanDiri = "mencalonkan_diri"
    case anggotaParpol = "anggota_parpol"
    case narasumberParpol = "narasumber_parpol"

    public static func < (lhs: Behaviour, rhs: Behaviour) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How heavy the consequence is. `administratif` is kept in the rulebook but is not a sanction on the person.
public enum SanctionLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case pidana
    case ptdh
    case disiplinBerat = "disiplin_berat"
    case disiplinSedang = "disiplin_sedang"
    case disiplinRingan = "disiplin_ringan"
    case etik
    case administratif

    public static func < (lhs: SanctionLevel, rhs: SanctionLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a date falls in an election's timetable.
public enum ElectionPhase: String, CaseIterable, Codable, Sendable {
    /// Before the pairs are fixed: support for a *bakal calon*.
    case sebelumPenetapan = "sebelum_penetapan"
    /// Pairs fixed, campaign not yet begun.
    case sebelumKampanye = "sebelum_kampanye"
    case kampanye
    case masaTenang = "masa_tenang"
    case pemungutan
    case sesudah

    /// The phase as a time adverbial in a sentence: "pada masa kampanye", "sesudah pemungutan suara".
    public var when: String {
        switch self {
        case .sebelumPenetapan, .sebelumKampanye, .sesudah: title
        case .kampanye, .masaTenang, .pemungutan: "pada \(title)"
        }
    }

    public var title: String {
        switch self {
        case .sebelumPenetapan: "sebelum penetapan pasangan calon (tahap bakal calon)"
        case .sebelumKampanye: "sesudah penetapan, sebelum masa kampanye"
        case .kampanye: "masa kampanye"
        case .masaTenang: "masa tenang"
        case .pemungutan: "hari pemungutan suara"
        case .sesudah: "sesudah pemungutan suara"
        }
    }
}
