import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

@Suite("Support lists are matched from their stored file, and matched again after an interruption", .serialized)
struct SupportListStoreTests {
    @Test("an interrupted list is taken up again and ends with each hit once")
    func interruptedAndResumed() async throws {
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
                                                         vault: vault, at: Date(), on: host.database)
            #expect(list.fileName == "dukungan.csv" && list.rowsTotal == 41 && list.status == "queued")

            let stopped = Task { try await SupportListStore.process(list.id!, vault: vault, batch: 4, on: host.database) }
            stopped.cancel()
            _ = await stopped.result
            #expect(try await SupportListStore.unfinished(on: host.database) == [list.id!])

            try await SupportListStore.process(list.id!, vault: vault, batch: 4, on: host.database)
            // A crash after some hits were saved but before the end: the next run starts over.
            let finished = try #require(try await SupportListModel.find(list.id, on: host.database))
            finished.status = "running"
            try await finished.save(on: host.database)
            try await SupportListStore.process(list.id!, vault: vault, batch: 4, on: host.database)

            let done = try #require(try await SupportListModel.find(list.id, on: host.database))
            #expect(done.status == "done" && done.rowsDone == 41 && done.hits == 3 && done.rejected == 1)
            let hits = try await SupportListStore.hits(of: list.id!, on: host.database)
            #expect(hits.map(\.nip).sorted() == people.map(\.nip).sorted())
            #expect(hits.allSatisfy { $0.unitPath != "/" && $0.asnName != nil && $0.rowCSV.hasPrefix("nik,nama,") })
            #expect(try await SupportListStore.rejections(of: list.id!, on: host.database).map(\.line) == [42])
            #expect(try await SupportListStore.unfinished(on: host.database).isEmpty)
        }
    }

    @Test("a list that cannot be read is marked failed with the reason")
    func unreadable() async throws {
        try await TestStore.withStore { host in
            let vault = try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                                          key: try EvidenceKey(base64: EvidenceKey.generate()))
            let list = try await SupportListStore.create(fileName: "rusak.csv", bytes: Array("nik,nama,tanggal_lahir\n\"3201,Budi,1990-01-01\n".utf8),
                                                         uploadedBy: "admin:Tim", vault: vault, at: Date(), on: host.database)
            try await SupportListStore.process(list.id!, vault: vault, on: host.database)
            let failed = try #require(try await SupportListModel.find(list.id, on: host.database))
            #expect(failed.status == "failed" && failed.error == "rusak.csv: tanda kutip di baris 2 tidak ditutup.")
        }
    }
}
