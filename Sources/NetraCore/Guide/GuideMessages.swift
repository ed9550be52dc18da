/// The guide's sentences in Bahasa Indonesia, apart from the reasoning that picks them.
enum GuideMessages {
    /// What a village-election answer cites: the neutrality duty of every ASN and the permission a candidate needs.
    static let villageElectionCitations = ["UU 20/2023 Pasal 24 ayat (1) huruf d", "Permendagri 112/2014 Pasal 47"]

    static func explanation(verdict: GuideAnswer.Verdict, rules: [Rule], phase: ElectionPhase, status: EmploymentStatus,
                            exoneration: Exoneration?) -> String {
        switch verdict {
        case .dilarang:
            var titles: [String] = []
            for rule in rules where !titles.contains(rule.title) { titles.append(rule.title) }
            let unconfirmed = rules.contains { !$0.confirmed || $0.sanctions.contains { !$0.confirmed } }
            return "Dilarang bagi \(status.rawValue) \(phase.when): \(titles.joined(separator: "; "))."
                + (unconfirmed ? " Sebagian dasar hukum atau sanksinya belum terkonfirmasi dari naskah resmi." : "")
        case .boleh:
            switch exoneration {
            case .reportsViolation?:
                return "Boleh: melaporkan dugaan pelanggaran netralitas kepada pengawas atau atasan justru dianjurkan."
            case .refusal?:
                return "Boleh: menolak permintaan yang akan melanggar netralitas adalah sikap yang benar."
            case .villageElection?:
                return "Pemilihan kepala desa tidak diatur oleh undang-undang Pemilu dan Pilkada maupun SKB Netralitas yang menjadi dasar panduan ini: larangan dukungan kepada calon dalam aturan itu tidak berlaku untuk pilkades, dan pengaduannya tidak ditangani Bawaslu melainkan panitia pemilihan serta bupati/wali kota. Namun setiap pegawai ASN tetap wajib menjaga netralitas dan tidak berpihak dalam tugasnya, dan PNS yang mencalonkan diri sebagai kepala desa wajib mendapat izin tertulis dari Pejabat Pembina Kepegawaian. Tanyakan kepada BKPSDM bila ragu."
            case nil:
                return "Boleh: tidak ditemukan perbuatan yang dilarang bagi \(status.rawValue) \(phase.when). Tetap jaga netralitas: jangan menunjukkan dukungan kepada bakal calon atau calon mana pun."
            }
        }
    }
}
