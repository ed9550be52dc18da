import FluentKit
import Foundation
import NetraCore
import Testing
@testable import NetraStore

/// A region's own data, from an empty database: units, ASN, accounts.
@Suite("A regency goes live on its own data", .serialized)
struct GoingLiveStoreTests {
    static func unitsFixture(_ name: String) -> String { TestStore.registryFixture(name) }

    /// Fast and recognisable: the store never chooses how passwords are hashed.
    static let fakeHash: @Sendable (String) async throws -> String = { "hash:" + $0 }

    static func loadRegion(_ host: StoreHost) async throws {
        let units = try await UnitTreeImporter(database: host.database, actor: "uji").run(try FileByteSource(path: unitsFixture("units-dev.csv")))
        #expect(units.inserted == 28 && units.rejectedRows == 0)
        _ = try await RegistryImporter(database: host.database).run(try FileByteSource(path: TestStore.registryFixture("asn-dev-clean.csv")))
    }

    @Test("units import by code, ASN attach to them by name, and a re-import changes nothing")
    func unitsThenASN() async throws {
        try await TestStore.withStore { host in
            try await Self.loadRegion(host)
            let tree = try await RegistryQueries.unitTree(scope: .all, on: host.database)
            let education = try #require(tree.first { $0.code == "2.01" })
            #expect(education.headNIP == "196907312000102006")
            #expect(education.children.map(\.code).contains("2.01.02"))
            // The ASN export named SDN 1 Harapan Hilir: its people sit in the coded unit, not in a new one of the same name.
            let primary = try #require(education.children.first { $0.code == "2.01.02" })
            #expect(try #require(primary.children.first { $0.code == "2.01.02.01" }).directCount == 10)
            // Unit kerja the units file did not list were made from their names, as before.
            #expect(education.children.contains { $0.name == "TK Negeri Pembina Harapan Hilir" && $0.code == nil })
            let again = try await UnitTreeImporter(database: host.database, actor: "uji").run(try FileByteSource(path: Self.unitsFixture("units-dev.csv")))
            #expect(again.inserted == 0 && again.updated == 0)
        }
    }

    @Test("an ASN export with kode_unit attaches people by code; an unknown code rejects the row by line")
    func unitCodeColumn() async throws {
        try await TestStore.withStore { host in
            _ = try await UnitTreeImporter(database: host.database, actor: "uji").run(try FileByteSource(path: Self.unitsFixture("units-dev.csv")))
            let lines = try String(contentsOfFile: TestStore.registryFixture("asn-dev-clean.csv"), encoding: .utf8).split(separator: "\n")
            let csv = [lines[0] + ",kode_unit", lines[1] + ",2.02.03", lines[2] + ",9.99"].joined(separator: "\n") + "\n"
            var problems: [RegistryProblem] = []
            let summary = try await RegistryImporter(database: host.database).run(MemoryByteSource(csv), onProblem: { problems.append($0) })
            #expect(summary.inserted == 1 && summary.rejectedRows == 1)
            #expect(problems.map(\.line) == [3] && problems.first?.problem == .unknownUnitCode && problems.first?.field == .unitCode)
            let nip = String(lines[1].prefix(18))
            let person = try #require(try await RegistryQueries.detail(nip: nip, scope: .all, on: host.database))
            #expect(person.unitPath == ["Dinas Kesehatan", "UPT Puskesmas Harapan Hilir"])
        }
    }

