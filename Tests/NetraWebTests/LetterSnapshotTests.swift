import Foundation
import NetraCore
import NetraSamples
import NetraStore
import Testing
@testable import NetraWeb
import VaporTesting

/// Each letter type's printed HTML against a stored copy, so that a change of layout or wording shows as a diff in
/// review. After an intended change, `NETRA_RECORD_SNAPSHOTS=1 swift test --filter LetterSnapshot` writes the new copies.
@Suite("Letters as they were approved")
struct LetterSnapshotTests {
    @Test("each letter type matches its approved HTML", arguments: [
        (LetterKind.summons, false, "surat-panggilan-i"), (.summons, true, "surat-panggilan-ii"), (.examinationRecord, false, "berita-acara-pemeriksaan"),
        (.recommendation, false, "laporan-hasil-pemeriksaan"), (.decision, false, "keputusan"),
    ])
    func letter(_ kind: LetterKind, _ secondSummons: Bool, _ name: String) async throws {
        let letter = try LetterComposer.compose(try LetterSamples.facts(kind, secondSummons: secondSummons))
        let printed = CaseStore.PrintedLetter(letter: letter, verificationCode: "abcdefghjkmnpqrstuvw", sha256: String(repeating: "0123456789abcdef", count: 4))
        let page = try CaseController.letterPage(printed, address: { "https://netra.sungaiharapankab.go.id" + $0 })
        try await withDemoApp { app, _ in
            let view = try await app.view.render("letter", page)
            try PublicPageSnapshotTests.compare(String(buffer: view.data), with: "letter-\(name)")
        }
    }
}
