import NetraCore
import NetraStore
import Vapor

/// Runs one background job over and over inside the server, with a pause between runs. Several instances
/// may run the same job at once: every job claims its rows in the database (deadlines by case, mail by
/// delivery), so nothing is done twice.
final class PeriodicJob: LifecycleHandler, @unchecked Sendable {
    private let name: String
    private let interval: Duration
    /// One run; what it returns, when anything, is logged.
    private let work: @Sendable (Application) async throws -> String?
    private var task: Task<Void, Never>?

    init(name: String, interval: Duration, work: @escaping @Sendable (Application) async throws -> String?) {
        self.name = name
        self.interval = interval
        self.work = work
    }

    /// One run of the job, as the loop makes it.
    func runOnce(on application: Application) async throws -> String? {
        try await work(application)
    }

    func didBootAsync(_ application: Application) async throws {
        let name = name, interval = interval
        task = Task {
            while !Task.isCancelled {
                do {
                    if let summary = try await self.runOnce(on: application) { application.logger.notice("\(name): \(summary)") }
                } catch {
                    application.logger.error("\(name) gagal: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
    }

    /// Case deadlines, then supervision statements due or missing.
    static func deadlines(every interval: Duration, workingDays: WorkingDays, calendars: [ElectionCalendar]) -> PeriodicJob {
        PeriodicJob(name: "Tenggat", interval: interval) { app in
            let clock = app.storage[WebClock.Key.self] ?? WebClock()
            try await clock.followSettings(on: app.db)
            let cases = try await DeadlineJob.run(today: clock.today, workingDays: workingDays, at: clock.now(), on: app.db)
            let statements = try await SupervisionStore.runJob(today: clock.today, shipped: calendars, workingDays: workingDays,
                                                               at: clock.now(), on: app.db)
            let total = cases.reminders + cases.escalations + statements.reminders + statements.escalations
            return total > 0 ? "kasus: \(cases.reminders) pengingat, \(cases.escalations) eskalasi; laporan pengawasan: \(statements.reminders) pengingat, \(statements.escalations) belum masuk." : nil
        }
    }

    static func mail(every interval: Duration, deliverer: OutboxDeliverer) -> PeriodicJob {
        PeriodicJob(name: "Surel", interval: interval) { app in
            let clock = app.storage[WebClock.Key.self] ?? WebClock()
            let outcome = try await deliverer.deliverDue(now: clock.now(), on: app.db)
            return outcome.sent + outcome.retried + outcome.failed > 0
                ? "\(outcome.sent) terkirim, \(outcome.retried) dicoba lagi nanti, \(outcome.failed) gagal." : nil
        }
    }
}