    @Test("moving a unit moves its subtree and the paths cases and flags carry, so scopes follow")
    func moveSubtree() async throws {
        try await TestStore.withStore { host in
            try await Self.loadRegion(host)
            let school = try #require(try await UnitModel.query(on: host.database).filter(\.$code == "2.01.02.01").first())
            let oldPath = school.path
            let caseModel = CaseModel()
            caseModel.number = "K-1"; caseModel.source = "public"; caseModel.asnNIP = nil; caseModel.asnName = "x"
            caseModel.subjectUnitID = school.id; caseModel.subjectUnitPath = oldPath; caseModel.assigneeUnitID = school.parentID
            caseModel.status = CaseStatus.received.rawValue; caseModel.behaviours = ""; caseModel.state = "{}"
            caseModel.openedOn = "2026-12-01"; caseModel.escalations = 0; caseModel.updatedAt = 0
            try await caseModel.create(on: host.database)

            // Bidang Pembinaan Sekolah Dasar (with its schools) moves under the Sekretariat Dinas.
            let csv = "kode,nama,induk,kepala_nip\n2.01.02,Bidang Pembinaan Sekolah Dasar,2.01.01,\n"
            let summary = try await UnitTreeImporter(database: host.database, actor: "uji").run(MemoryByteSource(csv))
            #expect(summary.updated == 1 && summary.moved == 1)
            let secretariat = try #require(try await UnitModel.query(on: host.database).filter(\.$code == "2.01.01").first())
            let moved = try #require(try await UnitModel.query(on: host.database).filter(\.$code == "2.01.02.01").first())
            #expect(moved.path.hasPrefix(secretariat.path))
            #expect(moved.depth == 3)
            let storedCase = try #require(try await CaseModel.query(on: host.database).first())
            #expect(storedCase.subjectUnitPath == moved.path)
            let inScope = try await RegistryQueries.search("", scope: .subtree(path: secretariat.path), limit: 500, on: host.database)
            #expect(inScope.count >= 10)
            // A cycle is refused and nothing of it is stored.
            var problems: [UnitTreeProblem] = []
            let cycle = try await UnitTreeImporter(database: host.database, actor: "uji")
                .run(MemoryByteSource("kode,nama,induk\n2.01,Dinas Pendidikan dan Kebudayaan,2.01.02.01\n"), onProblem: { problems.append($0) })
            #expect(cycle.rejectedRows == 1 && cycle.updated == 0)
            #expect(problems.first?.line == 2 && problems.first?.message.contains("lingkaran") == true)
            #expect(try await UnitModel.query(on: host.database).filter(\.$code == "2.01").first()?.parentID == nil)
        }
    }

    @Test("accounts: a kepala dinas by NIP supervises the unit the registry names them head of")
    func accounts() async throws {
        try await TestStore.withStore { host in
            try await Self.loadRegion(host)
            let accounts = AccountStore(database: host.database, hashPassword: Self.fakeHash)
            #expect(try await !AccountStore.anyAccountExists(on: host.database))
            try await accounts.add(AccountRequest(username: "Admin.BKPSDM", role: .admin, password: "sungai-harapan-2026", displayName: "Tim BKPSDM"), by: "uji")
            let head = try await accounts.add(AccountRequest(username: "kadisdik", role: .supervisor, password: "pendidikan-2026", nip: "19690731 200010 2 006"), by: "uji")
            #expect(head.unit == "2.01" && head.unitName == "Dinas Pendidikan dan Kebudayaan" && head.nip == "196907312000102006")
            #expect(head.name == "Wulan Bangkan, S.Pd., M.Pd.")
            let byCode = try await accounts.add(AccountRequest(username: "kadinkes", role: .supervisor, password: "kesehatan-2026", unit: "2.02"), by: "uji")
            #expect(byCode.unit == "2.02")
            let list = try await accounts.list()
            #expect(list.map(\.username) == ["admin.bkpsdm", "kadinkes", "kadisdik"])
            #expect(list.allSatisfy { $0.active && !$0.mustChangePassword })
            let stored = try #require(try await UserModel.query(on: host.database).filter(\.$username == "kadisdik").first())
            #expect(stored.passwordHash == "hash:pendidikan-2026")
            let signedIn = try #require(try await accounts.signedIn(id: stored.id!))
            #expect(signedIn.unitPath == (try await UnitModel.query(on: host.database).filter(\.$code == "2.01").first())?.path)
            let trail = try await AuditLog.records(on: host.database).filter { $0.action == "account.add" }
            #expect(trail.map(\.subject) == ["pengguna:admin.bkpsdm", "pengguna:kadisdik", "pengguna:kadinkes"])
            #expect(!trail.contains { $0.details.contains("pendidikan-2026") })
        }
    }

