import Fluent
import NIOConcurrencyHelpers
import NetraStore
import Vapor

/// Matches uploaded support lists in the background, one task per list. At boot it takes up the lists a
/// restart interrupted; at shutdown it stops them between batches (they are taken up again next boot).
final class SupportListWorker: LifecycleHandler, Sendable {
    private let vault: EvidenceVault
    private let tasks = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])

    init(vault: EvidenceVault) { self.vault = vault }

    func start(_ id: UUID, application: Application) {
        let database = application.db, logger = application.logger, vault = vault
        let task = Task {
            do {
                try await SupportListStore.process(id, vault: vault, on: database)
            } catch is CancellationError {
                logger.notice("Pencocokan daftar dukungan \(id) dihentikan; dilanjutkan saat Netra dijalankan lagi.")
            } catch {
                logger.error("Pencocokan daftar dukungan \(id) gagal: \(String(reflecting: error))")
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
