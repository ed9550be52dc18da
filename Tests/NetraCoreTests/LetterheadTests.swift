import Testing
@testable import NetraCore
import NetraSamples

@Suite("Letterhead, logo and wilayah rules")
struct LetterheadTests {
    @Test("a logo is a PNG or an SVG that carries nothing active")
    func logoRules() throws {
        let clean = ##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0b5c8a"/></svg>"##
        #expect(try LetterLogo.check(Array(clean.utf8)) == .svg)
        for active in [#"<svg><script>alert(1)</script></svg>"#, #"<svg onload="alert(1)"></svg>"#, #"<svg><a href="javascript:alert(1)">x</a></svg>"#,
                       #"<svg><image href="http://contoh.id/a.png"/></svg>"#, #"<svg><foreignObject><p>x</p></foreignObject></svg>"#,
                       "<svg\tONCLICK = 'x'></svg>"] {
            #expect(throws: LetterLogo.Problem.activeContent) { try LetterLogo.check(Array(active.utf8)) }
        }
        #expect(throws: LetterLogo.Problem.notAnImage) { try LetterLogo.check(Array("GIF89a bukan logo".utf8)) }
        #expect(throws: LetterLogo.Problem.empty) { try LetterLogo.check([]) }
        #expect(throws: LetterLogo.Problem.tooLarge) { try LetterLogo.check([UInt8](repeating: 0x20, count: LetterLogo.maxBytes + 1)) }
        let huge = EvidenceSamples.png(width: 65_536, height: 16)
        #expect(throws: LetterLogo.Problem.tooManyPixels) { try LetterLogo.check(huge) }
    }

    @Test("settings are trimmed, NIPs kept as their digits, and an empty PPK NIP is none")
    func normalized() {
        let typed = Letterhead(government: "  PEMERINTAH KOTA CONTOH ", agency: "BKPSDM", address: "Jalan Merdeka 1", city: " Contoh ",
                               numbering: LetterNumbering(pattern: " 800/{seq}/{year} "),
                               ppk: Official(position: "Wali Kota Contoh", name: "Nama", nip: " "),
                               agencyHead: Official(position: "Kepala", name: "Nama", nip: "19690731 200010 2 006"))
        let clean = typed.normalized()
        #expect(clean.government == "PEMERINTAH KOTA CONTOH" && clean.city == "Contoh" && clean.numbering.pattern == "800/{seq}/{year}")
        #expect(clean.ppk.nip == nil && clean.agencyHead.nip == "196907312000102006")
        #expect(clean.problems().isEmpty)
        #expect(clean.agencyHead.groupedNIP == "19690731 200010 2 006")
    }

    @Test("a region's level and parent come from its Kemendagri code")
    func regionLevels() {
        #expect(RegionLevel(code: "62") == .province && RegionLevel(code: "62.02") == .regency)
        #expect(RegionLevel(code: "62.02.01") == .district && RegionLevel(code: "62.02.01.2001") == .village)
        #expect(RegionLevel(code: "62.2") == nil && RegionLevel(code: "62.02.01.201") == nil)
        #expect(RegionCode.parent(of: "62.02.01.2001") == "62.02.01" && RegionCode.parent(of: "62") == nil)
    }
}
