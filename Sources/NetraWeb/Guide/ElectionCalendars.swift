import NetraCore
import NetraStore
import Vapor

extension Request {
    /// The election whose timetable is nearest today, among the region's and the shipped ones.
    func currentElectionCalendar(shipped: [ElectionCalendar]) async throws -> ElectionCalendar {
        let calendars = try await ElectionStore.calendars(on: db, shipped: shipped)
        guard let nearest = ElectionCalendar.nearest(calendars, to: clock.today) else { throw Abort(.internalServerError, reason: "Tidak ada kalender pemilihan.") }
        return nearest
    }
}
