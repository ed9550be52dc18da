import Crypto
import FluentKit
import Foundation
import NetraCore
import SQLKit

/// The key evidence is encrypted with. Its fingerprint is written into every file, so after a key
/// rotation old files are still read with the old key while new ones use the new key.
public struct EvidenceKey: Sendable {
    let key: SymmetricKey
    public let fingerprint: [UInt8]

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// A 32-byte key given as base64 (NETRA_EVIDENCE_KEY).
    public init(base64: String) throws {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw Invalid(description: "Kunci bukti harus 32 bita dalam base64 (mis. keluaran `openssl rand -base64 32`).")
        }
        key = SymmetricKey(data: data)
        fingerprint = Array(SHA256.hash(data: data).prefix(8))
    }

    public static func generate() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The key in `path`, created (readable by the owner only) when missing.
    public static func loadOrCreate(at path: String) throws -> EvidenceKey {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) { return try EvidenceKey(base64: text) }
        let text = generate()
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Invalid(description: "Tidak dapat menulis kunci bukti ke \(path).")
        }
        return try EvidenceKey(base64: text)
    }
}

/// Evidence files kept by their SHA-256, encrypted with AES-GCM, in a directory (which several instances
/// may mount) or in the database every instance shares. In a directory a file is written to a temporary
/// name, flushed to disk and renamed, so a crash never leaves half a file under a real name.
public struct EvidenceVault: Sendable {
    /// Where the encrypted files are kept.
    public enum Storage: Sendable {
        case directory(URL)
        /// The `evidence_blobs` table: with PostgreSQL, one store for every instance and one thing to back up.
        case database(any Database)
    }

    public let storage: Storage
    private let current: EvidenceKey
    private let previous: [EvidenceKey]
    private static let magic = Array("NTRE".utf8) + [1]
    static let table = "evidence_blobs"

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notFound(String)
        case unknownKey
        case corrupted(String)