    @Test("bad account input is refused with the field at fault, and nothing is stored",
          arguments: [
            (AccountRequest(username: "kadisdik", role: .supervisor, password: "pendidikan-2026", nip: "196907312000102006"), AccountError.Field.username, "sudah dipakai"),
            (AccountRequest(username: "x", role: .admin, password: "pendidikan-2026"), .username, "3–32"),
            (AccountRequest(username: "baru", role: .admin, password: "12345678"), .password, "paling sering"),
            (AccountRequest(username: "baru", role: .admin, password: "pendek"), .password, "minimal 8"),
            (AccountRequest(username: "baru", role: .asn, password: "pendidikan-2026", nip: "199001012015011001"), .nip, "tidak ada di data ASN"),
            (AccountRequest(username: "baru", role: .asn, password: "pendidikan-2026", nip: "12345"), .nip, "tidak sah"),
            (AccountRequest(username: "baru", role: .asn, password: "pendidikan-2026"), .nip, "harus terhubung"),
            (AccountRequest(username: "baru", role: .supervisor, password: "pendidikan-2026"), .unit, "Atasan memerlukan"),
            (AccountRequest(username: "baru", role: .supervisor, password: "pendidikan-2026", unit: "9.99"), .unit, "tidak ditemukan"),
            (AccountRequest(username: "baru", role: .supervisor, password: "pendidikan-2026", nip: "196907312000102006"), .nip, "akun aktif lain"),
          ])
    func refusals(request: AccountRequest, field: AccountError.Field, fragment: String) async throws {
        try await TestStore.withStore { host in
            try await Self.loadRegion(host)
            let accounts = AccountStore(database: host.database, hashPassword: Self.fakeHash)
            try await accounts.add(AccountRequest(username: "kadisdik", role: .supervisor, password: "pendidikan-2026", nip: "196907312000102006"), by: "uji")
            let error = await #expect(throws: AccountError.self) { try await accounts.add(request, by: "uji") }
            #expect(error?.field == field)
            #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
            #expect(try await accounts.list().count == 1)
        }
    }

    @Test("disabling and resetting end sessions; the last admin cannot be disabled")
    func disableAndReset() async throws {
        try await TestStore.withStore { host in
            try await Self.loadRegion(host)
            let accounts = AccountStore(database: host.database, hashPassword: Self.fakeHash)
            try await accounts.add(AccountRequest(username: "admin", role: .admin, password: "sungai-harapan-2026"), by: "uji")
            try await accounts.add(AccountRequest(username: "kadinkes", role: .supervisor, password: "kesehatan-2026", unit: "Dinas Kesehatan"), by: "uji")
            let id = try #require(try await UserModel.query(on: host.database).filter(\.$username == "kadinkes").first()?.id)
            let sessions = SessionStore(database: host.database, now: { Date(timeIntervalSince1970: 1_800_000_000) })
            for token in ["ponsel", "laptop"] {
                try await sessions.start(token: token, csrf: "c", userID: id, address: "10.0.0.1", agent: nil)
            }
            try await accounts.resetPassword("kadinkes", to: "sementara-123", by: "admin")
            #expect(try await accounts.signedIn(id: id)?.mustChangePassword == true)
            #expect(try await sessions.list(of: id).isEmpty)
            for token in ["ponsel", "laptop"] {
                try await sessions.start(token: token, csrf: "c", userID: id, address: "10.0.0.1", agent: nil)
            }
            try await accounts.changeOwnPassword("kadinkes", to: "kesehatan-baru-2026", keepingSession: SessionStore.hash("laptop"))
            #expect(try await accounts.signedIn(id: id)?.mustChangePassword == false)
            #expect(try await sessions.find(token: "laptop") != nil)
            #expect(try await sessions.find(token: "ponsel") == nil)
            try await accounts.setActive("kadinkes", false, by: "admin")
            #expect(try await accounts.signedIn(id: id) == nil)
            #expect(try await sessions.list(of: id).isEmpty)
            #expect(try await accounts.list().first { $0.username == "kadinkes" }?.active == false)
            let error = await #expect(throws: AccountError.self) { try await accounts.setActive("admin", false, by: "admin") }
            #expect(error?.message.contains("satu-satunya admin aktif") == true)
            let actions = try await AuditLog.records(on: host.database).map(\.action)
            #expect(actions.suffix(3) == ["account.reset_password", "account.change_password", "account.disable"])
            if case .intact = try await AuditLog.verify(on: host.database) {} else { Issue.record("audit chain broken") }
        }
    }
}
