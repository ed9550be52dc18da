/// The letters a case produces, one per step that the law puts on paper.
public enum LetterKind: String, Codable, Sendable, CaseIterable {
    case summons = "surat_panggilan"
    case examinationRecord = "berita_acara_pemeriksaan"
    case recommendation = "rekomendasi"
    case decision = "keputusan"

    public init?(after event: CaseEvent) {
        switch event {
        case .summon: self = .summons
        case .examine: self = .examinationRecord
        case .recommend: self = .recommendation
        case .decide: self = .decision
        default: return nil
        }
    }

    public var title: String {
        switch self {
        case .summons: "Surat Panggilan"
        case .examinationRecord: "Berita Acara Pemeriksaan"
        case .recommendation: "Laporan Hasil Pemeriksaan dan Rekomendasi"
        case .decision: "Keputusan Penjatuhan Hukuman"
        }
    }
}
