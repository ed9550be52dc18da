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
            abstract: "Mengimpor pemilihan: berkas YAML (tahapan KPU, jabatan, pasangan calon; bentuk Resources/Calendars) atau berkas JSON wilayah (pasangan calon untuk penyaringan); kode sama diganti."
        )
        @Argument(help: "Berkas YAML pemilihan atau JSON wilayah (bentuk data/screening/region-*.json).") var file: String
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("Berkas tidak dapat dibaca: \(file)") }
            if file.hasSuffix(".yaml") || file.hasSuffix(".yml") { return try await importTimetable(String(decoding: data, as: UTF8.self)) }
            let region: RegionElections
            do { region = try RegionElections.load(json: data) } catch { throw CommandFailure("\(file): bukan data pemilihan yang sah (\(error)).") }
            let count = try await store.withStore { host in try await ScreeningStore.importElections(region, at: Date(), on: host.database) }
            print("\(count) pemilihan diimpor dari \(region.region.name).")
        }

        private func importTimetable(_ text: String) async throws {
            let election: RegionalElection
            do { election = try RegionalElection.load(yaml: text) } catch { throw CommandFailure("\(file): \(error.description)") }
            do {
                try await store.withStore { host in try await ElectionStore.save(election, actor: UsersCommand.actor, at: Date(), on: host.database) }
            } catch let refusal as ElectionRefusal {
                throw CommandFailure("\(file): " + refusal.problems.map(\.message).joined(separator: " "))
            }
            print("Pemilihan \(election.calendar.id) disimpan: \(election.calendar.name), \(election.calendar.stages.count) tahapan, \(election.pairs.count) pasangan calon.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Menampilkan pemilihan yang berlaku.")
        @OptionGroup var store: DatabaseOption

        func run() async throws {
            let (recorded, screening) = try await store.withStore { host in
                (try await ElectionStore.all(on: host.database), try await ScreeningStore.elections(on: host.database))
            }
            for election in recorded {
                let voting = election.calendar.stage("pemungutan")?.start.indonesianLong ?? "-"
                print("\(election.calendar.id): \(election.calendar.name) — pemungutan suara \(voting), \(election.pairs.count) pasangan calon")
            }
            guard let region = screening else {
                if recorded.isEmpty { print("Belum ada pemilihan yang diimpor.") }
                return
            }
            for election in region.elections where !recorded.contains(where: { $0.calendar.id == election.id }) {
                print("\(election.id): \(election.office) — " + election.pairs.map { "\($0.number). \($0.candidate)" }.joined(separator: "; "))
            }
        }
    }
}
