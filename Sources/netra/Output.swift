import Foundation

/// One JSON object per call, snake_case keys, as the command-line contracts print them.
enum JSONLines {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A progress line on standard error, shown only when it is a terminal, at most a few times a second.
final class ProgressLine: @unchecked Sendable {
    private let unit: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastShown = Date.distantPast

    init(unit: String) { self.unit = unit }

    func show(count: Int, detail: String) {
        guard enabled, Date().timeIntervalSince(lastShown) > 0.2 else { return }
        lastShown = Date()
        let rate = Double(count) / max(Date().timeIntervalSince(start), 0.001)
        FileHandle.standardError.write(Data("\r\(count) \(unit) (\(Int(rate)) \(unit)/s) — \(detail)\u{1B}[K".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
