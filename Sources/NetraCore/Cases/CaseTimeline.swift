import Foundation

/// The audit chain of a case in the words of the people who read the case page: what happened, by whom, and the
/// details that matter to them (a letter's number, a missed deadline, a reason), never the chain's codes or JSON.
public enum CaseTimeline {
    public struct Entry: Sendable, Equatable, Codable {
        public let who: String
        public let what: String
    }

    /// `actor` as the chain writes it ("admin:Tim Netralitas BKPSDM", "sistem"); `details` its JSON object.
    public static func entry(action: String, actor: String, details: String) -> Entry {
        let fields = (try? JSONDecoder().decode([String: String].self, from: Data(details.utf8))) ?? [:]
        func date(_ key: String) -> String { fields[key].flatMap(LocalDate.init(iso8601:))?.indonesianLong ?? fields[key] ?? "" }
        let letter = fields["letter"].map { " Surat nomor \($0) terbit." } ?? ""
        let what: String = switch action {
        case "case.opened": "Laporan diverifikasi menjadi kasus \(fields["number"] ?? "")."
        case "case.summon": "ASN dipanggil untuk diperiksa.\(letter)"
        case "case.examine": "Hasil pemeriksaan dicatat.\(letter)"
        case "case.record_absence": "ASN tidak memenuhi panggilan kedua; kasus dilanjutkan tanpa pemeriksaan."
        case "case.recommend": "Sanksi direkomendasikan kepada PPK.\(letter)"
        case "case.decide": "PPK memutuskan sanksi.\(letter)"
        case "case.carry_out_sanction": "Pelaksanaan sanksi dicatat."
        case "case.close": "Kasus ditutup."
        case "case.dismiss": "Kasus dihentikan" + (fields["reason"].map { ": \($0)" } ?? ".")
        case "case.reminded": "Pengingat dikirim: tenggat \(date("due_on"))."
        case "case.escalated": "Tenggat \(date("due_on")) terlewati; kasus dialihkan ke atasan satu tingkat di atasnya."
        case "case.subject_set": "ASN yang dilaporkan ditetapkan (NIP \(fields["to"] ?? ""))" + (fields["reason"].map { ": \($0)" } ?? ".")
        case "case.note": fields["visibility"] == "reporter" ? "Pesan untuk pelapor ditambahkan." : "Catatan ditambahkan."
        case "case.file_added": fields["visibility"] == "reporter" ? "Berkas untuk pelapor ditambahkan." : "Berkas ditambahkan."
        default: "Perubahan tercatat (\(action))."
        }
        return Entry(who: who(actor), what: what)
    }

    /// "admin:Tim Netralitas BKPSDM" → "Tim Netralitas BKPSDM"; the job's own steps → "Netra (otomatis)".
    static func who(_ actor: String) -> String {
        if actor == "sistem" { return "Netra (otomatis)" }
        guard let colon = actor.firstIndex(of: ":") else { return actor }
        return String(actor[actor.index(after: colon)...])
    }
}