        public var description: String {
            switch self {
            case .notFound(let hash): "Berkas bukti \(hash.prefix(12))… tidak ditemukan."
            case .unknownKey: "Berkas bukti dienkripsi dengan kunci yang tidak dikonfigurasi."
            case .corrupted(let hash): "Berkas bukti \(hash.prefix(12))… rusak atau tidak cocok dengan hash-nya."
            }
        }
    }

    public init(directory: URL, key: EvidenceKey, previousKeys: [EvidenceKey] = []) throws {
        storage = .directory(directory)
        current = key
        previous = previousKeys
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    public init(database: any Database, key: EvidenceKey, previousKeys: [EvidenceKey] = []) {
        storage = .database(database)
        current = key
        previous = previousKeys
    }

    /// The current key's fingerprint, and those of the earlier keys still read.
    public var keyFingerprint: [UInt8] { current.fingerprint }
    public var previousKeyFingerprints: [[UInt8]] { previous.map(\.fingerprint) }
    public static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).hexString
    }

    static let sealedTextPrefix = "sealed:v1:"

    /// A short text (a reporter's name or contact) encrypted like the evidence, for a database column:
    /// `sealed:v1:` and the base64 of the key fingerprint and the AES-GCM box.
    public func seal(text: String) throws -> String {
        let box = try AES.GCM.seal(Data(text.utf8), using: current.key).combined!
        return Self.sealedTextPrefix + (Data(current.fingerprint) + box).base64EncodedString()
    }

    /// The text `seal(text:)` made, with the current or an earlier key; a value that was never sealed (stored
    /// before sealing began) is given back as it is.
    public func open(text value: String) throws -> String {
        guard value.hasPrefix(Self.sealedTextPrefix) else { return value }
        guard let data = Data(base64Encoded: String(value.dropFirst(Self.sealedTextPrefix.count))), data.count > 8 else {
            throw Problem.corrupted("identitas")
        }
        guard let key = ([current] + previous).first(where: { $0.fingerprint == Array(data.prefix(8)) }) else { throw Problem.unknownKey }
        do {
            return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data.dropFirst(8)), using: key.key), as: UTF8.self)
        } catch {
            throw Problem.corrupted("identitas")
        }
    }

    /// How every text sealed with the current key begins: the prefix and the base64 of the key fingerprint's
    /// first six bytes (eight characters that depend on nothing else), for finding the others in SQL.
    public var currentSealPrefix: String {
        Self.sealedTextPrefix + String(Data(current.fingerprint.prefix(6)).base64EncodedString().prefix(8))
    }

    /// Whether `value` is sealed with the current key (false for plain text and for an earlier key).
    public func isSealedWithCurrentKey(_ value: String) -> Bool {
        guard value.hasPrefix(Self.sealedTextPrefix),
              let data = Data(base64Encoded: String(value.dropFirst(Self.sealedTextPrefix.count))) else { return false }
        return Array(data.prefix(8)) == current.fingerprint
    }

    /// A key for another purpose (signing form cookies, say) derived from the current evidence key, so
    /// every instance sharing the evidence key agrees on it without a second secret to configure.
    public func derivedKey(purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: current.key, info: Data("netra:\(purpose)".utf8), outputByteCount: 32)
    }

    /// Stores `bytes` and returns their SHA-256 (hex). Storing the same content twice keeps one copy.
    @discardableResult
    public func store(_ bytes: [UInt8]) async throws -> String {
        let hash = Self.sha256(bytes)
        guard try await encrypted(hash) == nil else { return hash }
        try await write(hash, Self.magic + current.fingerprint + Array(try AES.GCM.seal(bytes, using: current.key).combined!), replacing: false)
        return hash
    }

    /// The decrypted content, checked against its hash.
    public func read(_ hash: String) async throws -> [UInt8] {
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else { throw Problem.notFound(hash) }
        guard let data = try await encrypted(hash) else { throw Problem.notFound(hash) }
        let header = Self.magic.count
        guard data.count > header + 8, Array(data.prefix(header)) == Self.magic else { throw Problem.corrupted(hash) }
        let fingerprint = Array(data.dropFirst(header).prefix(8))
        guard let key = ([current] + previous).first(where: { $0.fingerprint == fingerprint }) else { throw Problem.unknownKey }
        do {
            let plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data.dropFirst(header + 8)), using: key.key)
            guard Self.sha256(plain) == hash else { throw Problem.corrupted(hash) }
            return Array(plain)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.corrupted(hash)
        }
    }

    /// Re-encrypts every file written with an older key under the current one; returns how many.
    public func rotate() async throws -> Int {
        var count = 0
        for hash in try await storedHashes() {
            guard let data = try await encrypted(hash), Array(data.dropFirst(Self.magic.count).prefix(8)) != current.fingerprint else { continue }
            let plain = try await read(hash)
            try await write(hash, Self.magic + current.fingerprint + Array(try AES.GCM.seal(plain, using: current.key).combined!), replacing: true)
            count += 1
        }
        return count
    }

    private func path(for hash: String, in directory: URL) -> URL {
        directory.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash)
    }

    /// A stored file as kept (magic, key fingerprint, AES-GCM box); nil when there is none.
    private func encrypted(_ hash: String) async throws -> [UInt8]? {
        switch storage {
        case .directory(let directory):
            return FileManager.default.contents(atPath: path(for: hash, in: directory).path).map(Array.init)
        case .database(let database):
            guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
            return try await sql.raw("SELECT content FROM \(ident: Self.table) WHERE sha256 = \(bind: hash)").first()
                .map { Array(try $0.decode(column: "content", as: Data.self)) }
        }
    }

    private func write(_ hash: String, _ sealed: [UInt8], replacing: Bool) async throws {
        switch storage {
        case .directory(let directory):
            let target = path(for: hash, in: directory)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(hash).\(UUID().uuidString).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(sealed), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            // rename(2) replaces atomically: a rotated file, or the same content another instance stored meanwhile.
            guard rename(temporary.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        case .database(let database):
            guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
            if replacing {
                try await sql.raw("UPDATE \(ident: Self.table) SET content = \(bind: Data(sealed)) WHERE sha256 = \(bind: hash)").run()
            } else {
                // The same content stored at once by two instances is one row.
                try await sql.raw("""
                    INSERT INTO \(ident: Self.table) (sha256, content) VALUES (\(bind: hash), \(bind: Data(sealed)))
                    ON CONFLICT (sha256) DO NOTHING
                    """).run()
            }
        }
    }

    private func storedHashes() async throws -> [String] {
        switch storage {
        case .directory(let directory):
            var hashes: [String] = []
            let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.lastPathComponent.count == 64 { hashes.append(url.lastPathComponent) }
            }
            return hashes
        case .database(let database):
            guard let sql = database as? any SQLDatabase else { throw StoreError.sqlRequired }
            return try await sql.raw("SELECT sha256 FROM \(ident: Self.table) ORDER BY sha256").all().map { try $0.decode(column: "sha256", as: String.self) }
        }
    }
}
