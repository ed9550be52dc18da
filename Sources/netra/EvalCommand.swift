import ArgumentParser
import Foundation
import NetraCore

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Mengukur mutu terhadap data berlabel.", subcommands: [Scan.self])

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Presisi, recall dan F1 `partisan`, serta ketepatan pasangan, pada unggahan berlabel.")
        @Option(name: .long, help: "Berkas JSON data pemilihan wilayah.") var region: String
        @Option(name: .long, help: "Unggahan JSONL berlabel (field label.partisan, label.election, label.pair).") var jsonl: String
        @Flag(name: .long, help: "Keluaran JSON.") var json = false

        struct Labelled: Decodable {
            struct Label: Decodable {
                let partisan: Bool
                let election: String?
                let pair: Int?
            }
            let label: Label
        }

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: region) else { throw CommandFailure("Berkas wilayah tidak dapat dibaca: \(region)") }
            let screener = Screener(region: try RegionElections.load(json: data))
            var reader = LineReader(source: try FileByteSource(path: jsonl))
            var evaluation = ScreeningEvaluation()
            let decoder = JSONDecoder()
            while let line = try reader.next() {
                guard line.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
                guard let post = line.withUnsafeBufferPointer({ ScreenedPost(jsonLine: $0) }),
                      let labelled = try? decoder.decode(Labelled.self, from: Data(line)) else {
                    throw CommandFailure("\(jsonl) baris \(reader.lineNumber): unggahan berlabel tidak sah.")
                }
                evaluation.add(result: screener.screen(post), partisan: labelled.label.partisan, election: labelled.label.election, pair: labelled.label.pair)
            }
            if json {
                print(try JSONLines.encode(evaluation))
            } else {
                let format = { (value: Double) in String(format: "%.3f", value) }
                print("partisan: presisi \(format(evaluation.precision)), recall \(format(evaluation.recall)), F1 \(format(evaluation.f1)) "
                    + "(TP \(evaluation.truePositives), FP \(evaluation.falsePositives), FN \(evaluation.falseNegatives), TN \(evaluation.trueNegatives))")
                print("pasangan tepat pada \(evaluation.pairCorrect) dari \(evaluation.truePositives) tanda benar (\(format(evaluation.pairAccuracy)))")
            }
        }
    }
}
