/// One person in the registry who may be the ASN a report is about.
public struct SubjectCandidate: Sendable, Equatable, Codable {
    public let nip: String
    public let name: String
    public let position: String
    /// Their unit kerja, then the units above it up to the perangkat daerah.
    public let units: [String]
    /// The kecamatan of their unit, when the units file gives it.
    public let kecamatan: String?

    public init(nip: String, name: String, position: String, units: [String], kecamatan: String?) {
        self.nip = nip
        self.name = name
        self.position = position
        self.units = units
        self.kecamatan = kecamatan
    }
}

/// What the report says that can tell people of the same name apart.
public struct ReportClues: Sendable, Equatable {
    public let asnName: String?
    public let asnNIP: String?
    public let unit: String?
    public let place: String?
    public let description: String

    public init(asnName: String?, asnNIP: String?, unit: String?, place: String?, description: String) {
        self.asnName = asnName
        self.asnNIP = asnNIP
        self.unit = unit
        self.place = place
        self.description = description
    }
}

/// A candidate with how well the report's clues fit them, and why, in the words the triage page shows.
public struct RankedCandidate: Sendable, Equatable, Codable {
    public let candidate: SubjectCandidate
    public let score: Int
    public let reasons: [String]
}

/// Orders the people a report may be about by the clues it gives, so the one reading it sees who fits and why. It never
/// chooses: opening a case against someone is always the reader's explicit choice, however clear the ranking.
public enum SubjectMatching {
    public static func rank(_ candidates: [SubjectCandidate], by clues: ReportClues) -> [RankedCandidate] {
        let reportText = fold([clues.unit, clues.place, clues.description].compactMap { $0 }.joined(separator: " "))
        let reportedName = clues.asnName.map(PersonName.normalized)
        return candidates.map { candidate in
            var score = 0
            var reasons: [String] = []
            if let nip = clues.asnNIP, nip == candidate.nip {
                score += 100
                reasons.append("NIP sama dengan yang dilaporkan")
            }
            if let reportedName, !reportedName.isEmpty {
                let name = PersonName.normalized(candidate.name)
                if name == reportedName {
                    score += 30
                    reasons.append("nama sama")
                } else if PersonName.similarity(name, reportedName) >= 0.85 {
                    score += 15
                    reasons.append("nama mirip")
                }
            }
            if let unit = candidate.units.first(where: { mentions(reportText, fold($0)) }) {
                score += unit == candidate.units.first ? 40 : 20
                reasons.append("unit kerja disebut dalam laporan: \(unit)")
            }
            if let kecamatan = candidate.kecamatan, mentions(reportText, fold(kecamatan)) {
                score += 20
                reasons.append("kecamatan disebut dalam laporan: \(kecamatan)")
            }
            if let word = positionWords(candidate.position).first(where: { reportText.split(separator: " ").contains(Substring($0)) }) {
                score += 10
                reasons.append("jabatan sesuai uraian (\(word))")
            }
            return RankedCandidate(candidate: candidate, score: score, reasons: reasons)
        }.sorted { ($1.score, $0.candidate.name) < ($0.score, $1.candidate.name) }
    }

    /// Lower case, letters and digits only, single spaces.
    static func fold(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
    }

    /// A phrase as whole words within the text (so "SDN 1" does not match "SDN 11").
    static func mentions(_ text: String, _ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        return " \(text) ".contains(" \(phrase) ")
    }

    /// The words of a position that say what the person does ("guru", "bidan", "camat"), not its grade.
    static func positionWords(_ position: String) -> [String] {
        let grades: Set<String> = ["ahli", "pertama", "muda", "madya", "utama", "terampil", "mahir", "penyelia", "pelaksana", "kepala", "sub",
                                   "bagian", "seksi", "bidang", "dan", "di", "pada", "jabatan", "fungsional", "umum"]
        return fold(position).split(separator: " ").map(String.init).filter { $0.count >= 4 && !grades.contains($0) }
    }
}
