import Fluent
import NIOConcurrencyHelpers
import NetraStore
import Vapor

/// Matches uploaded support lists in the background, one task per list. At boot it takes up the lists a
/// restart interrupted; at shutdown it stops them between batches (they are taken up again next boot).
/// A failed batch (SQLite refuses a write that raced another connection's commit) is taken up again from
/// the saved progress a few times before the list is left for the next start.
final class SupportListWorker: LifecycleHandler, Sendable {
    private let vault: EvidenceVault
    private let tasks = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])

    static let attempts = 5

    init(vault: EvidenceVault) { self.vault = vault }

    func start(_ id: UUID, application: Application) {
        let database = application.db, logger = application.logger, vault = vault
        let task = Task {
            for attempt in 1...Self.attempts {
                do {
                    try await SupportListStore.process(id, vault: vault, on: database)
                    break
                } catch is CancellationError {
                    logger.notice("Pencocokan daftar dukungan \(id) dihentikan; dilanjutkan saat Netra dijalankan lagi.")
                    break
                } catch {
                    logger.error("Pencocokan daftar dukungan \(id) gagal (percobaan \(attempt) dari \(Self.attempts)): \(String(reflecting: error))")
                    guard attempt < Self.attempts, (try? await Task.sleep(for: .milliseconds(500 * attempt))) != nil else { break }
                }
            }
            _ = self.tasks.withLockedValue { $0.removeValue(forKey: id) }
        }
        tasks.withLockedValue { $0[id] = task }
    }

    func didBootAsync(_ application: Application) async throws {
        for id in try await SupportListStore.unfinished(on: application.db) { start(id, application: application) }
    }

    func shutdownAsync(_ application: Application) async {
        let running = tasks.withLockedValue { Array($0.values) }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
