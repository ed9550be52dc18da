import Foundation
import Vapor

/// A multipart/form-data body read as it arrives: text fields kept in memory (each capped), files written
/// to temporary files on disk as their bytes come, so an upload never sits whole in memory before it is
/// checked. Hand-written because MultipartKit's streaming parser traps on some malformed part headers
/// (see `GuardedFormDataDecoder`); this reader refuses them with the same messages instead.
struct StreamedForm {
    struct FilePart {
        let field: String
        let filename: String
        let path: URL
        let size: Int
    }

    var fields: [(name: String, value: String)] = []
    var files: [FilePart] = []
    /// Where the files were written; removed with `discard()`.
    let directory: URL

    func value(_ name: String) -> String? { fields.last { $0.name == name }?.value }

    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The files sent under `field` (or `field[]`), read back one by one.
    func files(_ field: String) throws -> [(name: String, bytes: [UInt8])] {
        try files.filter { $0.field == field || $0.field == field + "[]" }.map { ($0.filename, Array(try Data(contentsOf: $0.path))) }
    }

    func discard() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The limits a streamed form is read under, and the answers when one is passed.
struct MultipartLimits {
    let maxBodyBytes: Int
    let maxFileBytes: Int
    let maxFieldBytes = 64 * 1024
}

final class MultipartStreamReader {
    private enum State {
        case preamble, afterDelimiter, headers
        case field(name: String, bytes: [UInt8])
        case file(FileHandle, field: String, filename: String, path: URL, size: Int)
        case done
    }

    private let delimiter: [UInt8]
    private let bodyDelimiter: [UInt8]
    private let limits: MultipartLimits
    private var state = State.preamble
    private var pending: [UInt8] = []
    private var received = 0
    private(set) var form: StreamedForm

    init(boundary: String, limits: MultipartLimits, directory: URL) throws {
        delimiter = Array("--\(boundary)".utf8)
        bodyDelimiter = [13, 10] + delimiter
        self.limits = limits
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        form = StreamedForm(directory: directory)
    }

    static let malformed = UnreadableForm(reason: "Isi unggahan (multipart/form-data) rusak.")

    func feed(_ buffer: ByteBuffer) throws {
        received += buffer.readableBytes
        guard received <= limits.maxBodyBytes else {
            throw Abort(.payloadTooLarge, reason: "Kiriman melebihi \(limits.maxBodyBytes / 1_048_576) MB; kirim berkas yang lebih kecil atau lebih sedikit.")
        }
        pending += buffer.readableBytesView
        try advance()
    }

    func finish() throws -> StreamedForm {
        guard case .done = state else { throw Self.malformed }
        return form
    }

    private func advance() throws {
        while true {
            switch state {
            case .done:
                pending.removeAll()
                return
            case .preamble:
                guard let start = find(delimiter) else { keepTail(delimiter.count - 1); return }
                pending.removeFirst(start + delimiter.count)
                state = .afterDelimiter
            case .afterDelimiter:
                guard pending.count >= 2 else { return }
                if pending[0] == 45 && pending[1] == 45 { state = .done; continue }
                guard pending[0] == 13 && pending[1] == 10 else { throw Self.malformed }
                pending.removeFirst(2)
                state = .headers
            case .headers:
                guard let end = find([13, 10, 13, 10]) else {
                    if pending.count > 8 * 1024 { throw Self.malformed }
                    return
                }
                let disposition = try Self.disposition(in: Array(pending[0..<end]))
                pending.removeFirst(end + 4)
                if let filename = disposition.filename {
                    let path = form.directory.appendingPathComponent(UUID().uuidString)
                    guard FileManager.default.createFile(atPath: path.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                        throw Abort(.internalServerError, reason: "Berkas unggahan tidak dapat disimpan sementara.")
                    }
                    state = .file(try FileHandle(forWritingTo: path), field: disposition.name, filename: filename, path: path, size: 0)
                } else {
                    state = .field(name: disposition.name, bytes: [])
                }
            case .field, .file:
                if let end = find(bodyDelimiter) {
                    try append(Array(pending[0..<end]))
                    pending.removeFirst(end + bodyDelimiter.count)
                    try closePart()
                    state = .afterDelimiter
                } else {
                    let safe = pending.count - (bodyDelimiter.count - 1)
                    if safe > 0 {
                        try append(Array(pending[0..<safe]))
                        pending.removeFirst(safe)
                    }
                    return
                }
            }
        }
    }

    private func append(_ bytes: [UInt8]) throws {
        switch state {
        case .field(let name, var collected):
            collected += bytes
            guard collected.count <= limits.maxFieldBytes else { throw UnreadableForm(reason: "Isian \(name) terlalu panjang.") }
            state = .field(name: name, bytes: collected)
        case .file(let handle, let field, let filename, let path, let size):
            let total = size + bytes.count
            guard total <= limits.maxFileBytes else {
                try? handle.close()
                throw Abort(.payloadTooLarge, reason: "Berkas \(filename) melebihi \(limits.maxFileBytes / 1_048_576) MB.")
            }
            try handle.write(contentsOf: bytes)
            state = .file(handle, field: field, filename: filename, path: path, size: total)
        default:
            break
        }
    }

    private func closePart() throws {
        switch state {
        case .field(let name, let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw UnreadableForm(reason: "Isian \(name) bukan teks UTF-8 yang sah; ketik ulang atau salin dari sumber lain.")
            }
            form.fields.append((name, text))
        case .file(let handle, let field, let filename, let path, let size):
            try handle.close()
            // A file input left empty still sends a part, with no name and no bytes.
            if size > 0 || !filename.isEmpty { form.files.append(.init(field: field, filename: filename, path: path, size: size)) }
        default:
            break
        }
    }

    /// The `name` and `filename` of a part's Content-Disposition; every header name must be an HTTP token.
    static func disposition(in block: [UInt8]) throws -> (name: String, filename: String?) {
        var name: String?, filename: String?
        for line in block.split(separator: 10, omittingEmptySubsequences: false) {
            let line = line.last == 13 ? line.dropLast() : line
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(GuardedFormDataDecoder.isTokenByte) else { throw malformed }
            let header = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            guard header == "content-disposition" else { continue }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            name = parameter("name", in: value)
            filename = parameter("filename", in: value)
        }
        guard let name else { throw malformed }
        return (name, filename)
    }

    private static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var text = String(pair.dropFirst(key.count + 1))
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text
        }
        return nil
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard pending.count >= needle.count, let first = needle.first else { return nil }
        var index = 0
        while index <= pending.count - needle.count {
            if pending[index] == first && pending[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private func keepTail(_ count: Int) {
        if pending.count > count { pending.removeFirst(pending.count - count) }
    }
}

extension Request {
    /// The multipart body read as it arrives under `limits`, files on disk; the caller `discard()`s the form.
    func streamedForm(_ limits: MultipartLimits) async throws -> StreamedForm {
        guard let boundary = headers.contentType?.parameters["boundary"], !boundary.isEmpty else { throw MultipartStreamReader.malformed }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netra-upload-\(UUID().uuidString)")
        let reader = try MultipartStreamReader(boundary: boundary, limits: limits, directory: directory)
        do {
            for try await chunk in body { try reader.feed(chunk) }
            return try reader.finish()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }
}
