import Foundation
import NetraSamples
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
