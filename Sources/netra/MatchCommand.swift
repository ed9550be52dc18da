import ArgumentParser
import Foundation
import NetraCore
import NetraStore

struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Mencari ASN di antara pendukung calon perseorangan (daftar dukungan KTP).",
        subcommands: [Run.self, Pseudonymize.self], defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Mencocokkan daftar dukungan dengan data ASN.")

        @Option(name: .long, help: "Berkas ASN (CSV data ASN); bila tidak diisi, data ASN di basis data.") var asn: String?
        @Option(name: .long, help: "Berkas daftar dukungan (CSV: nik, nama, tempat_lahir, tanggal_lahir, alamat, pasangan).") var support: String
        @Flag(name: .long, help: "Kedua berkas berisi token (hasil `netra match pseudonymize`), bukan NIK.") var pseudonymized = false
        @Flag(name: .long, help: "Hanya NIK (atau token NIK) yang sama; tanpa pencocokan nama dan tanggal lahir.") var nikOnly = false
        @Flag(name: .long, help: "Keluaran JSON per baris.") var json = false
        @OptionGroup var store: DatabaseOption

        struct Summary: Encodable {
            let supportRows: Int
            let asnRows: Int
            let hits: Int
            let rejectedRows: Int
        }

        func run() async throws {
            let people: [MatchableASN]
            do {
                if let asn {
                    people = try ASNMatchFile.read(path: asn, pseudonymized: pseudonymized)
                } else {
                    guard !pseudonymized else { throw CommandFailure("Mode pseudonim memerlukan --asn berkas token.") }
                    people = try await store.withStore { host in try await RegistryQueries.matchableASN(on: host.database) }
                }
            } catch let error as MatchFileError {
                throw CommandFailure(error.description)
            }
            let matcher = SupportMatcher(asn: people, fuzzy: !nikOnly)
            if nikOnly && !pseudonymized {
                let scanned: ParallelNIKScan.Result?
                do {
                    scanned = try ParallelNIKScan.run(path: support, matcher: matcher)
                } catch {
                    throw CommandFailure(error.description)
                }
                if let scanned {
                    for hit in scanned.hits { try printHit(hit) }
                    try printSummary(Summary(supportRows: scanned.rows, asnRows: people.count, hits: scanned.hits.count, rejectedRows: 0))
                    return
                }
            }
            var file: SupportListFile<FileByteSource>
            do {
                file = try SupportListFile(source: try FileByteSource(path: support), name: support, pseudonymized: pseudonymized)
            } catch let error as MatchFileError {
                throw CommandFailure(error.description)
            }
            let progress = ProgressLine(unit: "baris")
            var rows = 0, hits = 0, rejected = 0
            do {
                while let outcome = try file.next(matchingWith: matcher) {
                    rows += 1
                    switch outcome {
                    case .hits(let found):
                        for hit in found {
                            hits += 1
                            progress.clear()
                            try printHit(hit)
                        }
                    case .noHit:
                        break
                    case .rejected(let line, let reason):
                        rejected += 1
                        if !json { FileHandle.standardError.write(Data("baris \(line) ditolak: \(reason)\n".utf8)) }
                    }
                    if rows % 10_000 == 0 { progress.show(count: rows, detail: "\(hits) ASN ditemukan") }
                }
            } catch let error as MatchFileError {
                throw CommandFailure(error.description)
            }
            progress.clear()
            try printSummary(Summary(supportRows: rows, asnRows: people.count, hits: hits, rejectedRows: rejected))
        }

        private func printHit(_ hit: MatchHit) throws {
            print(json ? try JSONLines.encode(hit)
                       : "baris \(hit.supportLine): NIP \(hit.nip), pasangan \(hit.pair), \(hit.method.rawValue), keyakinan \(hit.confidence) — \(hit.reason)")
        }

        private func printSummary(_ summary: Summary) throws {
            if json {
                print(try JSONLines.encode(["summary": summary]))
            } else {
                print("\(summary.supportRows) baris dukungan, \(summary.asnRows) ASN: \(summary.hits) kecocokan, \(summary.rejectedRows) baris ditolak.")
            }
        }
    }

    struct Pseudonymize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mengganti NIK dan nama dengan token HMAC-SHA256 berkunci, agar kedua pihak hanya bertukar token."
        )
        @Option(name: .long, help: "Berkas kunci bersama (base64 32 bita, mis. `openssl rand -base64 32`).") var keyFile: String
        @Option(name: .customLong("in"), help: "Berkas masukan (daftar dukungan atau data ASN).") var input: String
        @Option(name: .customLong("out"), help: "Berkas keluaran.") var output: String

        func run() async throws {
            guard let keyText = try? String(contentsOfFile: keyFile, encoding: .utf8) else { throw CommandFailure("Berkas kunci tidak dapat dibaca: \(keyFile)") }
            let pseudonymizer = try Pseudonymizer(keyFileContents: keyText)
            var reader = CSVReader(source: try FileByteSource(path: input))
            guard let header = try reader.next()?.fields else { throw CommandFailure("\(input): berkas kosong.") }
            let kind = PseudonymizedWriter.kind(ofHeader: header)
            guard FileManager.default.createFile(atPath: output, contents: nil) else { throw CommandFailure("Tidak dapat menulis \(output)") }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            defer { try? handle.close() }
            var buffer = (kind == .asn ? PseudonymizedWriter.asnHeader : PseudonymizedWriter.supportHeader) + "\n"
            var rows = 0
            while let record = try reader.next() {
                buffer += PseudonymizedWriter.line(for: record.fields, header: header, kind: kind, using: pseudonymizer) + "\n"
                rows += 1
                if buffer.utf8.count > 1 << 20 {
                    handle.write(Data(buffer.utf8))
                    buffer = ""
                }
            }
            handle.write(Data(buffer.utf8))
            FileHandle.standardError.write(Data("\(rows) baris \(kind == .asn ? "ASN" : "dukungan") dipseudonimkan ke \(output).\n".utf8))
        }
    }
}
