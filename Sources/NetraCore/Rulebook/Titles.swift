extension Behaviour {
    /// Short Indonesian name for pages and letters.
    public var title: String {
        switch self {
        case .kampanyeIkut: "Ikut kampanye"
        case .kampanyeAtribut: "Kampanye dengan atribut partai atau PNS"
        case .kampanyeMengerahkan: "Kampanye dengan mengerahkan ASN lain"
        case .kampanyeFasilitasNegara: "Kampanye dengan fasilitas negara"
        case .keputusanMenguntungkan: "Keputusan yang menguntungkan atau merugikan pasangan calon"
        case .kegiatanKeberpihakan: "Kegiatan yang mengarah pada keberpihakan"
        case .dukunganKTP: "Dukungan KTP untuk calon perseorangan"
        case .medsosDukungan: "Dukungan di media sosial"
        case .fotoSimbol: "Foto dengan simbol keberpihakan"
        case .alatPeraga: "Memasang alat peraga kampanye"
        case .deklarasi: "Menghadiri deklarasi dengan dukungan aktif"
        case .sosialisasiBakalCalon: "Sosialisasi bakal calon"
        case .mencalonkanDiri: "Mencalonkan diri tanpa mundur"
        case .anggotaParpol: "Anggota atau pengurus partai politik"
        case .narasumberParpol: "Narasumber kegiatan partai politik"
        }
    }
}

extension SanctionLevel {
    public var title: String {
        switch self {
        case .pidana: "Pidana"
        case .ptdh: "Pemberhentian tidak dengan hormat"
        case .disiplinBerat: "Hukuman disiplin berat"
        case .disiplinSedang: "Hukuman disiplin sedang"
        case .disiplinRingan: "Hukuman disiplin ringan"
        case .etik: "Sanksi moral (kode etik)"
        case .administratif: "Akibat administratif"
        }
    }
}

extension SanctionLevel {
    /// What the sanction means for a person of `status`, in plain words: the penalties it may be, or for a PPPK
    /// the discipline of their own agency.
    public func inPlainWords(for status: EmploymentStatus) -> String {
        switch self {
        case .disiplinRingan, .disiplinSedang, .disiplinBerat, .etik, .ptdh:
            if status == .pppk && [.disiplinRingan, .disiplinSedang, .disiplinBerat].contains(self) {
                return "hukuman disiplin menurut ketentuan disiplin PPPK yang ditetapkan instansinya (PP 49/2018 Pasal 52); pelanggaran berat dapat berujung pemutusan hubungan perjanjian kerja"
            }
            let penalties = Penalty.choices(for: [self]).map(\.title)
            return penalties.count > 1 ? penalties.dropLast().joined(separator: ", ") + ", atau " + penalties.last! : penalties.joined()
        case .pidana:
            return "ancaman pidana penjara atau kurungan dan denda, diproses melalui Sentra Gakkumdu"
        case .administratif:
            return "akibat administratif bagi pasangan calon"
        }
    }
}
