import ArgumentParser
import Foundation
import NetraCore

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Menyaring unggahan media sosial akun ASN terhadap pasangan calon yang sedang berkontestasi."
    )

    @Option(name: .long, help: "Berkas JSON data pemilihan wilayah (pasangan, jargon, tagar, akun, simbol).") var region: String
    @Option(name: .long, help: "Berkas unggahan JSONL (satu objek per baris).") var jsonl: String?
    @Option(name: .long, help: "Berkas unggahan CSV (id, kind, author, text, target_author, target_text).") var csv: String?
    @Flag(name: .long, help: "Keluaran JSON per baris.") var json = false

    func validate() throws {
        if (jsonl == nil) == (csv == nil) { throw ValidationError("Berikan satu berkas: --jsonl atau --csv.") }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: region) else { throw CommandFailure("Berkas wilayah tidak dapat dibaca: \(region)") }
        let screener: Screener
        do { screener = Screener(region: try RegionElections.load(json: data)) } catch {
            throw CommandFailure("\(region): bukan data pemilihan yang sah (\(error)).")
        }
        let progress = ProgressLine(unit: "unggahan")
        var posts = 0, flags = 0, failures = 0
        var next: () throws -> ScreenedPost?
        if let csv {
            var file: PostsCSVFile<FileByteSource>
            do { file = try PostsCSVFile(source: try FileByteSource(path: csv), name: csv) } catch let error as MatchFileError {
                throw CommandFailure(error.description)
            }
            next = { try file.next() }
        } else {
            var reader = LineReader(source: try FileByteSource(path: jsonl!))
            let decoder = JSONDecoder()
            next = {
                while let line = try reader.next() {
                    guard line.contains(where: { $0 != 32 && $0 != 9 }) else { continue }
                    if let post = try? decoder.decode(ScreenedPost.self, from: Data(line)) { return post }
                    failures += 1
                    FileHandle.standardError.write(Data("baris \(reader.lineNumber): bukan unggahan JSON yang sah\n".utf8))
                }
                return nil
            }
        }
        while let post = try next() {
            let result = screener.screen(post)
            posts += 1
            if result.partisan { flags += 1 }
            if json {
                print(try JSONLines.encode(result))
            } else if result.partisan {
                progress.clear()
                print("\(result.id): \(result.election ?? "?") nomor \(result.pair.map(String.init) ?? "?") skor \(result.score) — \(result.signals.joined(separator: ", "))")
            }
            if posts % 1_000 == 0 { progress.show(count: posts, detail: "\(flags) ditandai") }
        }
        progress.clear()
        if !json { print("\(posts) unggahan diperiksa, \(flags) ditandai.") }
        if failures > 0 { throw CommandFailure("\(failures) baris tidak dapat dibaca.") }
    }
}
