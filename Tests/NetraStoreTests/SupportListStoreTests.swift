import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

@Suite("Support lists are matched by one instance at a time, and resumed where a stopped instance left them", .serialized)
struct SupportListStoreTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)
    static let lease: TimeInterval = 60

    /// The demo region, a vault and a 41-row list naming three of its ASN (records 6, 19 and 32) and one
    /// row without a NIK.
    static func withList(_ body: (StoreHost, EvidenceVault, SupportListModel, [ASNModel]) async throws -> Void) async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let people = try await ASNModel.query(on: host.database).sort(\.$nip).limit(3).all()
            var csv = "nik,nama,tempat_lahir,tanggal_lahir,alamat,pasangan\n"
            for row in 0..<40 {
                if row % 13 == 5 {
                    let person = people[row / 13]
                    csv += "\(person.nik),\(person.name),Sungai Harapan,\(person.birthDate),Jl. Merdeka,1\n"
                } else {
                    csv += "329101120190\(1000 + row),Warga \(row),Sungai Harapan,1990-01-12,Jl. Pahlawan,1\n"
                }
            }
            csv += "bukan-nik,,Sungai Harapan,,Jl. Pahlawan,1\n"
            let vault = try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                                          key: try EvidenceKey(base64: EvidenceKey.generate()))
            let list = try await SupportListStore.create(fileName: "../../dukungan.csv", bytes: Array(csv.utf8), uploadedBy: "admin:Tim",
                                                         vault: vault, at: start, on: host.database)
            try await body(host, vault, list, people)
        }
    }

    static func expectMatchedOnce(_ list: SupportListModel, people: [ASNModel], on database: any Database) async throws {
        let done = try #require(try await SupportListStore.list(list.id!, on: database))
        #expect(done.status == .done && done.rowsDone == 41 && done.hits == 3 && done.rejected == 1 && done.claimToken == nil)
        let hits = try await SupportListStore.hits(of: list.id!, on: database)
        #expect(hits.map(\.nip).sorted() == people.map(\.nip).sorted())
        #expect(hits.allSatisfy { $0.unitPath != "/" && $0.asnName != nil && $0.rowCSV.hasPrefix("nik,nama,") })
        #expect(try await SupportListStore.rejections(of: list.id!, on: database).map(\.line) == [42])
    }

    @Test("an instance that dies mid-list holds it until its lease ends; another then resumes after the last saved row, each hit once")
    func diedAndTakenOver() async throws {
        try await Self.withList { host, vault, list, people in
            #expect(list.fileName == "dukungan.csv" && list.rowsTotal == 41 && list.status == .queued)
            let claim = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start, on: host.database))
            #expect(claim.listID == list.id && claim.attempt == 1)
            #expect(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start, on: host.database) == nil, "claimed once")
            // It saves its first batch of 8 rows (one hit) and stops there, never handing the list back, as a killed instance.
            let stopped = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await SupportListJobs.process(claim, vault: vault, lease: Self.lease, batch: 8, now: { Self.start }, on: host.database)
            }
            await #expect(throws: CancellationError.self) { try await stopped.value }
            let firstHits = try await SupportListStore.hits(of: list.id!, on: host.database)
            #expect(firstHits.map(\.supportLine) == [7])

            let other = try StoreHost(location: host.location)
            defer { Task { await other.shutdown() } }
            #expect(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start.addingTimeInterval(59), on: other.database) == nil,
                    "the lease still holds")
            let takeover = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start.addingTimeInterval(61), on: other.database))
            #expect(takeover.listID == list.id && takeover.attempt == 2)
            try await SupportListJobs.process(takeover, vault: vault, lease: Self.lease, batch: 8, now: { Self.start }, on: other.database)
            try await Self.expectMatchedOnce(list, people: people, on: host.database)
            let hits = try await SupportListStore.hits(of: list.id!, on: host.database)
            #expect(hits.contains { $0.id == firstHits[0].id }, "the saved hit is kept, not matched again")
            #expect(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start.addingTimeInterval(999), on: host.database) == nil)
        }
    }

    @Test("an instance whose list was taken over saves nothing more")
    func fencedAfterTakeover() async throws {
        try await Self.withList { host, vault, list, people in
            let late = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start, on: host.database))
            let other = try StoreHost(location: host.location)
            defer { Task { await other.shutdown() } }
            let takeover = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start.addingTimeInterval(61), on: other.database))
            // The first instance wakes up after its lease ended (a long pause): its first save is refused.
            await #expect(throws: SupportListJobs.Problem.claimLost) {
                try await SupportListJobs.process(late, vault: vault, lease: Self.lease, batch: 8, now: { Self.start }, on: host.database)
            }
            #expect(try await SupportListStore.hits(of: list.id!, on: host.database).isEmpty)
            try await SupportListJobs.process(takeover, vault: vault, lease: Self.lease, batch: 8, now: { Self.start }, on: other.database)
            try await Self.expectMatchedOnce(list, people: people, on: host.database)
            await #expect(throws: SupportListJobs.Problem.claimLost) {
                try await SupportListJobs.process(late, vault: vault, lease: Self.lease, now: { Self.start }, on: host.database)
            }
        }
    }

    @Test("a list handed back at shutdown is claimed again at once, uncounted; one that keeps failing is given up with its error")
    func releasedAndGivenUp() async throws {
        try await Self.withList { host, _, list, _ in
            let claim = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start, on: host.database))
            try await SupportListJobs.release(claim, on: host.database)
            var next = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start, on: host.database))
            #expect(next.attempt == 1)
            for attempt in 1...SupportListJobs.maxAttempts {
                #expect(next.attempt == attempt)
                let retryAt = Self.start.addingTimeInterval(Double(attempt * 100))
                try await SupportListJobs.release(next, failure: ("database is locked", retryAt), on: host.database)
                if attempt < SupportListJobs.maxAttempts {
                    #expect(try await SupportListJobs.claimNext(lease: Self.lease, now: retryAt.addingTimeInterval(-1), on: host.database) == nil,
                            "tried again only from its retry time")
                    next = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: retryAt, on: host.database))
                }
            }
            let failed = try #require(try await SupportListStore.list(list.id!, on: host.database))
            #expect(failed.status == .failed && failed.error == "database is locked" && failed.claimToken == nil)
            #expect(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start.addingTimeInterval(9_999), on: host.database) == nil)
        }
    }

    @Test("a list that cannot be read is marked failed with the reason")
    func unreadable() async throws {
        try await TestStore.withStore { host in
            let vault = try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                                          key: try EvidenceKey(base64: EvidenceKey.generate()))
            let list = try await SupportListStore.create(fileName: "rusak.csv", bytes: Array("nik,nama,tanggal_lahir\n\"3201,Budi,1990-01-01\n".utf8),
                                                         uploadedBy: "admin:Tim", vault: vault, at: Date(), on: host.database)
            let claim = try #require(try await SupportListJobs.claimNext(lease: Self.lease, now: Self.start, on: host.database))
            try await SupportListJobs.process(claim, vault: vault, lease: Self.lease, on: host.database)
            let failed = try #require(try await SupportListStore.list(list.id!, on: host.database))
            #expect(failed.status == .failed && failed.error == "rusak.csv: tanda kutip di baris 2 tidak ditutup.")
        }
    }
}
