import ArgumentParser
import Foundation
import NetraCore

extension Bench {
    struct MatchBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match",
            abstract: "Membuat berkas ASN dan daftar dukungan sintetis dengan ASN tertanam, mencocokkan NIK, dan membandingkan dengan hash join DuckDB pada berkas yang sama."
        )
        @Option(name: .long, help: "Jumlah baris ASN.") var asn = 1_000_000
        @Option(name: .long, help: "Jumlah baris dukungan.") var support = 10_000_000
        @Option(name: .long, help: "Jumlah ASN yang ditanam di antara pendukung (seperlimanya dengan NIK salah dan nama salah ketik).") var planted = 2_000
        @Option(name: .long, help: "Jumlah baris pertama yang juga dicocokkan lengkap (nama dan tanggal lahir), untuk laju jalur fuzzy.") var fuzzyRows = 200_000
        @Option(name: .long, help: "Python yang memiliki modul duckdb (pip install duckdb).") var python = "python3"

        func run() async throws {
            let lists = SyntheticSupportLists(asnCount: asn, supportCount: support, plantedCount: planted)
            let directory = try Bench.temporaryDirectory("match-bench")
            defer { try? FileManager.default.removeItem(at: directory) }
            let asnPath = directory.appendingPathComponent("asn.csv").path, supportPath = directory.appendingPathComponent("dukungan.csv").path
            let written = try Bench.measure {
                try Bench.writeLines(to: asnPath, header: SyntheticSupportLists.asnHeader, count: asn, row: lists.asnRow)
                try Bench.writeLines(to: supportPath, header: SyntheticSupportLists.supportHeader, count: support, row: lists.supportRow)
            }
            let size = { (path: String) in Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576 }
            print(String(format: "berkas: %d ASN (%.0f MiB), %d dukungan (%.0f MiB), %d tertanam; dibuat dalam %.1f s",
                         asn, size(asnPath), support, size(supportPath), lists.plantedCount, written.seconds))

            let loading = try Bench.measure { try ASNMatchFile.read(path: asnPath, pseudonymized: false) }
            print(String(format: "  (memuat berkas ASN saja: %.2f s)", loading.seconds))
            // Each side twice, alternating, the faster run of each reported: the first read of a file may come from disk.
            // The exact time includes reading the ASN file, as DuckDB's includes reading both.
            let exactMatch = { try matchRows(SupportMatcher(asn: try ASNMatchFile.read(path: asnPath, pseudonymized: false), fuzzy: false),
                                             supportPath: supportPath, limit: nil) }
            var exact = try Bench.measure(exactMatch)
            var duck = try duckDB(asnPath: asnPath, supportPath: supportPath)
            let again = try Bench.measure(exactMatch)
            if again.seconds < exact.seconds { exact = again }
            if case .success(let first) = duck, case .success(let second) = try duckDB(asnPath: asnPath, supportPath: supportPath), second.seconds < first.seconds {
                duck = .success(second)
            }
            let memory = Bench.peakMemoryMiB()
            let exactPlanted = (0..<support).filter { if case .exact = lists.planting(atRow: $0) { true } else { false } }
            let exactRecall = recall(of: exactPlanted, in: exact.value, lists: lists)
            print(String(format: "netra (NIK sama): %.2f s = %.0f baris/s; %d kecocokan; recall tertanam NIK benar %.3f (%d); memori puncak %d MiB",
                         exact.seconds, Double(support) / exact.seconds, exact.value.count, exactRecall, exactPlanted.count, memory))

            switch duck {
            case .success(let duck):
                print(String(format: "duckdb hash join:  %.2f s = %.0f baris/s; %d kecocokan; memori puncak %d MiB",
                             duck.seconds, Double(support) / duck.seconds, duck.hits, duck.memoryMiB))
                print(String(format: "rasio netra/duckdb: %.2f (di bawah 1 berarti Netra lebih cepat)", exact.seconds / duck.seconds))
            case .failure(let problem):
                print("duckdb gagal dijalankan (`pip install duckdb`); pembanding dilewati: \(problem.reason)")
            }

            let rows = min(fuzzyRows, support)
            let indexed = try Bench.measure { SupportMatcher(asn: try ASNMatchFile.read(path: asnPath, pseudonymized: false), fuzzy: true) }
            let fuzzy = try Bench.measure { try matchRows(indexed.value, supportPath: supportPath, limit: rows) }
            let fuzzyPlanted = (0..<rows).filter { lists.planting(atRow: $0) != nil }
            print(String(format: "netra lengkap (NIK + nama dan tanggal lahir): memuat dan mengindeks nama ASN %.2f s; %d baris pertama %.2f s = %.0f baris/s; recall tertanam %.3f (%d, termasuk yang salah ketik)",
                         indexed.seconds, rows, fuzzy.seconds, Double(rows) / fuzzy.seconds, recall(of: fuzzyPlanted, in: fuzzy.value, lists: lists), fuzzyPlanted.count))
        }

        /// Support line → NIPs found, for the first `limit` rows (all when nil).
        private func matchRows(_ matcher: SupportMatcher, supportPath: String, limit: Int?) throws -> [Int: [String]] {
            var found: [Int: [String]] = [:]
            // The exact pass as `netra match --nik-only` runs it: on every core.
            if !matcher.fuzzy, limit == nil, let scanned = try ParallelNIKScan.run(path: supportPath, matcher: matcher) {
                for hit in scanned.hits { found[hit.supportLine, default: []].append(hit.nip) }
                return found
            }
            var file = try SupportListFile(source: try FileByteSource(path: supportPath, chunkSize: 1 << 20), name: supportPath, pseudonymized: false)
            var rows = 0
            while rows < (limit ?? .max), let outcome = try file.next(matchingWith: matcher) {
                rows += 1
                if case .hits(let hits) = outcome { for hit in hits { found[hit.supportLine, default: []].append(hit.nip) } }
            }
            return found
        }

        /// The share of planted rows whose hits include the ASN they were planted from.
        private func recall(of rows: [Int], in found: [Int: [String]], lists: SyntheticSupportLists) -> Double {
            guard !rows.isEmpty else { return 1 }
            let right = rows.filter { row in
                let asn: Int
                switch lists.planting(atRow: row) {
                case .exact(let index), .misspelt(let index): asn = index
                case nil: return false
                }
                return found[row + 2]?.contains(lists.person(asn).nip) ?? false
            }
            return Double(right.count) / Double(rows.count)
        }

        /// DuckDB's hash join of the same two files read with read_csv, timed inside its own process.
        struct DuckDBFailure: Error {
            let reason: String
        }

        private func duckDB(asnPath: String, supportPath: String) throws -> Result<(seconds: Double, hits: Int, memoryMiB: Int), DuckDBFailure> {
            let script = """
            import resource, sys, time
            import duckdb
            asn, support = sys.argv[1], sys.argv[2]
            con = duckdb.connect()
            con.execute("SET enable_progress_bar = false")
            start = time.perf_counter()
            hits = con.execute(f"SELECT count(*) FROM read_csv('{support}') AS s JOIN read_csv('{asn}') AS a ON s.nik = a.nik").fetchone()[0]
            print(hits, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
            """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python, "-c", script, asnPath, supportPath]
            let output = Pipe()
            process.standardOutput = output
            let errors = FileManager.default.temporaryDirectory.appendingPathComponent("duckdb-\(UUID().uuidString).err")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: errors) }
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let fields = (String(decoding: data, as: UTF8.self).split(separator: "\n").last ?? "").split(whereSeparator: \.isWhitespace)
            guard process.terminationStatus == 0, fields.count == 3, let hits = Int(fields[0]), let seconds = Double(fields[1]), let memory = Int(fields[2])
            else {
                let message = (try? String(contentsOf: errors, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? ""
                return .failure(DuckDBFailure(reason: "status \(process.terminationStatus) \(process.terminationReason == .uncaughtSignal ? "(sinyal)" : ""): \(message)"))
            }
            return .success((seconds, hits, memory))
        }
    }
}
