import Foundation
import Testing
@testable import NetraCore

@Suite("BKPSDM loads its units tree from a file")
struct UnitTreeTests {
    private func read(_ text: String) throws -> UnitTreeFile.Reading {
        try UnitTreeFile.read(MemoryByteSource(text))
    }

    @Test("a clean units file is read whole, with codes, parents and heads, any depth")
    func cleanFile() throws {
        let reading = try UnitTreeFile.read(try FileByteSource(path: FixtureFiles.path("registry/units-dev.csv")))
        #expect(reading.problems == [])
        #expect(reading.rowCount == 28)
        let school = try #require(reading.rows.first { $0.code == "2.01.02.01" })
        #expect(school.parentCode == "2.01.02" && school.name == "SDN 1 Harapan Hilir" && school.headNIP == nil)
        #expect(reading.rows.first { $0.code == "2.03" }?.name == "Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman")
        let plan = UnitTreePlan.check(reading.rows, existing: [:])
        #expect(plan.problems == [])
        // Parents come before their children, whatever the file's order.
        let position = Dictionary(uniqueKeysWithValues: plan.accepted.enumerated().map { ($1.code, $0) })
        for row in plan.accepted { if let parent = row.parentCode { #expect(position[parent]! < position[row.code]!) } }
    }

    @Test("each faulty row is named by line and field, and rows below a refused unit are refused too")
    func faultyRows() throws {
        let reading = try UnitTreeFile.read(try FileByteSource(path: FixtureFiles.path("registry/units-faulty.csv")))
        let plan = UnitTreePlan.check(reading.rows, existing: [:], refused: reading.refusedCodes)
        let problems = (reading.problems + plan.problems).sorted { $0.line < $1.line }
        let byLine = Dictionary(grouping: problems, by: \.line)
        #expect(byLine[4]?.first?.field == .parent)
        #expect(byLine[4]?.first?.message.contains("Induk B tidak ada") == true)
        #expect(byLine[5]?.first?.message.contains("sudah dipakai di baris 2") == true)
        #expect(byLine[6]?.first?.message.contains("induk dirinya sendiri") == true)
        #expect(byLine[7]?.map(\.field) == [.name])
        #expect(byLine[8]?.first?.field == .headNIP)
        #expect(byLine[9]?.first?.message.contains("Induk E ditolak di baris 8") == true)
        // X → Y → X: the first row closing the cycle is refused, and the other then has no parent.
        #expect(byLine[10]?.first?.message.contains("lingkaran") == true)
        #expect(byLine[10]?.first?.message.contains("X → Y → X") == true)
        #expect(byLine[11]?.first?.message.contains("ditolak di baris 10") == true)
        #expect(plan.accepted.map(\.code).sorted() == ["A", "A.1", "G"])
        #expect(Set(problems.map(\.line)) == [4, 5, 6, 7, 8, 9, 10, 11])
    }

    @Test("moving a stored unit under its own descendant is refused as a cycle")
    func moveIntoOwnSubtree() {
        let existing: [String: String?] = ["1": String?.none, "1.1": "1", "1.1.1": "1.1"]
        let plan = UnitTreePlan.check([UnitRow(line: 2, code: "1", name: "Dinas", parentCode: "1.1.1", headNIP: nil)], existing: existing)
        #expect(plan.accepted == [])
        #expect(plan.problems.first?.message.contains("1 → 1.1.1 → 1.1 → 1") == true)
        let fine = UnitTreePlan.check([UnitRow(line: 2, code: "1.1.1", name: "Sekolah", parentCode: "1", headNIP: nil)], existing: existing)
        #expect(fine.problems == [] && fine.accepted.count == 1)
    }

    @Test("a header without kode or nama makes the file unreadable, with the columns named")
    func missingColumns() {
        #expect(throws: RegistryFileError.self) { try read("nama,induk\nDinas,\n") }
        #expect(throws: RegistryFileError.self) { try read("") }
    }

    @Test("kode_wilayah takes Kemendagri codes only", arguments: [("62.02.01", true), ("62.02.01.2001", true), ("62", true), ("62.2.01", false), ("62.02.01.201", false), ("abc", false)])
    func regionCodes(code: String, valid: Bool) {
        #expect(RegionCode.isValid(code) == valid)
    }
}

@Suite("A password and a username are checked before an account is made")
struct AccountRulesTests {
    @Test("short, common, username-like and over-long passwords are refused",
          arguments: [("pendek1", PasswordPolicy.Problem.tooShort), ("bismillah", .common), ("Password123", .common), ("aaaaaaaaaa", .common),
                      ("kadisdik", .sameAsUsername), (String(repeating: "é", count: 40), .tooLong)])
    func refused(password: String, problem: PasswordPolicy.Problem) {
        #expect(PasswordPolicy.problem(password: password, username: "kadisdik") == problem)
        #expect(problem.description.contains("Kata sandi"))
    }

    @Test("a long, uncommon password is accepted")
    func accepted() {
        #expect(PasswordPolicy.problem(password: "sungai-harapan-2026", username: "kadisdik") == nil)
        #expect(PasswordPolicy.problem(password: "netra-ppk", username: "bupati") == nil)
    }

    @Test("usernames are lower case letters, digits and . - _", arguments: [(" Kadisdik ", "kadisdik"), ("ab", nil), ("budi santoso", nil), ("-x1", nil), ("pd.2-01_a", "pd.2-01_a")])
    func usernames(raw: String, expected: String?) {
        #expect(Username.normalized(raw) == expected)
    }
}
