import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

@Suite("Notifications reach the people who must act, and each e-mail is delivered once", .serialized)
struct NotificationStoreTests {
    static let start = Date(timeIntervalSince1970: 1_728_000_000)

    static func vault() throws -> EvidenceVault {
        try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                          key: try EvidenceKey(base64: EvidenceKey.generate()))
    }

    static func supervisor(_ username: String, of unit: UnitModel, email: String?, on db: any Database) async throws {
        let account = UserModel(username: username, passwordHash: "x", displayName: username, role: .supervisor, unitID: unit.id)
        account.email = email
        try await account.create(on: db)
    }

    @Test("assignment, reminder, escalation to the level above and 'taken over' go to the units' accounts, in Netra and by e-mail")
    func caseNotifications() async throws {
        try await TestStore.withStore { host in
            let db = host.database
            try await DemoSeeder(database: db, hashPassword: { $0 }).seed()
            let (teacher, school) = try await CaseStoreTests.teacherAndHead(on: db)
            let parent = try #require(try await UnitModel.find(school.parentID, on: db))
            try await Self.supervisor("kepsek.uji", of: school, email: "kepsek@sekolah.example.go.id", on: db)
            try await Self.supervisor("kepsek.tanpa.email", of: school, email: nil, on: db)
            try await Self.supervisor("atasan.uji", of: parent, email: "atasan@dinas.example.go.id", on: db)

            let opened = try await CaseStore.open(reportID: try await CaseStoreTests.seededReport(about: teacher.nip, on: host), behaviours: [.alatPeraga],
                                                  asnNIP: teacher.nip, actor: CaseStoreTests.admin, context: CaseStoreTests.context,
                                                  today: CaseStoreTests.day, at: Self.start, on: db)
            let days = try WorkingDays.bundled()
            _ = try await DeadlineJob.run(today: LocalDate(year: 2024, month: 10, day: 11)!, workingDays: days, at: Self.start, on: db)
            _ = try await DeadlineJob.run(today: LocalDate(year: 2024, month: 10, day: 15)!, workingDays: days, at: Self.start, on: db)

            let outbox = try await OutboxModel.query(on: db).all()
            func kinds(to address: String) -> [String] { outbox.filter { $0.recipient == address }.map(\.kind).sorted() }
            #expect(kinds(to: "kepsek@sekolah.example.go.id") == ["assignment", "reminder", "takenOver"])
            #expect(kinds(to: "atasan@dinas.example.go.id") == ["escalation"])
            #expect(outbox.allSatisfy { $0.status == "pending" && $0.link == "/kasus/\(opened.id!.uuidString.lowercased())" })
            // Nothing about the reported person or the report travels in a message.
            #expect(outbox.allSatisfy { !$0.body.contains(teacher.name) && !$0.subject.contains(teacher.name) && !$0.body.contains(teacher.nip) })

            let schoolNotes = try await NotificationStore.recent(role: .supervisor, unitID: school.id, on: db).map(\.kind)
            #expect(Set(schoolNotes) == [.takenOver, .reminder, .assignment] && schoolNotes.count == 3)
            #expect(try await NotificationStore.recent(role: .supervisor, unitID: parent.id, on: db).map(\.kind) == [.escalation])
            #expect(try await NotificationStore.recent(role: .admin, unitID: nil, on: db).isEmpty)
        }
    }

    @Test("two instances claiming at once share the outbox without overlap; a 4xx waits and is tried again, a 5xx fails, a lapsed claim is taken over")
    func claimsAndRetries() async throws {
        try await TestStore.withStore { host in
            let db = host.database
            let vault = try Self.vault()
            for index in 0..<40 {
                try await OutboxStore.enqueue(kind: .reminder, notificationID: nil, recipient: "orang\(index)@example.go.id", sealed: false,
                                              label: "Orang \(index)", subject: "Pengingat", body: "Isi", link: "/tindakan", at: Self.start, on: db)
            }
            let policy = DeliveryPolicy()
            // A second instance: its own connection pool on the same database.
            let other = try StoreHost(location: host.location)
            defer { Task { await other.shutdown() } }
            let instances = [db, other.database]
            let claimed = try await withThrowingTaskGroup(of: [OutboxDelivery].self) { group in
                for index in 0..<4 {
                    let db = instances[index % 2]
                    group.addTask {
                        var mine: [OutboxDelivery] = []
                        while true {
                            let batch = try await OutboxStore.claimDue(now: Self.start, policy: policy, limit: 3, vault: vault, on: db)
                            if batch.isEmpty { return mine }
                            mine += batch
                        }
                    }
                }
                return try await group.reduce(into: [OutboxDelivery]()) { $0 += $1 }
            }
            #expect(claimed.count == 40)
            #expect(Set(claimed.map(\.id)).count == 40)
            #expect(claimed.allSatisfy { $0.attempt == 1 })

            let busy = claimed[0], refused = claimed[1], sent = claimed[2]
            try await OutboxStore.record(.transientFailure("451 sibuk"), of: busy, policy: policy, at: Self.start, on: db)
            try await OutboxStore.record(.permanentFailure("550 tidak ada"), of: refused, policy: policy, at: Self.start, on: db)
            try await OutboxStore.record(.sent, of: sent, policy: policy, at: Self.start, on: db)
            #expect(try await OutboxStore.claimDue(now: Self.start.addingTimeInterval(59), policy: policy, vault: vault, on: db).isEmpty)
            // A minute later the busy one is due again; five minutes after the claim, the 37 never recorded are taken over.
            let retried = try await OutboxStore.claimDue(now: Self.start.addingTimeInterval(61), policy: policy, limit: 50, vault: vault, on: db)
            #expect(retried.map(\.id) == [busy.id])
            #expect(retried.first?.attempt == 2)
            let takenOver = try await OutboxStore.claimDue(now: Self.start.addingTimeInterval(policy.lease + 1), policy: policy, limit: 50, vault: vault, on: db)
            #expect(takenOver.count == 37)

            let counts = try await OutboxStore.counts(on: db)
            #expect(counts[.sent] == 1 && counts[.failed] == 1 && counts[.sending] == 38)
            let failed = try await OutboxStore.list(status: .failed, limit: 10, offset: 0, on: db).rows
            #expect(failed.map(\.lastError) == ["550 tidak ada"])
        }
    }

    @Test("a delivery that keeps failing is given up after its last attempt")
    func givenUp() async throws {
        try await TestStore.withStore { host in
            let db = host.database
            let vault = try Self.vault()
            let policy = DeliveryPolicy(waits: [60, 120])
            try await OutboxStore.enqueue(kind: .reminder, notificationID: nil, recipient: "a@example.go.id", sealed: false, label: "A",
                                          subject: "S", body: "B", link: "/tindakan", at: Self.start, on: db)
            var now = Self.start
            for _ in 0..<policy.maximumAttempts {
                let delivery = try #require(try await OutboxStore.claimDue(now: now, policy: policy, vault: vault, on: db).first)
                try await OutboxStore.record(.transientFailure("tidak terhubung"), of: delivery, policy: policy, at: now, on: db)
                now = now.addingTimeInterval(3_600)
            }
            #expect(try await OutboxStore.list(status: .failed, limit: 10, offset: 0, on: db).rows.first?.attempts == 3)
            #expect(try await OutboxStore.claimDue(now: now, policy: policy, vault: vault, on: db).isEmpty)
        }
    }

    @Test("a reporter's address stays sealed in the outbox and is shown to nobody")
    func reporterAddressSealed() async throws {
        try await TestStore.withStore { host in
            let db = host.database
            let vault = try Self.vault()
            try await NotificationStore.postToReporter(.reportStatus(receipt: "ABCD-EFGH", statusTitle: "Diproses", link: "/status"),
                                                       sealedAddress: try vault.seal(text: "pelapor@example.id"), at: Self.start, on: db)
            let row = try #require(try await OutboxModel.query(on: db).first())
            #expect(!row.recipient.contains("pelapor"))
            #expect(try await OutboxStore.list(status: nil, limit: 10, offset: 0, on: db).rows.map(\.recipient) == ["Pelapor"])
            #expect(try await OutboxStore.claimDue(now: Self.start, policy: DeliveryPolicy(), vault: vault, on: db).map(\.recipient) == ["pelapor@example.id"])
        }
    }
}
