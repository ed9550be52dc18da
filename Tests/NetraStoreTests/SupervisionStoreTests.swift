import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

@Suite("Supervision statements filed bottom-up", .serialized)
struct SupervisionStoreTests {
    static let days = try! WorkingDays.bundled()
    static let schedule = SupervisionSchedule(calendar: try! ElectionCalendar.bundled(), rhythms: .standard)
    static func day(_ iso: String) -> LocalDate { LocalDate(iso8601: iso)! }
    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso + "T03:00:00Z")! }

    /// A dinas, one of its bidang and two of its schools, each with a head's account: three reporting levels.
    static func threeLevels(on db: any Database) async throws -> (dinas: UUID, bidang: UUID, schoolA: UUID, schoolB: UUID) {
        _ = try await UnitTreeImporter(database: db, actor: "uji").run(try FileByteSource(path: TestStore.registryFixture("units-dev.csv")))
        _ = try await RegistryImporter(database: db).run(try FileByteSource(path: TestStore.registryFixture("asn-dev-clean.csv")))
        let accounts = AccountStore(database: db, hashPassword: { $0 })
        let requests = [
            AccountRequest(username: "kadisdik", role: .supervisor, password: "sandi-kepala-dinas", nip: "196907312000102006", email: "kadisdik@disdik.example.go.id"),
            AccountRequest(username: "kabid.sd", role: .supervisor, password: "sandi-kepala-bidang", displayName: "Kabid SD", unit: "2.01.02", email: "kabid@disdik.example.go.id"),
            AccountRequest(username: "kepsek.1", role: .supervisor, password: "sandi-kepala-sdn-1", displayName: "Kepsek 1", unit: "2.01.02.01", email: "sdn1@sekolah.example.go.id"),
            AccountRequest(username: "kepsek.3", role: .supervisor, password: "sandi-kepala-sdn-3", displayName: "Kepsek 3", unit: "2.01.02.02", email: "sdn3@sekolah.example.go.id"),
        ]
        for request in requests { try await accounts.add(request, by: "uji") }
        func unit(_ code: String) async throws -> UUID { try #require(try await UnitModel.query(on: db).filter(\.$code == code).first()?.id) }
        return (try await unit("2.01"), try await unit("2.01.02"), try await unit("2.01.02.01"), try await unit("2.01.02.02"))
    }

    @Test("statements go up level by level; a missing one is reminded, escalated and marked; the roll-up says filed, late and missing")
    func bottomUp() async throws {
        try await TestStore.withStore { host in
            let db = host.database
            let units = try await Self.threeLevels(on: db)
            let tree = try await SupervisionStore.reportingUnits(on: db)
            #expect(tree.map(\.name) == ["Dinas Pendidikan dan Kebudayaan", "Bidang Pembinaan Sekolah Dasar", "SDN 1 Harapan Hilir", "SDN 3 Harapan Hilir"])
            #expect(tree.map(\.level) == [0, 1, 2, 2] && tree.map(\.levelsBelow) == [2, 1, 0, 0])
            #expect(tree[1].parent == units.dinas && tree[2].parent == units.bidang)

            let week = try #require(Self.schedule.period(containing: Self.day("2024-10-16")))
            let nihil = SupervisionStatement(briefings: 1, mediaChecks: 12, nihil: true)
            func file(_ unit: UUID, _ statement: SupervisionStatement = nihil, on iso: String) async throws {
                try await SupervisionStore.file(statement, unitID: unit, period: week, actor: "uji", today: Self.day(iso), at: Self.at(iso),
                                                workingDays: Self.days, on: db)
            }
            func run(_ iso: String) async throws -> SupervisionStore.ReminderOutcome {
                try await SupervisionStore.remindAndEscalate(schedule: Self.schedule, today: Self.day(iso), workingDays: Self.days, at: Self.at(iso), on: db)
            }
            await #expect(throws: SupervisionStore.Problem.waitingFor(["SDN 1 Harapan Hilir", "SDN 3 Harapan Hilir"])) { try await file(units.bidang, on: "2024-10-21") }
            try await file(units.schoolA, on: "2024-10-21")
            await #expect(throws: SupervisionStore.Problem.alreadyFiled) { try await file(units.schoolA, on: "2024-10-21") }

            // Monday 21 October: SDN 3's statement is due today.
            #expect(try await run("2024-10-21") == .init(reminders: 1, escalations: 0))
            #expect(try await run("2024-10-21") == .init())
            // Tuesday: SDN 3 is past due (the bidang is told), the bidang's own is due.
            #expect(try await run("2024-10-22") == .init(reminders: 1, escalations: 1))
            let outbox = try await OutboxModel.query(on: db).all()
            #expect(outbox.filter { $0.recipient == "sdn3@sekolah.example.go.id" }.map(\.kind) == ["statementDue"])
            #expect(Set(outbox.filter { $0.recipient == "kabid@disdik.example.go.id" }.map(\.kind)) == ["statementDue", "statementMissing"])

            await #expect(throws: SupervisionStore.Problem.notDueYet(unit: "Bidang Pembinaan Sekolah Dasar", due: Self.day("2024-10-22"))) {
                try await SupervisionStore.markMissing(unitID: units.bidang, period: week, reason: "", actor: "kadisdik", byUnit: units.dinas,
                                                       today: Self.day("2024-10-22"), at: Self.at("2024-10-22"), workingDays: Self.days, on: db)
            }
            await #expect(throws: SupervisionStore.Problem.notBelow) {
                try await SupervisionStore.markMissing(unitID: units.schoolB, period: week, reason: "", actor: "kadisdik", byUnit: units.dinas,
                                                       today: Self.day("2024-10-22"), at: Self.at("2024-10-22"), workingDays: Self.days, on: db)
            }
            try await SupervisionStore.markMissing(unitID: units.schoolB, period: week, reason: "Kepala sekolah cuti sakit", actor: "Kabid SD", byUnit: units.bidang,
                                                   today: Self.day("2024-10-22"), at: Self.at("2024-10-22"), workingDays: Self.days, on: db)
            let incident = SupervisionStatement(briefings: 2, incidents: ["Seorang guru SDN 1 mengunggah foto dengan simbol jari pasangan calon."])
            try await file(units.bidang, incident, on: "2024-10-22")
            let before = try await SupervisionStore.rows(period: week, today: Self.day("2024-10-23"), workingDays: Self.days, on: db)
            #expect(before.map(\.standing) == [.awaited, .filed, .filed, .missing])
            try await file(units.dinas, on: "2024-10-24")
            try await file(units.schoolB, on: "2024-10-25")

            let rows = try await SupervisionStore.rows(period: week, today: Self.day("2024-10-25"), workingDays: Self.days, on: db)
            #expect(rows.map(\.standing) == [.late, .filed, .filed, .late])
            #expect(rows[3].markedMissingBy == "Kabid SD" && rows[3].missingReason == "Kepala sekolah cuti sakit")
            let subtree = try await SupervisionStore.rows(period: week, today: Self.day("2024-10-25"), workingDays: Self.days,
                                                          within: tree[1].path, on: db)
            #expect(subtree.count == 3)

            // An incident becomes a report once, however often the button is pressed.
            let statementID = try #require(rows[1].statementID)
            var random = SeededRandom(seed: 7)
            let vault = try NotificationStoreTests.vault()
            let receipt = try await SupervisionStore.reportIncident(statementID: statementID, index: 0, actor: "kabid", vault: vault, at: Date(), random: &random, on: db)
            #expect(try await SupervisionStore.reportIncident(statementID: statementID, index: 0, actor: "kabid", vault: vault, at: Date(), random: &random, on: db) == receipt)
            #expect(try await ReportModel.query(on: db).filter(\.$source == "supervision").count() == 1)
            await #expect(throws: SupervisionStore.Problem.noSuchIncident) {
                _ = try await SupervisionStore.reportIncident(statementID: statementID, index: 1, actor: "kabid", vault: vault, at: Date(), random: &random, on: db)
            }
            guard case .intact = try await AuditLog.verify(on: db) else { Issue.record("audit chain broken"); return }
        }
    }
}
