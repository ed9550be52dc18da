import ArgumentParser
import Foundation
import NetraCore
import NetraStore

struct Bench: AsyncParsableCommand {
    /// Runs `body` and returns its value with the wall time it took.
    static func measure<T>(_ body: () throws -> T) throws -> (value: T, seconds: Double) {
        let start = Date()
        let value = try body()
        return (value, max(Date().timeIntervalSince(start), 0.000_001))
    }

    /// Runs a command-line tool to completion and returns what it printed: the baselines (wc, grep). The
    /// output goes through a pipe, not /dev/null: GNU grep stops at its first match when it sees its output
    /// is /dev/null, which would time almost nothing.
    @discardableResult
    static func runTool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: printed, as: UTF8.self)
    }

    /// Writes an optional header and `count` generated rows, a megabyte at a time.
    static func writeLines(to path: String, header: String? = nil, count: Int, row: (Int) -> String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CommandFailure("Tidak dapat menulis \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = header.map { $0 + "\n" } ?? ""
        for index in 0..<count {
            chunk += row(index)
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
    }

    /// A fresh folder for a benchmark's generated files; the caller removes it.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netra-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    /// The process's peak resident memory so far.
    static func peakMemoryMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    static let configuration = CommandConfiguration(abstract: "Tolok ukur kinerja (bukan tes).", subcommands: [RegistryBench.self, ScanBench.self, MatchBench.self, DashboardBench.self])

    struct RegistryBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry",
            abstract: "Membuat CSV sintetis, memeriksa dan mengimpornya; membandingkan dengan `wc -l` pada berkas yang sama."
        )

        @Option(name: .long, help: "Jumlah baris.") var rows = 1_000_000
        @Option(name: .long, help: "Basis data tujuan impor (bawaan: berkas SQLite sementara).") var database: String?

        func run() async throws {
            let directory = try Bench.temporaryDirectory("registry-bench")
            defer { try? FileManager.default.removeItem(at: directory) }
            let csv = directory.appendingPathComponent("asn.csv").path

            let written = try Bench.measure { try Bench.writeLines(to: csv, header: SyntheticRegistry.header, count: rows, row: SyntheticRegistry.row) }
            let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
            print("berkas: \(rows) baris, \(size / 1_048_576) MiB, dibuat dalam \(Bench.format(written.seconds)) s")

            let wc = try Bench.measure { try Bench.runTool("/usr/bin/wc", ["-l", csv]) }
            print("wc -l (batas baca):   \(Bench.format(wc.seconds)) s  \(Int(Double(rows) / wc.seconds)) baris/s")

            let validation = try Bench.measure { () -> RegistryValidationReport in
                var file = try RegistryFile(source: try FileByteSource(path: csv))
                var report = RegistryValidationReport()
                while let row = try file.next() { report.add(row) }
                return report
            }
            let afterValidate = Bench.peakMemoryMiB()
            print("validate:             \(Bench.format(validation.seconds)) s  \(Int(Double(rows) / validation.seconds)) baris/s  "
                + "(\(Bench.format(validation.seconds / wc.seconds))× wc)  diterima \(validation.value.accepted)  memori puncak \(afterValidate) MiB")

            let location = try DatabaseLocation(database ?? directory.appendingPathComponent("bench.sqlite").path)
            let host = try StoreHost(location: location)
            try await host.migrate()
            let start = Date()
            let summary = try await RegistryImporter(database: host.database, batchSize: 500).run(try FileByteSource(path: csv))
            let importSeconds = Date().timeIntervalSince(start)
            await host.shutdown()
            print("import (\(location)): \(Bench.format(importSeconds)) s  \(Int(Double(rows) / importSeconds)) baris/s  "
                + "(\(Bench.format(importSeconds / wc.seconds))× wc)  disimpan \(summary.imported)  memori puncak \(Bench.peakMemoryMiB()) MiB")
        }

    }
}

extension Bench {
    struct ScanBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Membuat unggahan sintetis dari berkas wilayah, menyaringnya, dan membandingkan dengan `grep -c -i -F -f LEKSIKON` pada berkas yang sama."
        )
        @Option(name: .long, help: "Jumlah unggahan.") var posts = 1_000_000
        @Option(name: .long, help: "Berkas JSON wilayah.") var region: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: region) else { throw CommandFailure("Berkas wilayah tidak dapat dibaca: \(region)") }
            let elections = try RegionElections.load(json: data)
            let generator = SyntheticPosts(region: elections)
            let directory = try Bench.temporaryDirectory("scan-bench")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("posts.jsonl").path
            let lexicon = directory.appendingPathComponent("lexicon.txt").path
            try (generator.lexicon.joined(separator: "\n") + "\n").write(toFile: lexicon, atomically: true, encoding: .utf8)
            try Bench.writeLines(to: file, count: posts, row: generator.line)
            let megabytes = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1_048_576

            let screener = Screener(region: elections)
            // The whole of `netra scan --json`: read, screen, write each result as JSON (to /dev/null here).
            guard let sink = FileHandle(forWritingAtPath: "/dev/null") else { throw CommandFailure("/dev/null tidak dapat dibuka") }
            let threadCounts = Set([ProcessInfo.processInfo.activeProcessorCount, 1]).sorted(by: >)
            // A shared machine's speed drifts from minute to minute: grep and each scan are timed three times, taking
            // turns, and the fastest time of each is kept.
            var grepSeconds = Double.infinity, grepCount = ""
            var scanSeconds: [Int: Double] = [:]
            var flags = 0
            for _ in 0..<3 {
                let grep = try Bench.measure { try Bench.runTool("/usr/bin/grep", ["-c", "-i", "-F", "-f", lexicon, file]) }
                grepSeconds = min(grepSeconds, grep.seconds)
                grepCount = grep.value.trimmingCharacters(in: .whitespacesAndNewlines)
                for threads in threadCounts {
                    let scan = try Bench.measure {
                        try PostsScreening.run(path: file, screener: screener, threads: threads, format: .jsonLines,
                                               output: { try sink.write(contentsOf: $0) })
                    }
                    scanSeconds[threads] = min(scanSeconds[threads] ?? .infinity, scan.seconds)
                    flags = scan.value.flags
                }
            }
            print(String(format: "berkas: %d unggahan, %.0f MiB", posts, megabytes))
            print(String(format: "grep -c -i -F -f leksikon (%d istilah): %.2f s, %@ baris cocok", generator.lexicon.count, grepSeconds, grepCount))
            for threads in threadCounts {
                let seconds = scanSeconds[threads]!
                print(String(format: "netra scan --json (%d utas): %.2f s = %.0f unggahan/s = %.1f MB/s = %.2f× grep; %d ditandai",
                             threads, seconds, Double(posts) / seconds, megabytes / seconds, seconds / grepSeconds, flags))
            }
            print("memori puncak \(Bench.peakMemoryMiB()) MiB")
        }
    }
}
