import NetraCore
import NetraStore
import Vapor

/// Runs the deadline job periodically inside the server. Several instances may run it at once: the
/// job claims each case under a row lock, so every reminder and escalation still happens once.
final class DeadlineScheduler: LifecycleHandler, @unchecked Sendable {
    private let interval: Duration
    private let workingDays: WorkingDays
    private var task: Task<Void, Never>?

    init(interval: Duration, workingDays: WorkingDays) {
        self.interval = interval
        self.workingDays = workingDays
    }

    func didBootAsync(_ application: Application) async throws {
        let clock = application.storage[WebClock.Key.self] ?? WebClock()
        let database = application.db
        let logger = application.logger
        let interval = interval, workingDays = workingDays
        task = Task {
            while !Task.isCancelled {
                do {
                    let outcome = try await DeadlineJob.run(today: clock.today, workingDays: workingDays, at: clock.now(), on: database)
                    if outcome.reminders + outcome.escalations > 0 {
                        logger.notice("Tenggat: \(outcome.reminders) pengingat, \(outcome.escalations) eskalasi.")
                    }
                } catch {
                    logger.error("Pekerjaan tenggat gagal: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        task?.cancel()
    }
}
