import NIOConcurrencyHelpers
import NetraStore
import Vapor

/// Matches support lists in the background. Lists are claimed through the database (`SupportListJobs`), so
/// with several instances each list is matched by one of them; an upload is claimed at once by the instance
/// that took it, and every `pollInterval` each instance claims what waits — lists queued while it was down,
/// or whose instance died and whose lease has ended. At shutdown it stops its lists after their next save
/// and hands them back for another instance (or the next start) to resume.
final class SupportListWorker: LifecycleHandler, Sendable {
    private let vault: EvidenceVault
    /// Seconds a claim holds without news.
    private let lease: Double
    private let pollInterval: Duration
    private let clock: WebClock
    private let running = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])
    private let poller = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(vault: EvidenceVault, lease: Duration, clock: WebClock) {
        self.vault = vault
        self.lease = Double(lease.components.seconds)
        // Often enough that a dead instance's list is taken up soon after its lease ends.
        pollInterval = min(lease / 2, .seconds(15))
        self.clock = clock
    }

    /// Claims every list waiting now and starts matching it here.
    func claimWaiting(on application: Application) async {
        while true {
            let claim: SupportListClaim?
            do {
                claim = try await SupportListJobs.claimNext(lease: lease, now: clock.now(), on: application.db)
            } catch {
                application.logger.error("Daftar dukungan tidak dapat diambil untuk dicocokkan: \(String(reflecting: error))")
                return
            }
            guard let claim else { return }
            start(claim, on: application)
        }
    }

    private func start(_ claim: SupportListClaim, on application: Application) {
        let database = application.db, logger = application.logger, vault = vault, clock = clock, lease = lease
        let task = Task {
            do {
                try await SupportListJobs.process(claim, vault: vault, lease: lease, now: clock.now, on: database)
            } catch is CancellationError {
                logger.notice("Pencocokan daftar dukungan \(claim.listID) dihentikan; dilanjutkan oleh instans lain atau saat Netra dijalankan lagi.")
                try? await SupportListJobs.release(claim, on: database)
            } catch SupportListJobs.Problem.claimLost {
                logger.warning("Pencocokan daftar dukungan \(claim.listID) telah diambil alih instans lain.")
            } catch {
                // A failed batch (SQLite refusing a write that raced another connection's commit) is tried again
                // from the saved progress, a little later each time, by whichever instance claims it.
                logger.error("Pencocokan daftar dukungan \(claim.listID) gagal (percobaan \(claim.attempt) dari \(SupportListJobs.maxAttempts)): \(String(reflecting: error))")
                let retryAt = clock.now().addingTimeInterval(Double(claim.attempt))
                try? await SupportListJobs.release(claim, failure: (String(describing: error), retryAt), on: database)
            }
            _ = self.running.withLockedValue { $0.removeValue(forKey: claim.listID) }
        }
        running.withLockedValue { $0[claim.listID] = task }
    }

    func didBootAsync(_ application: Application) async throws {
        let interval = pollInterval
        poller.withLockedValue {
            $0 = Task {
                while !Task.isCancelled {
                    await self.claimWaiting(on: application)
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        poller.withLockedValue { $0 }?.cancel()
        let tasks = running.withLockedValue { Array($0.values) }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
