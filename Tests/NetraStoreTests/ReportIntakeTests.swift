import FluentKit
import Foundation
import NetraCore
import NetraStore
import SQLKit
import Testing

@Suite("Reports sent at the same moment are all kept, each answered only once it is committed")
struct ReportIntakeTests {
    static func vault() throws -> EvidenceVault {
        try EvidenceVault(directory: FileManager.default.temporaryDirectory.appendingPathComponent("v-\(UUID().uuidString)"),
                          key: try EvidenceKey(base64: EvidenceKey.generate()))
    }

    @Test("sixty reports at once: every receipt opens its own report, evidence is listed, the audit chain holds one record each")
    func concurrentReports() async throws {
        try await TestStore.withStore { host in
            let intake = ReportIntake(database: host.database, vault: try Self.vault())
            let receipts = try await withThrowingTaskGroup(of: (Int, ReportReceipt).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        let files = index % 3 == 0 ? [EvidenceFile(name: "foto\(index).png", bytes: [0x89, 0x50, 0x4E, 0x47] + Array("bukti \(index)".utf8), type: .png)] : []
                        return (index, try await intake.submit(ReportSubmission(description: "Laporan nomor \(index) tentang kampanye ASN."), files: files,
                                                               source: .api, suggested: [.kampanyeIkut], at: Date()))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(Set(receipts.values.map(\.receipt)).count == 60)
            for (index, receipt) in receipts {
                let report = try #require(try await ReportStore.find(receipt: receipt.receipt, secret: receipt.secret, on: host.database))
                #expect(report.description == "Laporan nomor \(index) tentang kampanye ASN.")
                #expect(report.suggestedBehaviours == Behaviour.kampanyeIkut.rawValue)
                let status = try await ReportStore.statusView(of: report, on: host.database)
                #expect(status.evidence.map(\.sha256) == receipt.evidence && receipt.evidence.count == (index % 3 == 0 ? 1 : 0))
            }
            #expect(try await AuditLog.verify(on: host.database) == .intact(count: 60))
        }
    }

    @Test("a report that cannot be written fails alone: the others sent with it are kept")
    func failuresStayAlone() async throws {
        try await TestStore.withStore { host in
            let sql = try #require(host.database as? any SQLDatabase)
            // Evidence rows cannot be written while their table is away, so reports with a file fail.
            try await sql.raw("ALTER TABLE evidence RENAME TO evidence_away").run()
            let intake = ReportIntake(database: host.database, vault: try Self.vault())
            let outcomes = await withTaskGroup(of: (Bool, Bool).self) { group in
                for index in 0..<30 {
                    group.addTask {
                        let withFile = index % 2 == 0
                        let files = withFile ? [EvidenceFile(name: "f.png", bytes: [0x89, 0x50, 0x4E, 0x47, UInt8(index)], type: .png)] : []
                        let stored = (try? await intake.submit(ReportSubmission(description: "Laporan \(index) dengan atau tanpa berkas."), files: files,
                                                               source: .api, suggested: [], at: Date())) != nil
                        return (withFile, stored)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            try await sql.raw("ALTER TABLE evidence_away RENAME TO evidence").run()
            #expect(outcomes.count == 30)
            #expect(outcomes.allSatisfy { withFile, stored in stored == !withFile })
            #expect(try await ReportModel.query(on: host.database).count() == 15)
            #expect(try await AuditLog.verify(on: host.database) == .intact(count: 15))
        }
    }
}
