import ArgumentParser
import Foundation
import NetraCore
import NetraStore

struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry", abstract: "Data ASN: memeriksa berkas ekspor.", subcommands: [Validate.self]
    )

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Memeriksa berkas CSV data ASN tanpa menyimpan apa pun.")

        @Argument(help: "Berkas CSV (pemisah , atau ;).") var file: String
        @Flag(name: .long, help: "Keluaran JSON untuk mesin.") var json = false

        func run() async throws {
            let report: RegistryValidationReport
            do {
                report = try RegistryValidationReport.validate(try FileByteSource(path: file))
            } catch let error as RegistryFileError {
                throw CommandFailure("\(file): \(error.description)")
            }
            if json {
                print(try JSONLines.encode(report))
                return
            }
            for problem in report.errors {
                print("baris \(problem.line), \(problem.field.rawValue): \(problem.problem.rawValue) — \(problem.message)")
            }
            print("\(report.rows) baris dibaca, \(report.accepted) diterima, \(report.rows - report.accepted) ditolak.")
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Mengimpor data ke basis data Netra.", subcommands: [ImportWilayah.self, ImportUnits.self, ImportASN.self]
    )

    struct ImportWilayah: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wilayah",
            abstract: "Mengimpor kabupaten/kota, kecamatan dan desa (kode,nama; kode Kemendagri seperti 62.02.01): kode yang ada diganti namanya."
        )

        @Argument(help: "Berkas CSV.") var file: String
        @Flag(name: .long, help: "Keluaran JSON untuk mesin.") var json = false
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            try await importRows(from: file, json: json, rejectedRows: \.rejectedRows) {
                var problems: [RegionProblem] = []
                let summary = try await store.withStore { host in
                    try await RegionStore.run(try FileByteSource(path: file), actor: UsersCommand.actor, at: Date(), on: host.database,
                                              onProblem: { problems.append($0) })
                }
                return (summary, problems)
            } describe: { "\($0.rows) baris dibaca: \($0.inserted) wilayah baru, \($0.updated) diganti namanya, \($0.rejectedRows) ditolak." }
        }
    }

    struct ImportUnits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "units",
            abstract: "Mengimpor pohon unit (kode,nama,induk,kepala_nip): kode yang ada diperbarui atau dipindah, baris salah ditolak utuh."
        )

        @Argument(help: "Berkas CSV.") var file: String
        @Flag(name: .long, help: "Keluaran JSON untuk mesin.") var json = false
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            try await importRows(from: file, json: json, rejectedRows: \.rejectedRows) {
                var problems: [UnitTreeProblem] = []
                let summary = try await store.withStore { host in
                    try await UnitTreeImporter(database: host.database, actor: UsersCommand.actor).run(try FileByteSource(path: file),
                                                                                                       onProblem: { problems.append($0) })
                }
                return (summary, problems)
            } describe: { "\($0.rows) baris dibaca: \($0.inserted) unit baru, \($0.updated) diperbarui (\($0.moved) dipindah), \($0.rejectedRows) ditolak." }
        }
    }

    struct ImportASN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "asn",
            abstract: "Mengimpor ekspor CSV data ASN: baris sah disimpan (NIP yang ada diperbarui), baris salah ditolak utuh."
        )

        @Argument(help: "Berkas CSV.") var file: String
        @Flag(name: .long, help: "Keluaran JSON untuk mesin.") var json = false
        @OptionGroup var store: DatabaseOption

        struct Output: Encodable {
            let rows: Int
            let inserted: Int
            let updated: Int
            let rejectedRows: Int
            let errors: [RegistryProblem]
        }

        func run() async throws {
            let progress = ProgressLine(unit: "baris")
            var problems: [RegistryProblem] = []
            let summary: RegistryImporter.Summary
            do {
                summary = try await store.withStore { host in
                    try await RegistryImporter(database: host.database).run(
                        try FileByteSource(path: file),
                        onProblem: { problem in
                            if json { problems.append(problem) } else {
                                progress.clear()
                                print("baris \(problem.line), \(problem.field.rawValue): \(problem.problem.rawValue) — \(problem.message)")
                            }
                        },
                        onProgress: { progress.show(count: $0.rows, detail: "\($0.imported) diimpor, \($0.rejectedRows) ditolak") }
                    )
                }
            } catch let error as RegistryFileError {
                throw CommandFailure("\(file): \(error.description)")
            }
            progress.clear()
            if json {
                print(try JSONLines.encode(Output(rows: summary.rows, inserted: summary.inserted, updated: summary.updated,
                                                  rejectedRows: summary.rejectedRows, errors: problems)))
            } else {
                print("\(summary.rows) baris dibaca: \(summary.inserted) baru, \(summary.updated) diperbarui, \(summary.rejectedRows) ditolak.")
            }
        }
    }
}

/// A faulty row of a small file (units, wilayah), as the import commands print it.
protocol LineProblem: Encodable {
    var line: Int { get }
    var fieldName: String { get }
    var message: String { get }
}

extension UnitTreeProblem: LineProblem { var fieldName: String { field.rawValue } }
extension RegionProblem: LineProblem { var fieldName: String { field.rawValue } }

/// What `--json` prints for an import of a small file.
struct ImportOutput<Summary: Encodable, Problem: LineProblem>: Encodable {
    let summary: Summary
    let errors: [Problem]
}

/// Runs an import that stores the good rows of a file and reports the faulty ones: by line (or one JSON object
/// `{"summary", "errors"}` with `--json`), exiting 1 when any row was refused.
func importRows<Summary: Encodable, Problem: LineProblem>(
    from file: String, json: Bool, rejectedRows: KeyPath<Summary, Int>,
    load: () async throws -> (Summary, [Problem]), describe: (Summary) -> String
) async throws {
    let summary: Summary, unsorted: [Problem]
    do {
        (summary, unsorted) = try await load()
    } catch let error as RegistryFileError {
        throw CommandFailure("\(file): \(error.description)")
    }
    let problems = unsorted.sorted { $0.line < $1.line }
    if json {
        print(try JSONLines.encode(ImportOutput(summary: summary, errors: problems)))
    } else {
        for problem in problems { print("baris \(problem.line), \(problem.fieldName): \(problem.message)") }
        print(describe(summary))
    }
    if summary[keyPath: rejectedRows] > 0 { throw ExitCode(1) }
}
