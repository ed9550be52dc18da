import FluentKit
import Foundation
import NetraCore
import NetraSamples
import Testing
@testable import NetraStore

/// The region's own identity: kecamatan and desa, the letterhead, signers and numbering its letters carry.
@Suite("A regency's wilayah and letterhead", .serialized)
struct RegionSettingsStoreTests {
    static let letterhead = Letterhead(
        government: "PEMERINTAH KABUPATEN SUNGAI HARAPAN", agency: "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
        address: "Jalan Tjilik Riwut Km 2, Harapan Hilir", city: "Harapan Hilir",
        numbering: LetterNumbering(pattern: "800.1.10.4/{seq}/BKPSDM/{year}"),
        ppk: Official(position: "Bupati Sungai Harapan", name: "H. Rahmat Basuki, S.H.", nip: nil),
        agencyHead: Official(position: "Kepala BKPSDM", name: "Dr. Siti Aminah, M.Si.", nip: "196907312000102006"))

    /// The smallest PNG header ImageSize reads: 100 × 120 pixels.
    static let png = EvidenceSamples.png(width: 100, height: 120)

    static func openCase(on host: StoreHost) async throws -> UUID {
        let person = try #require(try await ASNModel.query(on: host.database).sort(\.$nip).first())
        let report = try await CaseStoreTests.seededReport(about: person.nip, on: host)
        return try await CaseStore.open(reportID: report, behaviours: [.alatPeraga], asnNIP: person.nip, actor: CaseStoreTests.admin,
                                        context: CaseStoreTests.context, today: CaseStoreTests.day, at: Date(), on: host.database).id!
    }

    static let summons = CaseStoreTests.summons

    @Test("a wilayah file loads kabupaten, kecamatan and desa; a re-import renames by code and adds nothing twice")
    func wilayahImport() async throws {
        try await TestStore.withStore { host in
            let summary = try await RegionStore.run(try FileByteSource(path: TestStore.registryFixture("wilayah-dev.csv")), actor: "uji", at: Date(),
                                                    on: host.database)
            #expect(summary == RegionStore.Summary(rows: 9, inserted: 9, updated: 0, rejectedRows: 0))
            #expect(try await RegionStore.regency(on: host.database) == RegionStore.Region(code: "62.91", name: "Kabupaten Sungai Harapan", level: .regency))
            #expect(try await RegionStore.counts(on: host.database) == (3, 5))
            let places = try await RegionStore.placeNames(on: host.database)
            #expect(places.contains("Desa Batu Ampar, Kecamatan Batu Harapan") && places.contains("Kecamatan Pulau Harapan"))
            let district = try #require(try await RegionModel.find("62.91.02.2001", on: host.database))
            #expect(district.level == "desa" && district.parentCode == "62.91.02")

            let renamed = "kode,nama\n62.91.02.2001,Desa Batu Ampar Baru\n62.91.02,Kecamatan Batu Harapan\n"
            let again = try await RegionStore.run(MemoryByteSource(Array(renamed.utf8)), actor: "uji", at: Date(), on: host.database)
            #expect(again.inserted == 0 && again.updated == 1)
            #expect(try await RegionModel.find("62.91.02.2001", on: host.database)?.name == "Desa Batu Ampar Baru")
            #expect(try await AuditEventModel.query(on: host.database).filter(\.$action == "region.import").count() == 2)
        }
    }

    @Test("faulty wilayah rows are named by line and field; the good rows are kept")
    func wilayahProblems() async throws {
        try await TestStore.withStore { host in
            var problems: [RegionProblem] = []
            let summary = try await RegionStore.run(try FileByteSource(path: TestStore.registryFixture("wilayah-faulty.csv")), actor: "uji", at: Date(),
                                                    on: host.database, onProblem: { problems.append($0) })
            #expect(problems.map(\.line) == [4, 5, 6, 7, 8, 9])
            #expect(problems.map(\.field) == [.code, .name, .code, .code, .name, .code])
            #expect(problems[0].message.contains("62.91.9") && problems[0].message.contains("Kemendagri"))
            #expect(problems[2].message == "Induk 62.91.05 tidak ada di berkas maupun di data wilayah.")
            #expect(problems[3].message.contains("baris 3"))
            #expect(problems[5].message == "Induk 62.91.04 ditolak di baris 8, jadi wilayah ini juga tidak diimpor.")
            #expect(summary.inserted == 3 && summary.rejectedRows == 6)
            #expect(try await RegionModel.find("62.91.01.2002", on: host.database)?.name == "Desa Sah")
            // A later file may hang desa under a kecamatan that is already stored.
            let later = try await RegionStore.run(MemoryByteSource(Array("kode,nama\n62.91.01.2003,Desa Baru\n".utf8)), actor: "uji", at: Date(),
                                                  on: host.database)
            #expect(later.inserted == 1 && later.rejectedRows == 0)
        }
    }

