import Foundation
import Testing
@testable import NetraCore

@Suite("BKPSDM finds ASN among an independent candidate's supporters")
struct MatchingTests {
    @Test("names are compared without titles, degrees and old spelling", arguments: [
        ("Hj. Siti Nurjanah, S.Pd., M.Si.", "siti nurjanah"),
        ("H. Muhamad Noor S.Pd.", "muhammad noor"),
        ("Dr. Ir. Soekarno", "sukarno"),
        ("DJOKO  TJAHJONO", "joko cahyono"),
        ("drs. achmad fauzi, m.ag", "ahmad fauzi"),
        ("Jusuf Kalla", "yusuf kalla"),
        ("I Njoman Banjar", "i nyoman banjar"),
        ("Joko Anjani", "joko anjani"),
        ("Djojo Sutjipto", "joyo sucipto"),
        ("Sjamsul Chairudin", "syamsul khairudin"),
        ("Stephanus Tjhin", "stefanus khin"),
    ])
    func names(raw: String, normalized: String) {
        #expect(PersonName.normalized(raw) == normalized)
    }

    @Test("Jaro-Winkler tolerates transposed and missing letters but not different names")
    func similarity() {
        #expect(PersonName.similarity("siti nurjanah", "siti nurjannah") > 0.95)
        #expect(PersonName.similarity("budi siregar", "budi sirgear") > 0.93)
        #expect(PersonName.similarity("siregar budi", "budi siregar") == 1)
        #expect(PersonName.similarity("budi siregar", "agus pratama") < 0.7)
        #expect(JaroWinkler.similarity("martha", "marhta") > 0.96)
    }

