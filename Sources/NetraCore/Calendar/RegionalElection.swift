import Foundation
import Yams

/// An election held in the region as the admin records it: its KPU timetable (the same YAML as the
/// calendars that ship with Netra, which are loaded the same way), the office contested, and the pairs
/// with what screening looks for (jargon, hashtags, accounts, symbols).
public struct RegionalElection: Sendable, Codable, Equatable {
    public var calendar: ElectionCalendar
    /// "Bupati dan Wakil Bupati", "Gubernur dan Wakil Gubernur", "Presiden dan Wakil Presiden, DPR, DPD dan DPRD".
    public var office: String
    /// The Kemendagri code of the region that votes ("62.91" for a regency, "62" for a governor); nil for a national Pemilu.
    public var regionCode: String?
    public var pairs: [RegionElections.Pair]

    public init(calendar: ElectionCalendar, office: String, regionCode: String?, pairs: [RegionElections.Pair]) {
        self.calendar = calendar
        self.office = office
        self.regionCode = regionCode
        self.pairs = pairs
    }

    /// The kinds an election can be; a timetable's `kind` names one.
    public static let kinds = ["pilkada", "pemilu"]

    /// A field of the election form, named as the form names it.
    public enum Field: String, Sendable {
        case code = "kode", name = "nama", kind = "jenis", office = "jabatan", regionCode = "kode_wilayah", stages = "tahapan", pairs = "pasangan"
    }

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let field: Field
        public let message: String

        public init(field: Field, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { message }
    }

    /// Every problem found, in the form's order; empty when the election can be saved.
    public func problems() -> [Problem] {
        var found: [Problem] = []
        let code = calendar.id
        if !(2...40).contains(code.count) || !code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            found.append(Problem(field: .code, message: "Kode pemilihan \"\(code)\" tidak sah: 2–40 huruf kecil, angka atau tanda hubung (contoh pilbup-2029)."))
        }
        if calendar.name.trimmingSpaces.isEmpty { found.append(Problem(field: .name, message: "Nama pemilihan wajib diisi.")) }
        if !Self.kinds.contains(calendar.kind) { found.append(Problem(field: .kind, message: "Pilih jenis pemilihan: Pilkada atau Pemilu.")) }
        if office.trimmingSpaces.isEmpty { found.append(Problem(field: .office, message: "Jabatan yang dipilih wajib diisi.")) }
        if let regionCode, !RegionCode.isValid(regionCode) {
            found.append(Problem(field: .regionCode, message: "Kode wilayah \"\(regionCode)\" bukan kode Kemendagri (contoh 62 provinsi, 62.91 kabupaten)."))
        }
        found += stageProblems()
        var numbers: Set<Int> = []
        for pair in pairs {
            if pair.number < 1 { found.append(Problem(field: .pairs, message: "Nomor urut pasangan harus 1 atau lebih (tertulis \(pair.number)).")) }
            if !numbers.insert(pair.number).inserted { found.append(Problem(field: .pairs, message: "Nomor urut \(pair.number) dipakai dua pasangan.")) }
            if pair.candidate.trimmingSpaces.isEmpty { found.append(Problem(field: .pairs, message: "Pasangan nomor \(pair.number): nama calon wajib diisi.")) }
        }
        return found
    }

    private func stageProblems() -> [Problem] {
        var found: [Problem] = []
        for stage in calendar.stages where stage.end < stage.start {
            found.append(Problem(field: .stages, message: "Tahap \(stage.name): tanggal selesai \(stage.end.indonesianLong) sebelum tanggal mulai \(stage.start.indonesianLong)."))
        }
        let missing = ElectionCalendar.requiredStages.filter { calendar.stage($0) == nil }
        guard missing.isEmpty else {
            return found + missing.map { Problem(field: .stages, message: "Tahap \(ElectionCalendar.requiredStageNames[$0] ?? $0) wajib diisi.") }
        }
        // The four stages that fix the phases follow one another.
        let fixing = calendar.stage("penetapan")!, campaign = calendar.stage("kampanye")!
        let quiet = calendar.stage("masa_tenang")!, voting = calendar.stage("pemungutan")!
        if !(fixing.start < campaign.start) { found.append(Problem(field: .stages, message: "Masa kampanye harus dimulai sesudah penetapan pasangan calon.")) }
        if !(campaign.end < quiet.start) { found.append(Problem(field: .stages, message: "Masa tenang harus dimulai sesudah masa kampanye berakhir.")) }
        if !(quiet.end < voting.start) { found.append(Problem(field: .stages, message: "Pemungutan suara harus sesudah masa tenang.")) }
        return found
    }

    /// The file form: a calendar YAML (id, name, kind, regulation, stages) with, optionally, `office`,
    /// `region_code` and `pairs` in the form of the region files.
    struct Extras: Decodable {
        let office: String?
        let regionCode: String?
        let pairs: [RegionElections.Pair]?

        enum CodingKeys: String, CodingKey {
            case office, regionCode = "region_code", pairs
        }
    }

    public enum FileProblem: Error, Sendable, CustomStringConvertible {
        case unreadable(String)
        public var description: String {
            switch self {
            case .unreadable(let reason): "Berkas pemilihan tidak dapat dibaca: \(reason)"
            }
        }
    }

    /// Reads an election file without checking its rules (`problems()` does), so every fault is listed at once.
    public static func load(yaml text: String) throws(FileProblem) -> RegionalElection {
        do {
            let calendar = try YAMLDecoder().decode(ElectionCalendar.self, from: text)
            let extras = try YAMLDecoder().decode(Extras.self, from: text)
            return RegionalElection(calendar: calendar, office: extras.office ?? Self.defaultOffice(kind: calendar.kind), regionCode: extras.regionCode,
                                    pairs: extras.pairs ?? [])
        } catch {
            throw .unreadable(Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "kunci \"\(key.stringValue)\" tidak ada."
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            "isian \(context.codingPath.map(\.stringValue).joined(separator: ".")) tidak sah (\(context.debugDescription))."
        default: "bukan YAML yang sah."
        }
    }

    static func defaultOffice(kind: String) -> String {
        kind == "pemilu" ? "Presiden dan Wakil Presiden, DPR, DPD dan DPRD" : "Kepala Daerah dan Wakil Kepala Daerah"
    }
}