    @Test("without a letterhead no numbered letter is issued and no number is spent; letters keep the letterhead they were issued with")
    func lettersKeepTheirLetterhead() async throws {
        try await TestStore.withStore { host in
            try await GoingLiveStoreTests.loadRegion(host)
            let caseID = try await Self.openCase(on: host)
            await #expect(throws: CaseStore.Problem.noLetterhead) {
                _ = try await CaseStore.apply(Self.summons, to: caseID, actor: CaseStoreTests.admin, on: CaseStoreTests.day,
                                              context: CaseStoreTests.context, at: Date(), database: host.database)
            }
            #expect(try await CaseModel.find(caseID, on: host.database)?.status == "verified")
            await #expect(throws: CircularStore.Problem.noLetterhead) {
                _ = try await CircularStore.issue(title: "Netralitas", body: "Isi surat edaran netralitas ASN.", on: CaseStoreTests.day, by: "uji",
                                                  at: Date(), on: host.database)
            }

            try await LetterheadStore.save(Self.letterhead, logo: nil, actor: "admin", at: Date(), on: host.database)
            _ = try await CaseStore.apply(Self.summons, to: caseID, actor: CaseStoreTests.admin, on: CaseStoreTests.day,
                                          context: CaseStoreTests.context, at: Date(), database: host.database)
            var changed = Self.letterhead
            changed.agencyHead = Official(position: "Plt. Kepala BKPSDM", name: "Budi Santoso, S.H.", nip: "197108271998012004")
            changed.numbering = LetterNumbering(pattern: "BKPSDM/{seq}/{year}")
            try await LetterheadStore.save(changed, logo: nil, actor: "admin", at: Date(), on: host.database)
            _ = try await CaseStore.apply(CaseStoreTests.examination, to: caseID, actor: CaseStoreTests.admin,
                                          on: LocalDate(year: 2024, month: 10, day: 21)!, context: CaseStoreTests.context, at: Date(), database: host.database)

            let letters = try await CaseStore.letters(caseID: caseID, on: host.database)
            #expect(letters.map(\.number) == ["800.1.10.4/1/BKPSDM/2024", "BKPSDM/2/2024"])
            #expect(try letters[0].issuedLetterhead() == Self.letterhead)
            #expect(try letters[1].issuedLetterhead()?.agencyHead.name == "Budi Santoso, S.H.")
            // The summons is signed by the Kepala BKPSDM in office when it was numbered; the later change does not rewrite it.
            let model = try #require(try await CaseModel.find(caseID, on: host.database))
            #expect(try await CaseStore.printedLetter(letters[0], of: model, on: host.database).letter.signatures.map(\.name) == ["Dr. Siti Aminah, M.Si."])
            #expect(try await AuditEventModel.query(on: host.database).filter(\.$action == "settings.letterhead").count() == 2)
        }
    }

    @Test("settings with faults are refused field by field and nothing is saved")
    func refusedSettings() async throws {
        try await TestStore.withStore { host in
            var faulty = Self.letterhead
            faulty.agency = "  "
            faulty.numbering = LetterNumbering(pattern: "800/BKPSDM/{year}")
            faulty.agencyHead.nip = "12345"
            faulty.ppk.nip = ""
            do {
                try await LetterheadStore.save(faulty, logo: .init(bytes: Array("<svg><script>alert(1)</script></svg>".utf8)), actor: "admin",
                                               at: Date(), on: host.database)
                Issue.record("faulty settings were saved")
            } catch let refusal as LetterheadRefusal {
                #expect(refusal.problems.map(\.field) == [.agency, .numbering, .headNIP, .logo])
                #expect(refusal.problems[1].message == "Pola penomoran surat harus memuat {seq}.")
                #expect(refusal.problems[3].message.contains("skrip"))
            }
            #expect(try await LetterheadStore.current(on: host.database) == nil)
        }
    }

    @Test("a logo is kept by its hash, stays when settings change without one, and can be removed")
    func logo() async throws {
        try await TestStore.withStore { host in
            let saved = try await LetterheadStore.save(Self.letterhead, logo: .init(bytes: Self.png), actor: "admin", at: Date(), on: host.database)
            let hash = try #require(saved.logo)
            #expect(try await LetterheadStore.logo(sha256: hash, on: host.database)?.contentType == "image/png")
            #expect(try await LetterheadStore.logo(sha256: hash, on: host.database)?.data == Data(Self.png))
            var renamed = Self.letterhead
            renamed.city = "Kuala Harapan"
            #expect(try await LetterheadStore.save(renamed, logo: nil, actor: "admin", at: Date(), on: host.database).logo == hash)
            #expect(try await LetterheadStore.save(renamed, logo: nil, removeLogo: true, actor: "admin", at: Date(), on: host.database).logo == nil)
            // Letters issued with it still find it.
            #expect(try await LetterheadStore.logo(sha256: hash, on: host.database) != nil)
        }
    }
}
