import Foundation
import NetraSamples
import SQLKit
import Testing
@testable import NetraStore

@Suite("Evidence is kept encrypted and by its hash")
struct EvidenceVaultTests {
    /// A vault of each kind: files in a fresh directory, and rows in a freshly migrated database.
    static func withEachStorage(_ body: (_ vault: (EvidenceKey, [EvidenceKey]) -> EvidenceVault, _ file: (String) -> URL?) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body({ try! EvidenceVault(directory: directory, key: $0, previousKeys: $1) },
                       { directory.appendingPathComponent(String($0.prefix(2))).appendingPathComponent($0) })
        try await TestStore.withStore { host in
            try await body({ EvidenceVault(database: host.database, key: $0, previousKeys: $1) }, { _ in nil })
        }
    }

    @Test("a key rotation keeps old files readable and re-encrypts them under the new key (in a directory and in the database)")
    func rotation() async throws {
        try await Self.withEachStorage { vault, _ in
            let oldKey = try EvidenceKey(base64: EvidenceKey.generate())
            let newKey = try EvidenceKey(base64: EvidenceKey.generate())
            let content = Array("bukti rekaman suara".utf8)
            let hash = try await vault(oldKey, []).store(content)
            #expect(try await vault(oldKey, []).store(content) == hash, "the same content is kept once")
            await #expect(throws: EvidenceVault.Problem.unknownKey) { try await vault(newKey, []).read(hash) }
            let rotating = vault(newKey, [oldKey])
            #expect(try await rotating.read(hash) == content)
            #expect(try await rotating.rotate() == 1)
            #expect(try await rotating.rotate() == 0)
            #expect(try await vault(newKey, []).read(hash) == content)
        }
    }

    @Test("a tampered file is refused, and unknown or malformed hashes are not found")
    func tampering() async throws {
        try await Self.withEachStorage { makeVault, file in
            let vault = makeVault(try EvidenceKey(base64: EvidenceKey.generate()), [])
            let hash = try await vault.store(Array("foto".utf8))
            if let url = file(hash) {
                var data = try Data(contentsOf: url)
                data[data.count - 1] ^= 0xFF
                try data.write(to: url)
                await #expect(throws: EvidenceVault.Problem.corrupted(hash)) { try await vault.read(hash) }
            }
            await #expect(throws: EvidenceVault.Problem.notFound("../../etc/passwd")) { try await vault.read("../../etc/passwd") }
            await #expect(throws: EvidenceVault.Problem.notFound(String(repeating: "a", count: 64))) { try await vault.read(String(repeating: "a", count: 64)) }
        }
    }

    @Test("in the database, evidence stored through one instance is read through another, and kept encrypted")
    func sharedDatabase() async throws {
        try await TestStore.withStore { host in
            let key = try EvidenceKey(base64: EvidenceKey.generate())
            let other = try StoreHost(location: host.location)
            defer { Task { await other.shutdown() } }
            let photo = EvidenceSamples.jpeg()
            let hash = try await EvidenceVault(database: host.database, key: key).store(photo)
            #expect(try await EvidenceVault(database: other.database, key: key).read(hash) == photo)
            let sql = try #require(host.database as? any SQLDatabase)
            let stored = try #require(try await sql.raw("SELECT content FROM evidence_blobs").first()?.decode(column: "content", as: Data.self))
            #expect(stored.range(of: Data(photo.prefix(64))) == nil, "the content is not kept in the clear")
        }
    }

    @Test("an instance with another evidence key is refused at start; a rotation that names the old key is followed")
    func keyAgreement() async throws {
        try await TestStore.withStore { host in
            let first = try EvidenceKey(base64: EvidenceKey.generate()), stranger = try EvidenceKey(base64: EvidenceKey.generate())
            let now = Date(timeIntervalSince1970: 1_796_000_000)
            try await EvidenceKeyCheck.verify(EvidenceVault(database: host.database, key: first), at: now, on: host.database)
            try await EvidenceKeyCheck.verify(EvidenceVault(database: host.database, key: first), at: now, on: host.database)
            let refusal = await #expect(throws: EvidenceKeyCheck.Mismatch.self) {
                try await EvidenceKeyCheck.verify(EvidenceVault(database: host.database, key: stranger), at: now, on: host.database)
            }
            #expect(refusal?.description.contains("NETRA_EVIDENCE_KEY yang sama") == true)
            // The region rotates: the new key lists the old one; from then on the old key alone is refused.
            try await EvidenceKeyCheck.verify(EvidenceVault(database: host.database, key: stranger, previousKeys: [first]), at: now, on: host.database)
            try await EvidenceKeyCheck.verify(EvidenceVault(database: host.database, key: stranger), at: now, on: host.database)
            await #expect(throws: EvidenceKeyCheck.Mismatch.self) {
                try await EvidenceKeyCheck.verify(EvidenceVault(database: host.database, key: first), at: now, on: host.database)
            }
        }
    }

    @Test("the key must be 32 bytes of base64")
    func keys() {
        #expect(throws: EvidenceKey.Invalid.self) { try EvidenceKey(base64: "pendek") }
    }

    @Test("an upload is accepted by its content, container and size, with the folder part of its name dropped")
    func acceptance() {
        let jpeg = EvidenceSamples.jpeg()
        for (raw, kept) in [("../../tmp/foto.jpg", "foto.jpg"), (#"..\..\Windows\foto.jpg"#, "foto.jpg"), ("a/b\\c\u{0}\u{1B}[31m.jpg", "c[31m.jpg"),
                            ("..", "bukti"), ("/", "bukti")] {
            guard case .success(let file) = EvidenceFile.accept(name: raw, bytes: jpeg, maxBytes: 1_000) else {
                Issue.record("a JPEG must be accepted")
                return
            }
            #expect(file.name == kept && file.type == .jpeg && !file.name.contains("/") && !file.name.contains("\\"))
        }
        #expect(EvidenceFile.accept(name: "foto.jpg", bytes: Array("bukan gambar".utf8), maxBytes: 100) == .failure(.unrecognized(name: "foto.jpg")))
        #expect(EvidenceFile.accept(name: "besar.jpg", bytes: jpeg, maxBytes: 3) == .failure(.tooLarge(name: "besar.jpg", limitMB: 0)))
        // A video header before an executable: the boxes do not tile the file.
        let disguised = EvidenceSamples.box("ftyp", Array("isom".utf8)) + [0x7F] + Array("ELF".utf8) + Array(repeating: 0x90, count: 64)
        #expect(EvidenceFile.accept(name: "video.mp4", bytes: disguised, maxBytes: 1_000) == .failure(.malformed(name: "video.mp4", type: .mp4)))
    }
}