extension RegionElections.Pair {
    /// One pair as the election form takes it, one line each, fields split by `;` and lists by `,`:
    /// `nomor; calon; wakil; partai, partai (or perseorangan); jargon, jargon; #tagar, #tagar; @akun, @akun`.
    public static func parse(line: String, lineNumber: Int) -> Result<RegionElections.Pair, RegionalElection.Problem> {
        let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        func list(_ index: Int) -> [String] {
            guard index < fields.count else { return [] }
            return fields[index].split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        }
        guard let number = Int(fields[0]), number >= 1 else {
            return .failure(RegionalElection.Problem(field: .pairs, message: "Pasangan baris \(lineNumber): mulai dengan nomor urut (contoh: 1; Nama Calon; Nama Wakil; Partai A, Partai B)."))
        }
        guard fields.count >= 2, !fields[1].isEmpty else {
            return .failure(RegionalElection.Problem(field: .pairs, message: "Pasangan baris \(lineNumber): nama calon wajib diisi sesudah nomor urut."))
        }
        return .success(RegionElections.Pair(number: number, candidate: fields[1], runningMate: fields.count > 2 ? fields[2] : "", nicknames: [],
                                             jargon: list(4), parties: list(3), hashtags: list(5), taglines: [], accounts: list(6), symbols: []))
    }

    /// The line `parse` reads back.
    public var line: String {
        [String(number), candidate, runningMate, parties.joined(separator: ", "), jargon.joined(separator: ", "), hashtags.joined(separator: ", "),
         accounts.joined(separator: ", ")].joined(separator: "; ")
    }
}
