import Foundation
import Testing
import VaporTesting

/// The public pages' HTML against a stored copy, so that a change of layout or wording shows as a diff in review.
/// After an intended change, `NETRA_RECORD_SNAPSHOTS=1 swift test --filter PublicPageSnapshot` writes the new copies.
@Suite("Public pages as they were approved")
struct PublicPageSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["NETRA_RECORD_SNAPSHOTS"] != nil

    @Test("each public page matches its approved HTML", arguments: [
        ("/", "beranda"), ("/lapor", "lapor"), ("/lapor/status", "status-laporan"), ("/panduan", "panduan"), ("/transparansi", "transparansi"),
    ])
    func page(_ path: String, _ name: String) async throws {
        let clock = TestClock("2024-10-07T02:00:00Z")
        try await withDemoApp(adjust: { $0.clock = clock.webClock }) { app, _ in
            var visitor = WebClient(app)
            try Self.compare(try await visitor.send(.GET, path).body.string, with: name)
        }
    }

    /// `html` against `Snapshots/<name>.html`, or recorded there; a difference names its first line.
    static func compare(_ html: String, with name: String) throws {
        let file = directory.appendingPathComponent("\(name).html")
        if recording {
            try html.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let approved = try #require(try? String(contentsOf: file, encoding: .utf8), "no approved copy of \(name): record it with NETRA_RECORD_SNAPSHOTS=1")
        let (now, then) = (html.components(separatedBy: "\n"), approved.components(separatedBy: "\n"))
        let first = zip(now, then).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(html == approved, "\(name) differs from Snapshots/\(name).html at line \((first?.offset ?? min(now.count, then.count)) + 1): \(first.map { "\n  was: \($0.element.1.prefix(200))\n  now: \($0.element.0.prefix(200))" } ?? "length \(then.count) → \(now.count) lines")")
    }
}
