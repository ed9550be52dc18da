import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

@Suite("The region's elections: timetables and pairs recorded by the admin", .serialized)
struct ElectionStoreTests {
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../NetraCoreTests/Fixtures/elections/\(name)").standardized, encoding: .utf8)
    }

    @Test("an election file is saved with its timetable and pairs; its pairs feed screening; phases read it before the shipped ones")
    func saveAndRead() async throws {
        try await TestStore.withStore { host in
            let election = try RegionalElection.load(yaml: try Self.fixture("pilbup-2029.yaml"))
            try await ElectionStore.save(election, actor: "admin", at: Date(), on: host.database)
            let stored = try #require(try await ElectionStore.find("pilbup-2029", on: host.database))
            #expect(stored == election && stored.pairs.map(\.parties) == [["Partai Harapan", "Partai Sungai"], ["perseorangan"]])
            #expect(try await ElectionModel.find("pilbup-2029", on: host.database)?.votingDate == "2029-11-28")
            let screening = try #require(try await ScreeningStore.elections(on: host.database))
            #expect(screening.elections.map(\.id) == ["pilbup-2029"] && screening.elections[0].pairs[0].hashtags == ["#BambangRina2029"])

            let shipped = try ElectionCalendar.allBundled()
            let calendars = try await ElectionStore.calendars(on: host.database, shipped: shipped)
            // The region's Pilkada replaces the shipped Pilkada; the national Pemilu stays.
            #expect(calendars.map(\.id) == ["pilbup-2029", "pemilu-2024"])
            let guide = Guide(rulebook: try Rulebook.bundled(), calendars: calendars)
            #expect(guide.answer(behaviours: [.alatPeraga], status: .pns, on: LocalDate(year: 2029, month: 10, day: 10)!).phase == .kampanye)
            #expect(guide.answer(behaviours: [.alatPeraga], status: .pns, on: LocalDate(year: 2029, month: 11, day: 25)!).phase == .masaTenang)

            // Voting day (a Wednesday) is a day off for legal deadlines.
            let voting = LocalDate(year: 2029, month: 11, day: 28)!
            let base = try WorkingDays.bundled()
            #expect(base.isWorkingDay(voting))
            let days = try await ElectionStore.workingDays(base, on: host.database)
            #expect(!days.isWorkingDay(voting) && days.holidays[voting]?.name == "Pemungutan suara Pemilihan Bupati dan Wakil Bupati Sungai Harapan 2029")
            #expect(days.adding(1, to: LocalDate(year: 2029, month: 11, day: 27)!) == LocalDate(year: 2029, month: 11, day: 29))

            var changed = election
            changed.pairs.removeLast()
            try await ElectionStore.save(changed, actor: "admin", at: Date(), on: host.database)
            #expect(try await ElectionStore.all(on: host.database).count == 1)
            #expect(try await ElectionStore.find("pilbup-2029", on: host.database)?.pairs.count == 1)
            let actions = try await AuditEventModel.query(on: host.database).all().map(\.action)
            #expect(actions.filter { $0.hasPrefix("election.") } == ["election.added", "election.changed"])
        }
    }

    @Test("a faulty election file is refused with every fault named, and nothing is saved")
    func refused() async throws {
        try await TestStore.withStore { host in
            let election = try RegionalElection.load(yaml: try Self.fixture("pilbup-2029-faulty.yaml"))
            do {
                try await ElectionStore.save(election, actor: "admin", at: Date(), on: host.database)
                Issue.record("a faulty election was saved")
            } catch let refusal as ElectionRefusal {
                let messages = refusal.problems.map(\.message)
                #expect(refusal.problems.map(\.field) == [.code, .name, .kind, .stages, .stages, .stages, .pairs])
                #expect(messages[3] == "Tahap Masa kampanye: tanggal selesai 20 September 2029 sebelum tanggal mulai 25 September 2029.")
                #expect(messages.contains("Tahap Masa tenang wajib diisi.") && messages.contains("Nomor urut 1 dipakai dua pasangan."))
            }
            #expect(try await ElectionStore.all(on: host.database).isEmpty)
            #expect(throws: RegionalElection.FileProblem.self) { try RegionalElection.load(yaml: "id: [tidak, sah") }
        }
    }
}
