import NetraCore

/// The public home page: reporting first, what can be reported, who handles it and how long each step may take,
/// and whose service this is. Built by a pure function from the region's settings.
struct HomePage: Codable, Equatable {
    struct Step: Codable, Equatable {
        let who: String
        let what: String
        let limit: String
    }

    /// "Pemerintah Kabupaten Sungai Harapan", from the letterhead or the imported region; nil before either is set.
    let government: String?
    let agency: String?
    let address: String?
    let examples: [String]
    let steps: [Step]

    static func make(letterhead: Letterhead?, regionName: String?, policy: DeadlinePolicy) -> HomePage {
        func days(_ status: CaseStatus) -> String { policy.workingDays[status].map { "paling lambat \($0) hari kerja" } ?? "" }
        let government = letterhead.map { titleCased($0.government) } ?? regionName.map { "Pemerintah \($0)" }
        return HomePage(
            government: government, agency: letterhead.map { titleCased($0.agency) }, address: letterhead?.address,
            examples: [Behaviour.kampanyeIkut, .medsosDukungan, .alatPeraga, .kampanyeFasilitasNegara, .keputusanMenguntungkan, .dukunganKTP].map(\.title),
            steps: [
                Step(who: "Tim Netralitas BKPSDM", what: "memeriksa laporan Anda dan menjadikannya kasus, atau menjelaskan mengapa tidak ditindaklanjuti",
                     limit: days(.received)),
                Step(who: "Atasan langsung ASN yang dilaporkan", what: "memanggil dan memeriksa ASN tersebut",
                     limit: "panggilan \(days(.verified)) setelah verifikasi; pemeriksaan \(policy.summonsNoticeWorkingDays)–\(policy.summonsLatestWorkingDays) hari kerja setelah panggilan"),
                Step(who: "Tim Netralitas BKPSDM", what: "menyampaikan rekomendasi sanksi berdasarkan hasil pemeriksaan", limit: days(.examined) + " setelah pemeriksaan"),
                Step(who: "Pejabat Pembina Kepegawaian (Bupati/Wali Kota)", what: "memutuskan sanksi", limit: days(.recommended) + " setelah rekomendasi"),
            ])
    }

    /// Abbreviations a letterhead writes that stay in capitals when the rest is title-cased.
    static let acronyms: Set<String> = ["BKPSDM", "BKPPD", "BKPP", "BKD", "BKPSDMD", "ASN", "PNS", "PPPK", "DPRD", "RSUD", "UPT", "KPU"]

    /// "PEMERINTAH KABUPATEN SUNGAI HARAPAN" → "Pemerintah Kabupaten Sungai Harapan"; abbreviations (BKPSDM) stay.
    static func titleCased(_ text: String) -> String {
        text.split(separator: " ").map { word in
            acronyms.contains(String(word)) ? String(word) : word.prefix(1).uppercased() + word.dropFirst().lowercased()
        }.joined(separator: " ").replacingOccurrences(of: " Dan ", with: " dan ")
    }
}
