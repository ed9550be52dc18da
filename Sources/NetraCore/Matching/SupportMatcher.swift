import Foundation

/// One person on the ASN side, as the matcher indexes them. A registry holds a million of these, so
/// the birth date is kept as a day number and the pseudonym tokens, absent in plain mode, behind one reference.
public struct MatchableASN: Sendable {
    public let nip: String
    /// As written; the matcher normalizes it when it compares names.
    public let name: String
    fileprivate let tokens: Tokens?
    /// The NIK's 16 digits as a number, whatever their validity: equal digits are the same card.
    public let nikKey: UInt64?
    private let birthDay: Int32?

    fileprivate final class Tokens: Sendable {
        let nik: String?, nameBirth: String?, skeletonBirth: String?

        init(nik: String?, nameBirth: String?, skeletonBirth: String?) {
            self.nik = nik
            self.nameBirth = nameBirth
            self.skeletonBirth = skeletonBirth
        }
    }

    public var birthDate: LocalDate? { birthDay.map { LocalDate(dayNumber: Int($0)) } }
    /// Tokens, in pseudonymized mode (no raw NIK or name is then known).
    public var nikToken: String? { tokens?.nik }
    public var nameBirthToken: String? { tokens?.nameBirth }
    public var skeletonBirthToken: String? { tokens?.skeletonBirth }

    public init(nip: String, nik: NIK?, name: String, birthDate: LocalDate?) {
        self.init(nip: nip, nikKey: nik.flatMap { UInt64($0.digits) }, name: name, birthDate: birthDate)
    }

    init(nip: String, nikKey: UInt64?, name: String, birthDate: LocalDate?) {
        self.nip = nip
        self.nikKey = nikKey
        self.name = name
        birthDay = birthDate.map { Int32($0.dayNumber) }
        tokens = nil
    }

    public init(nip: String, nikToken: String?, nameBirthToken: String?, skeletonBirthToken: String?) {
        self.nip = nip
        nikKey = nil
        name = ""
        birthDay = nil
        tokens = Tokens(nik: nikToken, nameBirth: nameBirthToken, skeletonBirth: skeletonBirthToken)
    }
}

/// One supporter from a candidate's list.
public struct SupportEntry: Sendable {
    public let line: Int
    public let pair: String
    public let nik: NIK?
    /// The NIK's digits as a number when the cell holds exactly 16 digits (valid or not).
    public let nikKey: UInt64?
    /// The NIK as written, for the reason text when it is malformed.
    public let rawNIK: String
    public let normalizedName: String
    public let birthDate: LocalDate?
    public let nikToken: String?
    public let nameBirthToken: String?
    public let skeletonBirthToken: String?

    public init(line: Int, pair: String, rawNIK: String, name: String, birthDate: LocalDate?) {
        self.line = line
        self.pair = pair
        self.rawNIK = rawNIK
        nik = try? NIK(rawNIK)
        nikKey = NIKTable.key(Array(rawNIK.utf8)[...]) ?? nik.flatMap { UInt64($0.digits) }
        normalizedName = PersonName.normalized(name)
        self.birthDate = birthDate
        nikToken = nil
        nameBirthToken = nil
        skeletonBirthToken = nil
    }

    public init(line: Int, pair: String, nikToken: String?, nameBirthToken: String?, skeletonBirthToken: String?) {
        self.line = line
        self.pair = pair
        nik = nil
        nikKey = nil
        rawNIK = ""
        normalizedName = ""
        birthDate = nil
        self.nikToken = nikToken
        self.nameBirthToken = nameBirthToken
        self.skeletonBirthToken = skeletonBirthToken
    }

    /// The birth date to match on: the list's own, otherwise the one the NIK's digits 7–12 encode (kept
    /// even when the NIK is wrong in its last digits).
    var effectiveBirthDate: LocalDate? {
        if let birthDate { return birthDate }
        let digits = rawNIK.filter { $0.isASCII && $0.isNumber }
        guard digits.count >= 12, let dd = Int(digits.dropFirst(6).prefix(2)), let mm = Int(digits.dropFirst(8).prefix(2)),
              let yy = Int(digits.dropFirst(10).prefix(2)) else { return nil }
        let day = dd > 40 ? dd - 40 : dd
        // Voters are adults: the latest year the two digits can mean that is at least 17 years ago is not knowable
        // here, so the 20th century is taken for yy above 30 and the 21st below.
        return LocalDate(year: yy > 30 ? 1900 + yy : 2000 + yy, month: mm, day: day)
    }
}

public struct MatchHit: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable { case nik, nameBirthdate = "name_birthdate" }

    public let supportLine: Int
    public let nip: String
    public let pair: String
    public let method: Method
    public let confidence: Double
    /// Why this is a hit, for the reviewer.
    public let reason: String
}

/// Finds ASN among supporters: exact NIK first; otherwise the same birth date and a close name. Memory
/// is bounded by the ASN side; supporters are matched one at a time as they stream past.
public struct SupportMatcher: Sendable {
    private let asn: [MatchableASN]
    /// Normalized names and their letter counts by position; empty when only NIKs are matched.
    private let normalizedNames: [String]
    private let letterCounts: [LetterCounts]
    /// Whether rows without an equal NIK are matched on name and birth date.
    public let fuzzy: Bool
    private let byNIK: NIKTable
    private var byBirthDate: [Int: [Int]] = [:]
    private var byToken: [String: [Int]] = [:]
    /// The lowest name similarity accepted with an equal birth date.
    public static let nameThreshold = 0.90

