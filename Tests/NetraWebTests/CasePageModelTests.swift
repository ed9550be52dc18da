import Foundation
import NetraCore
import NetraSamples
@testable import NetraStore
import Testing
@testable import NetraWeb

/// The case page built from its facts alone, without HTTP or a database.
@Suite("The case page's model")
struct CasePageModelTests {
    static func facts(_ state: Case, asnNIP: String? = LetterSamples.subject.nip, mayHandle: Bool = true, actions: [String] = [],
                      handling: CaseHandling = CaseHandling(handler: "Kepala SD Negeri 2 Harapan Hilir", handovers: []),
                      zone: RegionTimeZone = .wib) -> CaseDetailPage.Facts {
        CaseDetailPage.Facts(
            id: UUID(), number: "NTR-2024-00012", asnName: asnNIP == nil ? nil : LetterSamples.subject.name, asnNIP: asnNIP, reportID: nil, state: state,
            today: LetterSamples.examinedOn, zone: zone,
            audit: [AuditRecord(sequence: 1, at: "2024-10-08T02:00:00.000Z", actor: "Tim Netralitas", action: "case.summon", subject: "case:x",
                                details: #"{"from":"verified","letter":"800.1.10.4/7/BKPSDM/PKAP/2024","to":"summoned"}"#, previousHash: "", hash: "")],
            notes: [], files: [], letters: [], handling: handling, viewerUnitID: nil, viewerNIP: "197502142000031002",
            mayHandle: mayHandle, permittedActions: actions, allowedSanctions: [.disiplinBerat, .disiplinSedang, .etik],
            examinationWindow: LetterSamples.examinedOn...LetterSamples.secondExaminationOn, examinationRows: 20, report: nil, subjectChoice: nil, error: nil)
    }

    @Test("a summoned case says when, where and before whom, in the region's time zone, and offers the second summons")
    func summoned() throws {
        let page = CaseDetailPage.make(Self.facts(try LetterSamples.state(after: .summons), actions: ["summon", "examine"], zone: .wita))
        #expect(page.summons == "Diperiksa Senin, 21 Oktober 2024 pukul 09.00 WITA di Aula BKPSDM, menghadap Drs. Yohanes Lambung (Kepala Bidang Pengembangan Sumber Daya Manusia) — panggilan pertama 8 Oktober 2024")
        #expect(page.actions == ["summon", "examine"] && page.secondSummons && page.examinerNIP == LetterSamples.examiner.nip)
        #expect(page.timeline.first?.at == "8 Oktober 2024 pukul 10.00 WITA")
        #expect(page.examinationWindow.from == "2024-10-21" && page.examinationWindow.text.hasPrefix("Senin, 21 Oktober 2024 sampai dengan"))
    }

    @Test("without an identified ASN there is no summons or examination to offer")
    func noSubject() throws {
        let verified = try Case.received(on: LetterSamples.opened, context: LetterSamples.context).applying(.verify(behaviours: [.alatPeraga]), on: LetterSamples.opened,
                                                                                                    context: LetterSamples.context)
        let page = CaseDetailPage.make(Self.facts(verified, asnNIP: nil, actions: ["summon", "dismiss"]))
        #expect(page.actions == ["dismiss"] && page.asnName == nil)
    }

    @Test("the decision starts from the recommended level, with none of its several penalties chosen")
    func decisionForm() throws {
        let page = CaseDetailPage.make(Self.facts(try LetterSamples.state(after: .recommendation), actions: ["decide", "dismiss"]))
        #expect(page.recommendedSanction == "Hukuman disiplin berat")
        #expect(page.penaltyGroups.map(\.title) == ["Hukuman disiplin berat — sesuai rekomendasi", "Hukuman disiplin sedang", "Sanksi moral (kode etik)"])
        #expect(page.penaltyGroups.flatMap(\.options).allSatisfy { !$0.suggested })
        #expect(page.sanctionOptions.allSatisfy { !$0.suggested })
        // Not even a recommended level's only penalty is chosen for the PPK: a dismissal is their own act.
        #expect(CaseDetailPage.penaltyGroups(allowed: [.ptdh, .etik], recommended: .ptdh).first?.options.map(\.suggested) == [false])
        #expect(CaseDetailPage.penaltyGroups(allowed: [.ptdh, .etik], recommended: nil).flatMap(\.options).allSatisfy { !$0.suggested })
    }

    @Test("a refused examination comes back with what was typed, and a suspected crime is no sanction to recommend")
    func draftsAndChoices() throws {
        var facts = Self.facts(try LetterSamples.state(after: .summons), actions: ["examine"])
        facts.draft = ["pertanyaan_2": "Kapan Saudara memasang baliho itu?", "jawaban_2": "Tanggal 12 Oktober.", "berita_acara": "Terperiksa mengakui."]
        facts.allowedSanctions = [.pidana, .disiplinBerat]
        let page = CaseDetailPage.make(facts)
        #expect(page.examinationRows[1].question == "Kapan Saudara memasang baliho itu?" && page.examinationRows[1].answer == "Tanggal 12 Oktober.")
        #expect(page.examinationRows[0].question.isEmpty && page.draft["berita_acara"] == "Terperiksa mengakui.")
        #expect(page.sanctionOptions.map(\.value) == ["disiplin_berat"])
    }

    @Test("a head whose case was taken over is told so and offered nothing")
    func takenOver() throws {
        let unit = UUID()
        let handover = CaseHandling.Handover(at: Date(timeIntervalSince1970: 1_729_000_000), missedOn: LetterSamples.examinedOn, fromUnitID: unit,
                                             from: "Kepala SD Negeri 2 Harapan Hilir", to: "Kepala Dinas Pendidikan dan Kebudayaan")
        var facts = Self.facts(try LetterSamples.state(after: .summons), mayHandle: false,
                               handling: CaseHandling(handler: "Kepala Dinas Pendidikan dan Kebudayaan", handovers: [handover]))
        facts.viewerUnitID = unit
        let page = CaseDetailPage.make(facts)
        #expect(page.actions.isEmpty && page.takenOver?.hasPrefix("Kasus ini telah diambil alih oleh Kepala Dinas Pendidikan dan Kebudayaan") == true)
        #expect(page.handovers.first?.contains("tenggat 21 Oktober 2024 terlewati, dialihkan dari Kepala SD Negeri 2 Harapan Hilir") == true)
    }
}
