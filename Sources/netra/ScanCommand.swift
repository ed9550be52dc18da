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
        let format: PostsScreening.Format = json ? .jsonLines : .flagged { result in
            "\(result.id): \(result.election ?? "?") nomor \(result.pair.map(String.init) ?? "?") skor \(result.score) — \(result.signals.joined(separator: ", "))\n"
        }
        let standardOutput = FileHandle.standardOutput
        // Written as they are, without a copy; a failed write (a closed pipe, a full disk) ends the scan with its error.
        let emit = { (bytes: [UInt8]) throws in
            progress.clear()
            do { try standardOutput.write(contentsOf: bytes) } catch { throw CommandFailure("Keluaran tidak dapat ditulis: \(error.localizedDescription)") }
        }
        let totals: PostsScreening.Totals
        if let csv {
            totals = try screenCSV(csv, screener: screener, format: format, output: emit, progress: progress)
        } else {
            totals = try PostsScreening.run(path: jsonl!, screener: screener, format: format, output: emit, unreadable: { line in
                progress.clear()
                FileHandle.standardError.write(Data("baris \(line): bukan unggahan JSON yang sah\n".utf8))
            }, progress: { progress.show(count: $0.posts, detail: "\($0.flags) ditandai") })
        }
        progress.clear()
        if !json { print("\(totals.posts) unggahan diperiksa, \(totals.flags) ditandai.") }
        if totals.unreadable > 0 { throw CommandFailure("\(totals.unreadable) baris tidak dapat dibaca.") }
    }

    /// CSV exports are read row by row (a quoted cell may span lines) on one thread.
    private func screenCSV(_ path: String, screener: Screener, format: PostsScreening.Format,
                           output: ([UInt8]) throws -> Void, progress: ProgressLine) throws -> PostsScreening.Totals {
        var file: PostsCSVFile<FileByteSource>
        do { file = try PostsCSVFile(source: try FileByteSource(path: path), name: path) } catch let error as MatchFileError {
            throw CommandFailure(error.description)
        }
        var totals = PostsScreening.Totals()
        var pending: [UInt8] = []
        while let post = try file.next() {
            let result = screener.screen(post)
            totals.posts += 1
            if result.partisan { totals.flags += 1 }
            format.append(result, to: &pending)
            if pending.count > 1 << 16 {
                try output(pending)
                pending.removeAll(keepingCapacity: true)
            }
            if totals.posts % 1_000 == 0 { progress.show(count: totals.posts, detail: "\(totals.flags) ditandai") }
        }
        if !pending.isEmpty { try output(pending) }
        return totals
    }
}
