import ArgumentParser
import Foundation
import NetraCore

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Aturan netralitas ASN dan panduan \"Boleh atau Tidak?\".",
        subcommands: [List.self, Show.self, Check.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Daftar semua aturan.")
        @Flag(name: .long, help: "Keluaran JSON.") var json = false

        func run() async throws {
            let rulebook = try Rulebook.bundled()
            for rule in rulebook.rules {
                if json {
                    print(try JSONLines.encode(RuleSummary(rule)))
                } else {
                    print("\(rule.id.padding(toLength: 34, withPad: " ", startingAt: 0)) \(rule.behaviour.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0)) \(rule.citations.joined(separator: "; "))\(rule.confirmed ? "" : " [belum terkonfirmasi]")")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rincian satu aturan.")
        @Argument(help: "Id aturan (lihat `netra rules list`).") var id: String
        @Flag(name: .long, help: "Keluaran JSON.") var json = false

        func run() async throws {
            guard let rule = try Rulebook.bundled().rule(id: id) else { throw CommandFailure("Aturan \"\(id)\" tidak ditemukan.") }
            if json {
                print(try JSONLines.encode(RuleSummary(rule)))
                return
            }
            print("\(rule.title)\n\(rule.explanation)\n")
            print("Dasar hukum : \(rule.citations.joined(separator: "; "))\(rule.confirmed ? "" : " (belum terkonfirmasi)")")
            for sanction in rule.sanctions {
                print("Sanksi      : \(sanction.level.rawValue) — \(sanction.detail)\(sanction.citation.map { " (\($0))" } ?? "")\(sanction.confirmed ? "" : " (belum terkonfirmasi)")")
            }
            print("Berlaku     : \(rule.validFrom)\(rule.validUntil.map { " s.d. \($0)" } ?? " dan seterusnya"); tahap: \(rule.phases.map(\.rawValue).joined(separator: ", ")); bagi: \(rule.appliesTo.map(\.rawValue).joined(separator: ", "))")
            for example in rule.examples.prohibited { print("Dilarang    : [\(example.date)] \(example.text)") }
            for example in rule.examples.allowed { print("Boleh       : [\(example.date)] \(example.text)") }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Menilai perbuatan: satu teks dengan --date, atau berkas JSONL baris {\"id\", \"date\", \"text\"}."
        )
        @Argument(help: "Uraian perbuatan dalam bahasa Indonesia.") var text: String?
        @Option(name: .long, help: "Tanggal perbuatan, YYYY-MM-DD.") var date: String?
        @Option(name: .long, help: "Berkas JSONL.") var jsonl: String?
        @Flag(name: .long, help: "Keluaran JSON untuk satu teks.") var json = false

        struct Scenario: Decodable {
            let id: String?
            let date: String
            let text: String
        }

        struct Output: Encodable {
            let id: String?
            let verdict: String
            let behaviours: [String]
            let citations: [String]
            let sanctions: [String]
            let explanation: String
            let phase: String
            let status: String
            let rules: [String]
            let triggers: [DetectedBehaviour]
            let unconfirmed: [String]

            init(id: String?, _ answer: GuideAnswer) {
                self.id = id
                verdict = answer.verdict.rawValue
                behaviours = answer.behaviours.map(\.rawValue)
                citations = answer.citations
                sanctions = answer.sanctions.map(\.rawValue)
                explanation = answer.explanation
                phase = answer.phase.rawValue
                status = answer.status.rawValue
                rules = answer.rules
                triggers = answer.triggers
                unconfirmed = answer.unconfirmed
            }
        }

        func validate() throws {
            if (text == nil) == (jsonl == nil) { throw ValidationError("Berikan satu teks atau --jsonl BERKAS.") }
            if text != nil, date.flatMap(LocalDate.init(iso8601:)) == nil { throw ValidationError("--date YYYY-MM-DD wajib untuk satu teks.") }
        }

        func run() async throws {
            let guide = try Guide.bundled()
            if let text {
                let answer = guide.answer(text: text, on: LocalDate(iso8601: date!)!)
                if json {
                    print(try JSONLines.encode(Output(id: nil, answer)))
                } else {
                    print(answer.verdict == .dilarang ? "DILARANG" : answer.exoneration == .villageElection ? "DI LUAR ATURAN PEMILU DAN PILKADA" : "BOLEH")
                    print(answer.explanation)
                    if !answer.citations.isEmpty { print("Dasar hukum: \(answer.citations.joined(separator: "; "))") }
                    if !answer.sanctions.isEmpty { print("Sanksi: \(answer.sanctions.map(\.rawValue).joined(separator: ", "))") }
                    for trigger in answer.triggers { print("• \(trigger.behaviour.rawValue): \(trigger.phrases.map { "\"\($0)\"" }.joined(separator: ", "))") }
                }
                return
            }
            var reader = LineReader(source: try FileByteSource(path: jsonl!))
            var failures = 0
            let decoder = JSONDecoder()
            while let line = try reader.next() {
                guard line.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
                guard let scenario = try? decoder.decode(Scenario.self, from: Data(line)), let day = LocalDate(iso8601: scenario.date) else {
                    failures += 1
                    FileHandle.standardError.write(Data("baris \(reader.lineNumber): bukan objek JSON {\"id\", \"date\": \"YYYY-MM-DD\", \"text\"} yang sah\n".utf8))
                    continue
                }
                print(try JSONLines.encode(Output(id: scenario.id, guide.answer(text: scenario.text, on: day))))
            }
            if failures > 0 { throw CommandFailure("\(failures) baris tidak dapat dibaca.") }
        }
    }
}

/// A rule as `rules list --json` and `rules show --json` print it.
struct RuleSummary: Encodable {
    let id: String
    let instrument: String
    let behaviour: String
    let title: String
    let explanation: String
    let citations: [String]
    let sanctions: [String]
    let phases: [String]
    let validFrom: String
    let validUntil: String?
    let confirmed: Bool

    init(_ rule: Rule) {
        id = rule.id
        instrument = rule.instrument
        behaviour = rule.behaviour.rawValue
        title = rule.title
        explanation = rule.explanation
        citations = rule.citations
        sanctions = rule.sanctions.map(\.level.rawValue)
        phases = rule.phases.map(\.rawValue)
        validFrom = rule.validFrom.iso8601
        validUntil = rule.validUntil?.iso8601
        confirmed = rule.confirmed
    }
}
