import FluentKit
import Foundation
import NetraCore
import SQLKit
import Testing
@testable import NetraStore

@Suite("The registry is stored faithfully", .serialized)
struct RegistryStoreTests {
    @Test("migrations run up, down and up again")
    func migrationsUpAndDown() async throws {
        try await TestStore.withStore { host in
            let sql = host.database as! any SQLDatabase
            _ = try await sql.select().column(SQLLiteral.all).from(ASNModel.schema).all()
            try await host.revertAll()
            await #expect(throws: (any Error).self) { _ = try await sql.select().column(SQLLiteral.all).from(ASNModel.schema).all() }
            try await host.migrate()
            #expect(try await ASNModel.query(on: host.database).count() == 0)
        }
    }

    @Test("importing the same export twice updates by NIP instead of duplicating")
    func importIsIdempotent() async throws {
        try await TestStore.withStore { host in
            let importer = RegistryImporter(database: host.database, batchSize: 64)
            let first = try await importer.run(try FileByteSource(path: TestStore.registryFixture("asn-dev-clean.csv")))
            #expect(first.inserted == 300 && first.updated == 0 && first.rejectedRows == 0)
            let second = try await importer.run(try FileByteSource(path: TestStore.registryFixture("asn-dev-clean.csv")))
            #expect(second.inserted == 0 && second.updated == 300)
            #expect(try await ASNModel.query(on: host.database).count() == 300)
            let person = try #require(try await RegistryQueries.detail(nip: "197103072000122001", scope: .all, on: host.database))
            #expect(person.socialAccounts == ["tri.simanjuntak"])
            #expect(person.unitPath == ["Sekretariat Daerah"])
        }
    }

    @Test("a faulty row leaves nothing behind; every valid row is kept")
    func faultyRowsLeaveNoTrace() async throws {
        try await TestStore.withStore { host in
            var problems: [RegistryProblem] = []
            let summary = try await RegistryImporter(database: host.database)
                .run(try FileByteSource(path: TestStore.registryFixture("asn-dev-messy.csv")), onProblem: { problems.append($0) })
            let faultyLines = Set(problems.map(\.line))
            #expect(summary.rows == 120)
            #expect(summary.rejectedRows == faultyLines.count)
            #expect(try await ASNModel.query(on: host.database).count() == 120 - faultyLines.count)
            // Line 13 has a 17-digit NIP; line 51 a bad gender digit: neither may exist in any form.
            #expect(try await ASNModel.query(on: host.database).filter(\.$nip == "198308242022100001").count() == 0)
            #expect(try await ASNModel.query(on: host.database).filter(\.$nik == "6291061106830136").count() == 0)
            // The duplicate on line 68 must not have overwritten line 57's person.
            let fredy = try #require(try await RegistryQueries.detail(nip: "198511302010041006", scope: .all, on: host.database))
            #expect(fredy.phone == "6288237665846")
        }
    }

    @Test("a reimport that changes a person's unit moves them")
    func reimportMovesPerson() async throws {
        try await TestStore.withStore { host in
            let header = "nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status,akun_medsos\n"
            let importer = RegistryImporter(database: host.database)
            _ = try await importer.run(MemoryByteSource(header + "198506282022121008,6291012806850119,Budi Wibowo,L,1985-06-28,Guru,SDN 5,Dinas Pendidikan,PPPK,@budi;@bw\n"))
            _ = try await importer.run(MemoryByteSource(header + "19850628 202212 1 008,6291012806850119,Budi Wibowo,L,28/06/1985,Kepala Sekolah,SDN 1,dinas  pendidikan,PPPK,@budi\n"))
            let budi = try #require(try await RegistryQueries.detail(nip: "198506282022121008", scope: .all, on: host.database))
            #expect(budi.unitPath == ["Dinas Pendidikan", "SDN 1"])
            #expect(budi.position == "Kepala Sekolah")
            #expect(budi.socialAccounts == ["budi"])
        }
    }

    @Test("pangkat/golongan is read from its column (\"Pangkat/Golongan\" too), and an export without it keeps the rank known")
    func rankKept() async throws {
        try await TestStore.withStore { host in
            let importer = RegistryImporter(database: host.database)
            let person = "198506282022121008,6291012806850119,Budi Wibowo,L,1985-06-28,Guru,SDN 5,Dinas Pendidikan,PNS"
            _ = try await importer.run(MemoryByteSource("nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status,Pangkat/Golongan\n\(person),Penata  (III/c)\n"))
            _ = try await importer.run(MemoryByteSource("nip,nik,nama,jenis_kelamin,tanggal_lahir,jabatan,unit_kerja,perangkat_daerah,status\n\(person)\n"))
            let budi = try #require(try await ASNModel.query(on: host.database).filter(\.$nip == "198506282022121008").first())
            #expect(budi.rank == "Penata (III/c)")
        }
    }

    @Test("the demo region seeds once, with consistent identifiers and one account per role")
    func demoSeed() async throws {
        try await TestStore.withStore { host in
            let seeder = DemoSeeder(database: host.database, hashPassword: { "hashed:" + $0 })
            let summary = try await seeder.seed()
            #expect(summary.inserted >= 2_000)
            let units = try await UnitModel.query(on: host.database).all()
            #expect(units.filter { $0.parentID == nil }.count >= 12)
            #expect(units.count - units.filter { $0.parentID == nil }.count >= 40)
            #expect(Set(try await UserModel.query(on: host.database).all().map(\.role)) == Set(Role.allCases.map(\.rawValue)))
            await #expect(throws: StoreError.self) { try await seeder.seed() }
            // Every seeded person passes the same validation an import applies.
            for person in try await ASNModel.query(on: host.database).all() {
                let nip = try NIP(person.nip, layout: person.status == "PPPK" ? .pppk : .pns)
                #expect(nip.birthDate.iso8601 == person.birthDate)
                #expect(try NIK(person.nik).encodesBirthDate(nip.birthDate))
            }
        }
    }

    @Test("a supervisor's search and tree never reach outside their subtree")
    func scopedQueries() async throws {
        try await TestStore.withStore { host in
            try await DemoSeeder(database: host.database, hashPassword: { $0 }).seed()
            let education = try #require(try await UnitModel.query(on: host.database).filter(\.$name == "Dinas Pendidikan dan Kebudayaan").first())
            let scope = RegistryScope.subtree(path: education.path)
            let tree = try await RegistryQueries.unitTree(scope: scope, on: host.database)
            #expect(tree.map(\.name) == ["Dinas Pendidikan dan Kebudayaan"])
            let inScope = try await RegistryQueries.search("", scope: scope, limit: 10_000, on: host.database)
            #expect(inScope.count == tree[0].totalCount)
            let outsider = try #require(try await ASNModel.query(on: host.database).filter(\.$unitID != education.id!).first())
            let outsiderUnit = try #require(try await UnitModel.find(outsider.unitID, on: host.database))
            if !outsiderUnit.path.hasPrefix(education.path) {
                #expect(try await RegistryQueries.detail(nip: outsider.nip, scope: scope, on: host.database) == nil)
                #expect(try await RegistryQueries.search(outsider.nip, scope: scope, on: host.database).isEmpty)
            }
            let all = try await RegistryQueries.unitTree(scope: .all, on: host.database)
            #expect(all.reduce(0) { $0 + $1.totalCount } == (try await ASNModel.query(on: host.database).count()))
        }
    }
}
