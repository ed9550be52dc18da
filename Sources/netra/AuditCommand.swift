import ArgumentParser
import NetraCore
import NetraStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Jejak audit.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Memeriksa rantai hash jejak audit: catatan yang diubah, dihapus atau ditukar urutannya terdeteksi."
        )
        @OptionGroup var store: DatabaseOption
        @Flag(name: .long, help: "Keluaran JSON.") var json = false

        struct Output: Encodable {
            let intact: Bool
            let records: Int?
            let brokenAt: Int?
            let reason: String?
        }

        func run() async throws {
            let verification = try await store.withStore { host in try await AuditLog.verify(on: host.database) }
            switch verification {
            case .intact(let count):
                print(json ? try JSONLines.encode(Output(intact: true, records: count, brokenAt: nil, reason: nil))
                           : "Jejak audit utuh: \(count) catatan.")
            case .broken(let sequence, let reason):
                if json { print(try JSONLines.encode(Output(intact: false, records: nil, brokenAt: sequence, reason: reason))) }
                throw CommandFailure("Jejak audit RUSAK pada catatan \(sequence): \(reason).")
            }
        }
    }
}
