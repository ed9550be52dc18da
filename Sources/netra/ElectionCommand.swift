import ArgumentParser
import Foundation
import NetraCore
import NetraStore

struct ElectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "election", abstract: "Data pemilihan yang berlaku untuk penyaringan.", subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mengimpor pasangan calon, jargon, tagar, akun dan simbol dari berkas JSON wilayah; pemilihan dengan id sama diganti."
        )
        @Argument(help: "Berkas JSON wilayah (bentuk data/screening/region-*.json).") var file: String
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("Berkas tidak dapat dibaca: \(file)") }
            let region: RegionElections
            do { region = try RegionElections.load(json: data) } catch { throw CommandFailure("\(file): bukan data pemilihan yang sah (\(error)).") }
            let count = try await store.withStore { host in try await ScreeningStore.importElections(region, at: Date(), on: host.database) }
            print("\(count) pemilihan diimpor dari \(region.region.name).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Menampilkan pemilihan yang berlaku.")
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            guard let region = try await store.withStore({ host in try await ScreeningStore.elections(on: host.database) }) else {
                print("Belum ada pemilihan yang diimpor.")
                return
            }
            for election in region.elections {
                print("\(election.id): \(election.office) — " + election.pairs.map { "\($0.number). \($0.candidate)" }.joined(separator: "; "))
            }
        }
    }
}
