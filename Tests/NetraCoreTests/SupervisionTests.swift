import Testing
@testable import NetraCore

@Suite("Supervision periods and statements")
struct SupervisionTests {
    let schedule = SupervisionSchedule(calendar: try! ElectionCalendar.bundled(), rhythms: .standard)
    func day(_ iso: String) -> LocalDate { LocalDate(iso8601: iso)! }

    @Test("weekly in the campaign (Monday to Sunday), cut where the phase changes; daily in the quiet period; none outside the election")
    func periods() throws {
        let week = try #require(schedule.period(containing: day("2024-10-16")))
        #expect(week.start == day("2024-10-14") && week.end == day("2024-10-20") && week.phase == .kampanye && week.rhythm == .weekly)
        // The campaign ends on Saturday 23 November: the last week is cut there; Sunday is the quiet period's first day.
        let last = try #require(schedule.period(containing: day("2024-11-20")))
        #expect(last.start == day("2024-11-18") && last.end == day("2024-11-23"))
        let quiet = try #require(schedule.period(containing: day("2024-11-24")))
        #expect(quiet.start == quiet.end && quiet.rhythm == .daily && quiet.phase == .masaTenang)
        // The campaign starts on Wednesday 25 September: its first week starts there.
        #expect(schedule.period(containing: day("2024-09-27"))?.start == day("2024-09-25"))
        #expect(schedule.period(containing: day("2024-01-10")) == nil)
        #expect(schedule.period(containing: day("2025-02-01")) == nil)
        let none = SupervisionSchedule(calendar: try ElectionCalendar.bundled(), rhythms: SupervisionRhythms(byPhase: [.kampanye: .weekly]))
        #expect(none.period(containing: day("2024-11-25")) == nil)
        #expect(schedule.period(startingOn: day("2024-10-14")) == week && schedule.period(startingOn: day("2024-10-15")) == nil)
    }

    @Test("the periods up to a day, newest first, without gaps or overlaps")
    func periodList() {
        let list = schedule.periods(through: day("2024-11-27"), limit: 500)
        #expect(list.first?.start == day("2024-11-27"))
        for (newer, older) in zip(list, list.dropFirst()) { #expect(older.end.adding(days: 1) == newer.start) }
        #expect(list.last?.start == schedule.firstDay)
    }

    @Test("a statement is nihil or names incidents, never both; counts are bounded; the standing follows the due date")
    func statements() {
        #expect(SupervisionStatement(briefings: 2, nihil: true).validated() == .success(SupervisionStatement(briefings: 2, nihil: true)))
        guard case .failure(let neither) = SupervisionStatement(briefings: 1).validated() else { Issue.record(); return }
        #expect(neither.problems.map(\.field) == ["nihil"])
        guard case .failure(let both) = SupervisionStatement(incidents: ["Kepala seksi memasang foto pasangan calon."], nihil: true).validated() else { Issue.record(); return }
        #expect(both.problems.first?.message.contains("tidak boleh memuat temuan") == true)
        guard case .failure(let counts) = SupervisionStatement(briefings: -1, incidents: ["  ", "pendek"]).validated() else { Issue.record(); return }
        #expect(counts.problems.map(\.field) == ["pengarahan", "temuan"])
        let due = day("2024-10-21")
        #expect(StatementStanding.of(filedOn: due, due: due, markedMissing: false, today: due) == .filed)
        #expect(StatementStanding.of(filedOn: due.adding(days: 1), due: due, markedMissing: false, today: due) == .late)
        #expect(StatementStanding.of(filedOn: nil, due: due, markedMissing: false, today: due) == .awaited)
        #expect(StatementStanding.of(filedOn: nil, due: due, markedMissing: false, today: due.adding(days: 1)) == .missing)
        #expect(StatementStanding.of(filedOn: nil, due: due, markedMissing: true, today: due) == .missing)
        // A week ending Sunday 20 October: the schools' statements are due Monday, the dinas's a working day later.
        let days = try! WorkingDays.bundled()
        #expect(StatementStanding.due(periodEnd: day("2024-10-20"), levelsBelow: 0, workingDays: days) == day("2024-10-21"))
        #expect(StatementStanding.due(periodEnd: day("2024-10-20"), levelsBelow: 1, workingDays: days) == day("2024-10-22"))
    }
}
