import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

@Suite("The audit chain stays whole under concurrent appends")
struct AuditLogTests {
    @Test("sixteen transactions appending at once each get their own place in the chain")
    func concurrentAppends() async throws {
        try await TestStore.withStore { host in
            let database = host.database
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<16 {
                    group.addTask {
                        try await database.transaction { db in
                            try await AuditLog.append(actor: "uji", action: "test.concurrent", subject: "item:\(number)", details: [:], at: Date(), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let records = try await AuditLog.records(on: database)
            #expect(Set(records.map(\.subject)).count == 16)
            #expect(try await AuditLog.verify(on: database) == .intact(count: records.count))
        }
    }
}