    @Test("the letter-count bound never falls below the real similarity, and rules out unrelated names")
    func similarityBound() {
        var random = SeededRandom(seed: 11)
        // Normalized names, as the matcher compares them: words of letters joined by single spaces.
        let syllables = ["su", "ti", "nur", "ja", "nah", "bu", "di", "re", "gar", "ah", "mad", "é", "wa", "n"]
        let word = { (random: inout SeededRandom) in (0..<Int.random(in: 1...3, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined() }
        let names = (0..<400).map { _ in (0..<Int.random(in: 1...3, using: &random)).map { _ in word(&random) }.joined(separator: " ") }
        var ruledOut = 0
        for (index, name) in names.enumerated() {
            for other in names[index...].prefix(60) + ["", name, String(name.reversed()), name.split(separator: " ").reversed().joined(separator: " ")] {
                let bound = LetterCounts(name).similarityBound(LetterCounts(other))
                #expect(bound >= PersonName.similarity(name, other) - 1e-12, "\(name) / \(other)")
                if bound < SupportMatcher.nameThreshold { ruledOut += 1 }
            }
        }
        #expect(ruledOut > 5_000)
        #expect(LetterCounts("budi siregar").similarityBound(LetterCounts("agus pratama")) < SupportMatcher.nameThreshold)
    }

    /// A registry and a support list with planted supporters of known kinds.
    struct Planted {
        var asnCSV = "nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status\n"
        var supportCSV = "nik,nama,tempat_lahir,tanggal_lahir,alamat,pasangan\n"
        var expected: [Int: (nip: String, method: MatchHit.Method)] = [:]
        var nearMisses: Set<Int> = []
        var malformed: Set<Int> = []
        var line = 1

        mutating func support(_ nik: String, _ name: String, _ date: String, pair: String = "1") -> Int {
            line += 1
            supportCSV += "\(nik),\"\(name)\",Kuala Kurun,\(date),\"Jl. Merdeka No. \(line), RT 01\",\(pair)\n"
            return line
        }
    }

    static func planted() -> Planted {
        var random = SeededRandom(seed: 99)
        let people = DemoDataset.generate(seed: 11, people: 400).people.map(\.record)
        var plan = Planted()
        for person in people {
            plan.asnCSV += "\(person.nip),\(person.nik),\"\(person.name)\",\(person.gender.rawValue),\(person.birthDate.iso8601),Staf,Unit,Dinas,\(person.status.rawValue)\n"
        }
        for (index, person) in people.prefix(120).enumerated() {
            let date = "\(person.birthDate.day)/\(person.birthDate.month)/\(person.birthDate.year)"
            switch index % 6 {
            case 0: // exact NIK, name written differently
                plan.expected[plan.support(person.nik, "Hj. " + person.name.uppercased(), date)] = (person.nip, .nik)
            case 1: // NIK wrong in its last digits, name with a transposition
                var name = Array(PersonName.normalized(person.name))
                if name.count > 5 { name.swapAt(3, 4) }
                let nik = String(person.nik.prefix(12)) + "9999"
                plan.expected[plan.support(nik, String(name), date)] = (person.nip, .nameBirthdate)
            case 2: // NIK missing a digit, birth date left blank: the date comes from the NIK's digits
                plan.expected[plan.support(String(person.nik.dropLast()), person.name, "")] = (person.nip, .nameBirthdate)
            case 3: // near miss: same name, another birth date, a stranger's NIK → must not match
                let other = person.birthDate.adding(days: 400)
                let nik = NIK.make(regionCode: "62.71.01", birthDate: other, gender: person.gender, sequence: Int.random(in: 1...9000, using: &random))
                plan.nearMisses.insert(plan.support(nik.digits, person.name, other.iso8601))
            case 4: // malformed: unusable NIK and no name
                plan.malformed.insert(plan.support("12345", "", date))
            default: // exact NIK with degrees
                plan.expected[plan.support(person.nik, person.name + ", S.Pd.", date)] = (person.nip, .nik)
            }
        }
        for _ in 0..<200 { // ordinary citizens
            let birth = LocalDate(dayNumber: Int.random(in: -5_000...10_000, using: &random))
            let nik = NIK.make(regionCode: "62.91.03", birthDate: birth, gender: .male, sequence: Int.random(in: 1...9999, using: &random))
            _ = plan.support(nik.digits, "Warga \(Int.random(in: 1...100_000, using: &random)) Harapan", birth.iso8601)
        }
        return plan
    }

    static func run(asn: String, support: String, pseudonymized: Bool, fuzzy: Bool = true) throws -> (hits: [MatchHit], rejected: [Int]) {
        let matcher = SupportMatcher(asn: try ASNMatchFile.read(MemoryByteSource(asn), name: "asn.csv", pseudonymized: pseudonymized), fuzzy: fuzzy)
        var file = try SupportListFile(source: MemoryByteSource(support), name: "dukungan.csv", pseudonymized: pseudonymized)
        var hits: [MatchHit] = [], rejected: [Int] = []
        while let outcome = try file.next(matchingWith: matcher) {
            switch outcome {
            case .hits(let found): hits += found
            case .noHit: break
            case .rejected(let line, _): rejected.append(line)
            }
        }
        return (hits, rejected)
    }

    @Test("every planted supporter is found once by the right method; near misses and citizens are not; malformed rows are rejected")
    func plainMatching() throws {
        let plan = Self.planted()
        let (hits, rejected) = try Self.run(asn: plan.asnCSV, support: plan.supportCSV, pseudonymized: false)
        #expect(Set(rejected) == plan.malformed)
        #expect(hits.count == plan.expected.count)
        for hit in hits {
            let want = try #require(plan.expected[hit.supportLine], "unexpected hit on line \(hit.supportLine): \(hit)")
            #expect(hit.nip == want.nip && hit.method == want.method, "line \(hit.supportLine)")
            #expect(hit.confidence > 0.7 && !hit.reason.isEmpty)
        }
        #expect(hits.allSatisfy { !plan.nearMisses.contains($0.supportLine) })
    }

    @Test("the exact pass finds exactly the NIK hits of the full match and passes malformed rows over")
    func exactOnly() throws {
        let plan = Self.planted()
        let full = try Self.run(asn: plan.asnCSV, support: plan.supportCSV, pseudonymized: false).hits
        let exact = try Self.run(asn: plan.asnCSV, support: plan.supportCSV, pseudonymized: false, fuzzy: false)
        #expect(exact.rejected.isEmpty)
        let key = { (hit: MatchHit) in "\(hit.supportLine)|\(hit.nip)" }
        #expect(Set(exact.hits.map(key)) == Set(full.filter { $0.method == .nik }.map(key)))
        #expect(!exact.hits.isEmpty && exact.hits.allSatisfy { $0.method == .nik })
    }

    @Test("the parallel exact pass gives the row-by-row exact pass's rows and hits, however the file is cut")
    func parallelExactPass() throws {
        let plan = Self.planted()
        let people = try ASNMatchFile.read(MemoryByteSource(plan.asnCSV), name: "asn.csv", pseudonymized: false)
        let matcher = SupportMatcher(asn: people, fuzzy: false)
        // No quotes (names and addresses without commas), some CRLF and blank lines, a NIK written in groups, no final line feed.
        var lines = plan.supportCSV.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: ", ", with: " ")
            .split(separator: "\n").map(String.init)
        let known = try #require(people.first)
        let grouped = try #require(known.nikKey.map { String($0) }).enumerated().map { $0.offset % 4 == 0 && $0.offset > 0 ? " \($0.element)" : String($0.element) }.joined()
        lines.insert("\(grouped),\(known.name.replacingOccurrences(of: ",", with: "")),Kuala Kurun,2000-01-01,Jl. Baru,2", at: 7)
        lines.insert("", at: 11)
        for index in stride(from: 3, to: lines.count, by: 5) { lines[index] += "\r" }
        let text = lines.joined(separator: "\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dukungan-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        var file = try SupportListFile(source: MemoryByteSource(text), name: "dukungan.csv", pseudonymized: false)
        var rows = 0, expected: [MatchHit] = []
        while let outcome = try file.next(matchingWith: matcher) {
            rows += 1
            if case .hits(let found) = outcome { expected += found }
        }
        #expect(expected.contains { $0.nip == known.nip && $0.pair == "2" }, "the grouped NIK is cleaned and found")
        for (threads, share, buffer) in [(1, 1 << 20, 4 << 20), (2, 1, 1024), (3, 1, 64), (4, 1, 17), (7, 1, 5)] {
            let scanned = try #require(try ParallelNIKScan.run(path: path, matcher: matcher, threads: threads, minimumShare: share, bufferSize: buffer))
            #expect(scanned.rows == rows, "\(threads) threads, buffer \(buffer)")
            #expect(scanned.hits == expected, "\(threads) threads, buffer \(buffer)")
        }

        for unusual in [text.replacingOccurrences(of: "Jl. Baru", with: "\"Jl. Baru\""), text.replacingOccurrences(of: "Jl. Baru", with: "Jl.\rBaru")] {
            try Data(unusual.utf8).write(to: URL(fileURLWithPath: path))
            #expect(try ParallelNIKScan.run(path: path, matcher: matcher, threads: 2, minimumShare: 1) == nil, "a quote or a lone CR goes the row-by-row way")
        }
    }

    @Test("the NIK table built on several cores finds every NIK with all its positions, duplicates included, and nothing else")
    func nikTable() {
        var random = SeededRandom(seed: 7)
        let keys: [UInt64?] = (0..<50_000).map { index in
            index % 97 == 0 ? nil : 3_201_000_000_000_000 + UInt64.random(in: 0..<1_000_000_000, using: &random)
        }
        // Some NIKs held twice or three times (a registry fault), far apart in the list.
        let withDuplicates = keys + keys.prefix(300) + keys.prefix(20)
        var expected: [UInt64: [Int]] = [:]
        for (position, key) in withDuplicates.enumerated() { if let key { expected[key, default: []].append(position) } }
        for threads in [1, 2, 3, 4, 8] {
            let table = NIKTable(count: withDuplicates.count, threads: threads) { withDuplicates[$0] }
            #expect(expected.allSatisfy { table.contains($0.key) && table.positions(of: $0.key)?.sorted() == $0.value }, "\(threads) threads")
            let absent = (0..<20_000).map { _ in 3_301_000_000_000_000 + UInt64.random(in: 0..<1_000_000_000, using: &random) }
            #expect(absent.allSatisfy { !table.contains($0) && table.positions(of: $0) == nil }, "\(threads) threads")
            #expect(!table.contains(0))
        }
    }

    @Test("the registry file read on several threads gives the people the row-by-row reader gives, in the same order")
    func parallelASNRead() throws {
        let plan = Self.planted()
        var lines = plan.asnCSV.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: ", ", with: " ").split(separator: "\n").map(String.init)
        lines.insert(",3201014101800001,Tanpa NIP,L,1980-01-01,Staf,Unit,Dinas,PNS", at: 4)
        lines.insert("", at: 9)
        lines.insert("198001012005011001,3201 0141 0180 0001,Spasi Dalam NIK,L,1/1/1980,Staf,Unit,Dinas,PNS", at: 12)
        for index in stride(from: 2, to: lines.count, by: 7) { lines[index] += "\r" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("asn-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let describe = { (people: [MatchableASN]) in people.map { "\($0.nip)|\($0.nikKey ?? 0)|\($0.name)|\($0.birthDate?.iso8601 ?? "")" } }
        for separator in [",", ";"] {
            let text = lines.map { $0.replacingOccurrences(of: ",", with: separator) }.joined(separator: "\n")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let expected = describe(try ASNMatchFile.read(MemoryByteSource(text), name: "asn.csv", pseudonymized: false))
            #expect(expected.count == 401 && expected.contains { $0.hasPrefix("198001012005011001|3201014101800001|") })
            for (threads, share) in [(1, 1 << 20), (2, 1), (3, 1), (5, 1)] {
                #expect(describe(try ASNMatchFile.read(path: path, pseudonymized: false, threads: threads, minimumShare: share)) == expected,
                        "\(threads) threads, separator \(separator)")
            }
        }
    }

    @Test("pseudonymized files give the same exact and same-name hits without any raw NIK")
    func pseudonymizedMatching() throws {
        let plan = Self.planted()
        let pseudonymizer = try Pseudonymizer(keyFileContents: "kunci-bersama-bkpsdm-dan-tim-calon-2024")
        func convert(_ text: String) throws -> String {
            var reader = CSVReader(source: MemoryByteSource(text))
            let header = try reader.next()!.fields
            let kind = PseudonymizedWriter.kind(ofHeader: header)
            var out = (kind == .asn ? PseudonymizedWriter.asnHeader : PseudonymizedWriter.supportHeader) + "\n"
            while let record = try reader.next() { out += PseudonymizedWriter.line(for: record.fields, header: header, kind: kind, using: pseudonymizer) + "\n" }
            return out
        }
        let asn = try convert(plan.asnCSV), support = try convert(plan.supportCSV)
        #expect(!support.contains(plan.expected.values.first!.nip) && !support.contains("Warga"))
        let plain = try Self.run(asn: plan.asnCSV, support: plan.supportCSV, pseudonymized: false).hits
        let pseudo = try Self.run(asn: asn, support: support, pseudonymized: true).hits
        let key = { (hit: MatchHit) in "\(hit.supportLine)|\(hit.nip)|\(hit.method.rawValue)" }
        // Exact NIK hits agree; name hits in pseudonymized mode need the same normalized name or skeleton.
        #expect(Set(plain.filter { $0.method == .nik }.map(key)) == Set(pseudo.filter { $0.method == .nik }.map(key)))
        #expect(Set(pseudo.map(key)).isSubset(of: Set(plain.map(key))))
        #expect(pseudo.filter { $0.method == .nameBirthdate }.count >= plan.expected.values.filter { $0.method == .nameBirthdate }.count / 2)
        #expect(throws: MatchFileError.rawNIKInPseudonymizedMode("dukungan.csv")) {
            _ = try SupportListFile(source: MemoryByteSource(plan.supportCSV), name: "dukungan.csv", pseudonymized: true)
        }
        #expect(throws: Pseudonymizer.InvalidKey.self) { try Pseudonymizer(keyFileContents: "pendek") }
    }
}