    /// With `fuzzy` false only an equal NIK (or NIK token) counts, and no name is normalized up front.
    public init(asn: [MatchableASN], fuzzy: Bool = true) {
        self.asn = asn
        self.fuzzy = fuzzy
        normalizedNames = fuzzy ? Self.normalizedNames(asn) : []
        letterCounts = normalizedNames.map(LetterCounts.init)
        byNIK = NIKTable(count: asn.count) { asn[$0].nikKey }
        for (index, person) in asn.enumerated() {
            if fuzzy, let date = person.birthDate { byBirthDate[date.dayNumber, default: []].append(index) }
            guard person.tokens != nil else { continue }
            for token in [person.nikToken.map { "n:" + $0 }, person.nameBirthToken.map { "b:" + $0 }, person.skeletonBirthToken.map { "s:" + $0 }] {
                if let token { byToken[token, default: []].append(index) }
            }
        }
    }

    public var asnCount: Int { asn.count }

    /// Every name normalized, on every core (a registry holds a million).
    private static func normalizedNames(_ asn: [MatchableASN]) -> [String] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, asn.count / 10_000))
        return Parallel.map(parts: parts) { part in
            asn[(asn.count * part / parts)..<(asn.count * (part + 1) / parts)].map { PersonName.normalized($0.name) }
        }.flatMap { $0 }
    }

    /// Whether some ASN has the NIK whose 16 digits make `key`.
    func knowsNIK(_ key: UInt64) -> Bool { byNIK.contains(key) }

    private func normalizedName(_ index: Int) -> String {
        fuzzy ? normalizedNames[index] : PersonName.normalized(asn[index].name)
    }

    /// Hits for one supporter.
    public func match(_ row: SupportEntry) -> [MatchHit] {
        if row.nikToken != nil || row.nameBirthToken != nil || row.skeletonBirthToken != nil { return matchTokens(row) }
        if let key = row.nikKey, let indices = byNIK.positions(of: key) {
            return indices.map { index in
                let person = asn[index]
                let similarity = row.normalizedName.isEmpty ? 1 : PersonName.similarity(row.normalizedName, normalizedName(index))
                let agrees = similarity >= 0.8
                return MatchHit(supportLine: row.line, nip: person.nip, pair: row.pair, method: .nik, confidence: agrees ? 1.0 : 0.85,
                                reason: agrees ? "NIK sama" : "NIK sama, tetapi nama berbeda (\(Int(similarity * 100))% mirip)")
            }
        }
        guard fuzzy, let date = row.effectiveBirthDate, !row.normalizedName.isEmpty, let indices = byBirthDate[date.dayNumber] else { return [] }
        var best: [(Int, Double)] = []
        let counts = LetterCounts(row.normalizedName)
        for index in indices where counts.similarityBound(letterCounts[index]) >= Self.nameThreshold {
            let similarity = PersonName.similarity(row.normalizedName, normalizedNames[index])
            guard similarity >= Self.nameThreshold else { continue }
            if let top = best.first?.1, similarity < top { continue }
            if let top = best.first?.1, similarity > top { best.removeAll() }
            best.append((index, similarity))
        }
        let nikNote = row.rawNIK.isEmpty ? "tanpa NIK" : (row.nik == nil ? "NIK tidak sah" : "NIK tidak terdaftar")
        let dateNote = row.birthDate == nil ? "tanggal lahir dibaca dari NIK" : "tanggal lahir sama"
        return best.map { index, similarity in
            // Several equally close people lower the confidence of each.
            let confidence = (0.9 * similarity * (similarity >= 1 ? 1 : 0.95)) / (best.count > 1 ? 2 : 1)
            return MatchHit(supportLine: row.line, nip: asn[index].nip, pair: row.pair, method: .nameBirthdate,
                            confidence: (confidence * 1000).rounded() / 1000,
                            reason: "\(nikNote); \(dateNote); nama \(Int((similarity * 100).rounded()))% mirip")
        }
    }

    private func matchTokens(_ row: SupportEntry) -> [MatchHit] {
        if let token = row.nikToken, let indices = byToken["n:" + token] {
            return indices.map { MatchHit(supportLine: row.line, nip: asn[$0].nip, pair: row.pair, method: .nik, confidence: 1.0, reason: "token NIK sama") }
        }
        guard fuzzy else { return [] }
        if let token = row.nameBirthToken, let indices = byToken["b:" + token] {
            return indices.map {
                MatchHit(supportLine: row.line, nip: asn[$0].nip, pair: row.pair, method: .nameBirthdate, confidence: indices.count > 1 ? 0.45 : 0.9,
                         reason: "token nama dan tanggal lahir sama")
            }
        }
        if let token = row.skeletonBirthToken, let indices = byToken["s:" + token] {
            return indices.map {
                MatchHit(supportLine: row.line, nip: asn[$0].nip, pair: row.pair, method: .nameBirthdate, confidence: indices.count > 1 ? 0.375 : 0.75,
                         reason: "token kerangka nama dan tanggal lahir sama (ejaan berbeda)")
            }
        }
        return []
    }
}
