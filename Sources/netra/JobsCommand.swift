import ArgumentParser
import Foundation
import NetraCore
import NetraStore
import NetraWeb

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jobs", abstract: "Pekerjaan berkala.", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mengirim pengingat tenggat, mengeskalasi kasus yang terlambat dan mengirim surel yang jatuh waktu, sekali (untuk cron); aman dijalankan bersamaan."
        )
        @OptionGroup var store: DatabaseOption
        @Option(name: .long, help: "Tanggal hari ini, YYYY-MM-DD (bawaan: hari ini di zona waktu daerah, WIB bila belum diatur).") var today: String?

        func run() async throws {
            let given = try today.map { text in
                guard let parsed = LocalDate(iso8601: text) else { throw ValidationError("--today harus YYYY-MM-DD.") }
                return parsed
            }
            let environment = ProcessInfo.processInfo.environment
            let mail = try MailSettings.fromEnvironment(environment)
            try await store.withStore { host in
                let zone = try await LetterheadStore.current(on: host.database)?.zone ?? .wib
                let day = given ?? LocalDate(instant: Date(), utcOffsetHours: zone.utcOffsetHours)
                let outcome = try await DeadlineJob.run(today: day, workingDays: try WorkingDays.bundled(), at: Date(), on: host.database)
                print("\(outcome.reminders) pengingat, \(outcome.escalations) eskalasi.")
                let statements = try await SupervisionStore.runJob(today: day, shipped: try Guide.bundled().calendars,
                                                                   workingDays: try WorkingDays.bundled(), at: Date(), on: host.database)
                print("Laporan pengawasan: \(statements.reminders) pengingat, \(statements.escalations) belum masuk.")
                guard let mail else { return }
                // The same evidence key as the server's: a reporter's address is sealed with it.
                var settings = WebSettings(database: host.location)
                try settings.readEvidenceSettings(from: environment)
                let vault = try settings.makeVault(on: host.database)
                try await EvidenceKeyCheck.verify(vault, at: Date(), on: host.database)
                let sent = try await OutboxDeliverer(mailer: try .smtp(mail.smtp), settings: mail, vault: vault).deliverDue(now: Date(), on: host.database)
                print("Surel: \(sent.sent) terkirim, \(sent.retried) dicoba lagi nanti, \(sent.failed) gagal.")
            }
        }
    }
}
