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

        struct Output: Encodable {
            let summary: RegionStore.Summary
            let errors: [RegionProblem]
        }

        func run() async throws {
            var problems: [RegionProblem] = []
            let summary: RegionStore.Summary
            do {
                summary = try await store.withStore { host in
                    try await RegionStore.run(try FileByteSource(path: file), actor: UsersCommand.actor, at: Date(), on: host.database,
                                              onProblem: { problems.append($0) })
                }
            } catch let error as RegistryFileError {
                throw CommandFailure("\(file): \(error.description)")
            }
            if json {
                print(try JSONLines.encode(Output(summary: summary, errors: problems)))
            } else {
                for problem in problems { print("baris \(problem.line), \(problem.field.rawValue): \(problem.message)") }
                print("\(summary.rows) baris dibaca: \(summary.inserted) wilayah baru, \(summary.updated) diganti namanya, \(summary.rejectedRows) ditolak.")
            }
            if summary.rejectedRows > 0 { throw ExitCode(1) }
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

        struct Output: Encodable {
            let summary: UnitTreeImporter.Summary
            let errors: [UnitTreeProblem]
        }

        func run() async throws {
            var problems: [UnitTreeProblem] = []
            let summary: UnitTreeImporter.Summary
            do {
                summary = try await store.withStore { host in
                    try await UnitTreeImporter(database: host.database, actor: UsersCommand.actor)
                        .run(try FileByteSource(path: file), onProblem: { problems.append($0) })
                }
            } catch let error as RegistryFileError {
                throw CommandFailure("\(file): \(error.description)")
            }
            problems.sort { $0.line < $1.line }
            if json {
                print(try JSONLines.encode(Output(summary: summary, errors: problems)))
            } else {
                for problem in problems { print("baris \(problem.line), \(problem.field.rawValue): \(problem.message)") }
                print("\(summary.rows) baris dibaca: \(summary.inserted) unit baru, \(summary.updated) diperbarui (\(summary.moved) dipindah), \(summary.rejectedRows) ditolak.")
            }
            if summary.rejectedRows > 0 { throw ExitCode(1) }
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
