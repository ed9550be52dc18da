import ArgumentParser
import Foundation
import NetraCore
import NetraStore

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "Pekerjaan berkala.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mengirim pengingat tenggat dan mengeskalasi kasus yang terlambat, sekali (untuk cron); aman dijalankan bersamaan."
        )
        @OptionGroup var store: DatabaseOption
        @Option(name: .long, help: "Tanggal hari ini, YYYY-MM-DD (bawaan: hari ini WIB).") var today: String?

        func run() async throws {
            let day: LocalDate
            if let today {
                guard let parsed = LocalDate(iso8601: today) else { throw ValidationError("--today harus YYYY-MM-DD.") }
                day = parsed
            } else {
                day = LocalDate(instant: Date())
            }
            let outcome = try await store.withStore { host in
                try await DeadlineJob.run(today: day, workingDays: try WorkingDays.bundled(), at: Date(), on: host.database)
            }
            print("\(outcome.reminders) pengingat, \(outcome.escalations) eskalasi.")
        }
    }
}
