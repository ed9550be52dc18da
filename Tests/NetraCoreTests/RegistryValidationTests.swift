import Foundation
import Testing
@testable import NetraCore

@Suite("BKPSDM checks a registry export before importing it")
struct RegistryValidationTests {
    struct Expected: Decodable, Hashable {
        let line: Int
        let field: String
        let problem: String
    }

    private func report(_ fixture: String) throws -> RegistryValidationReport {
        try RegistryValidationReport.validate(try FileByteSource(path: FixtureFiles.path("registry/\(fixture)"), chunkSize: 97))
    }

    @Test("the messy export reports exactly the planted faults, nothing more")
    func messyFileMatchesExpectedProblems() throws {
        let expected = try JSONDecoder().decode([Expected].self, from: FixtureFiles.data("registry/asn-dev-messy.expected.json"))
        let result = try report("asn-dev-messy.csv")
        let found = result.errors.map { Expected(line: $0.line, field: $0.field.rawValue, problem: $0.problem.rawValue) }
        #expect(Set(found).subtracting(expected).sorted { $0.line < $1.line } == [])
        #expect(Set(expected).subtracting(found).sorted { $0.line < $1.line } == [])
        #expect(found.count == expected.count)
        #expect(result.rows == 120)
        #expect(result.accepted == 120 - Set(expected.map(\.line)).count)
    }

    @Test("clean exports, comma or semicolon with BOM and CRLF, import with zero errors",
          arguments: [("asn-dev-clean.csv", 300), ("asn-dev-semicolon.csv", 20)])
    func cleanFilesHaveNoErrors(fixture: String, rows: Int) throws {
        let result = try report(fixture)
        #expect(result.errors == [])
        #expect(result.rows == rows)
        #expect(result.accepted == rows)
    }

    @Test("every problem carries an Indonesian message naming the value at fault")
    func messagesAreIndonesian() throws {
        let result = try report("asn-dev-messy.csv")
        let length = try #require(result.errors.first { $0.problem == .nipLength })
        #expect(length.message.contains("NIP harus 18 digit"))
        #expect(result.errors.allSatisfy { !$0.message.isEmpty })
    }

    @Test("a file without the required columns is refused as a whole, naming them")
    func missingColumns() throws {
        #expect(throws: RegistryFileError.header(.missingColumns([.nik, .status]))) {
            try RegistryValidationReport.validate(MemoryByteSource("nip,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah\n"))
        }
    }

    @Test("an empty file and invalid UTF-8 are clear errors")
    func unreadableInput() throws {
        #expect(throws: RegistryFileError.header(.emptyFile)) { try RegistryValidationReport.validate(MemoryByteSource("")) }
        let header = Array("nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status\n".utf8)
        #expect(throws: RegistryFileError.csv(.invalidUTF8(line: 2))) {
            try RegistryValidationReport.validate(MemoryByteSource(header + [0x31, 0xFF, 0x0A]))
        }
    }

    @Test("a PPPK number whose digits 13–14 are not a month is accepted; the same on a PNS is not")
    func pppkLayout() throws {
        let header = "nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status\n"
        let row = { (status: String) in "198506282022211008,6291012806850119,Budi,L,1985-06-28,Guru,SDN 1,Dinas Pendidikan,\(status)\n" }
        #expect(try RegistryValidationReport.validate(MemoryByteSource(header + row("PPPK"))).errors == [])
        let pns = try RegistryValidationReport.validate(MemoryByteSource(header + row("PNS")))
        #expect(pns.errors.map(\.problem) == [.nipTMTInvalid])
    }

    @Test("a quoted field spanning lines keeps the physical line numbers of later rows")
    func multilineField() throws {
        let text = "nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status\n"
            + "198506282022121008,6291012806850119,\"Budi\nWibowo\",L,1985-06-28,Guru,SDN 1,Dinas,PPPK\r\n"
            + "1985062820221210,6291012806850119,Budi,L,1985-06-28,Guru,SDN 1,Dinas,PPPK\r"
        let result = try RegistryValidationReport.validate(MemoryByteSource(text))
        #expect(result.errors.map(\.line) == [4])
        #expect(result.rows == 2)
    }
}
