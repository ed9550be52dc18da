import Foundation
import Testing
@testable import NetraStore

@Suite("Evidence is kept encrypted and by its hash")
struct EvidenceVaultTests {
    @Test("a key rotation keeps old files readable and re-encrypts them under the new key")
    func rotation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let oldKey = try EvidenceKey(base64: EvidenceKey.generate())
        let newKey = try EvidenceKey(base64: EvidenceKey.generate())
        let content = Array("bukti rekaman suara".utf8)
        let hash = try EvidenceVault(directory: directory, key: oldKey).store(content)
        #expect(throws: EvidenceVault.Problem.unknownKey) { try EvidenceVault(directory: directory, key: newKey).read(hash) }
        let rotating = try EvidenceVault(directory: directory, key: newKey, previousKeys: [oldKey])
        #expect(try rotating.read(hash) == content)
        #expect(try rotating.rotate() == 1)
        #expect(try EvidenceVault(directory: directory, key: newKey).read(hash) == content)
    }

    @Test("a tampered file is refused, and unknown or malformed hashes are not found")
    func tampering() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let vault = try EvidenceVault(directory: directory, key: try EvidenceKey(base64: EvidenceKey.generate()))
        let hash = try vault.store(Array("foto".utf8))
        let file = directory.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash)
        var data = try Data(contentsOf: file)
        data[data.count - 1] ^= 0xFF
        try data.write(to: file)
        #expect(throws: EvidenceVault.Problem.corrupted(hash)) { try vault.read(hash) }
        #expect(throws: EvidenceVault.Problem.notFound("../../etc/passwd")) { try vault.read("../../etc/passwd") }
        #expect(throws: EvidenceVault.Problem.notFound(String(repeating: "a", count: 64))) { try vault.read(String(repeating: "a", count: 64)) }
    }

    @Test("the key must be 32 bytes of base64")
    func keys() {
        #expect(throws: EvidenceKey.Invalid.self) { try EvidenceKey(base64: "pendek") }
    }

    @Test("an upload is accepted by its content and size, with the folder part of its name dropped")
    func acceptance() {
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]
        guard case .success(let file) = EvidenceFile.accept(name: "../../tmp/foto.jpg", bytes: jpeg, maxBytes: 100) else {
            Issue.record("a JPEG must be accepted")
            return
        }
        #expect(file.name == "foto.jpg" && file.type == .jpeg)
        #expect(EvidenceFile.accept(name: "foto.jpg", bytes: Array("bukan gambar".utf8), maxBytes: 100) == .failure(.unrecognized(name: "foto.jpg")))
        #expect(EvidenceFile.accept(name: "besar.jpg", bytes: jpeg, maxBytes: 3) == .failure(.tooLarge(name: "besar.jpg", limitMB: 0)))
    }
}
