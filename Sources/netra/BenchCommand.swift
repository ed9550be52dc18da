import ArgumentParser
import Foundation
import NetraCore
import NetraStore

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Tolok ukur kinerja (bukan tes).", subcommands: [RegistryBench.self])

    struct RegistryBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "registry",
            abstract: "Membuat CSV sintetis, memeriksa dan mengimpornya; membandingkan dengan `wc -l` pada berkas yang sama."
        )

        @Option(name: .long, help: "Jumlah baris.") var rows = 1_000_000
        @Option(name: .long, help: "Basis data tujuan impor (bawaan: berkas SQLite sementara).") var database: String?

        func run() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netra-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let csv = directory.appendingPathComponent("asn.csv").path

            let written = try measure { try writeCSV(to: csv) }
            let size = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
            print("berkas: \(rows) baris, \(size / 1_048_576) MiB, dibuat dalam \(format(written.seconds)) s")

            let wc = try measure { try runWC(csv) }
            print("wc -l (batas baca):   \(format(wc.seconds)) s  \(Int(Double(rows) / wc.seconds)) baris/s")

            let validation = try measure { () -> RegistryValidationReport in
                var file = try RegistryFile(source: try FileByteSource(path: csv))
                var report = RegistryValidationReport()
                while let row = try file.next() { report.add(row) }
                return report
            }
            let afterValidate = peakMemoryMiB()
            print("validate:             \(format(validation.seconds)) s  \(Int(Double(rows) / validation.seconds)) baris/s  "
                + "(\(format(validation.seconds / wc.seconds))× wc)  diterima \(validation.value.accepted)  memori puncak \(afterValidate) MiB")

            let location = try DatabaseLocation(database ?? directory.appendingPathComponent("bench.sqlite").path)
            let host = try StoreHost(location: location)
            try await host.migrate()
            let start = Date()
            let summary = try await RegistryImporter(database: host.database, batchSize: 500).run(try FileByteSource(path: csv))
            let importSeconds = Date().timeIntervalSince(start)
            await host.shutdown()
            print("import (\(location)): \(format(importSeconds)) s  \(Int(Double(rows) / importSeconds)) baris/s  "
                + "(\(format(importSeconds / wc.seconds))× wc)  disimpan \(summary.imported)  memori puncak \(peakMemoryMiB()) MiB")
        }

        private func writeCSV(to path: String) throws {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CommandFailure("Tidak dapat menulis \(path)") }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            var chunk = SyntheticRegistry.header + "\n"
            for index in 0..<rows {
                chunk += SyntheticRegistry.row(index)
                chunk += "\n"
                if chunk.utf8.count > 1 << 20 {
                    handle.write(Data(chunk.utf8))
                    chunk = ""
                }
            }
            handle.write(Data(chunk.utf8))
        }

        private func runWC(_ path: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/wc")
            process.arguments = ["-l", path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }

        private func measure<T>(_ body: () throws -> T) throws -> (value: T, seconds: Double) {
            let start = Date()
            let value = try body()
            return (value, max(Date().timeIntervalSince(start), 0.000_001))
        }

        private func format(_ value: Double) -> String { String(format: "%.2f", value) }

        private func peakMemoryMiB() -> Int {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss / 1024
        }
    }
}
