/// The guide's sentences in Bahasa Indonesia, apart from the reasoning that picks them.
enum GuideMessages {
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
            case nil:
                return "Boleh: tidak ditemukan perbuatan yang dilarang bagi \(status.rawValue) \(phase.when). Tetap jaga netralitas: jangan menunjukkan dukungan kepada bakal calon atau calon mana pun."
            }
        }
    }
}
