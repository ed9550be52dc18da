import FluentKit
import Foundation
import NetraCore
import NetraStore
@testable import NetraWeb
import Testing
import VaporTesting

@Suite("Coverage per unit and kecamatan, within the viewer's scope", .serialized)
struct CoveragePageTests {
    /// The demo ASN, signed in, after pledging online for the demo Pilkada.
    static func pledgedDemoASN(_ app: Application) async throws -> WebClient {
        var asn = WebClient(app)
        try await asn.login("asn", "netra-asn")
        _ = try await asn.send(.GET, "/ikrar")
        #expect(try await asn.send(.POST, "/ikrar", form: ["csrf": asn.csrf!, "pemilihan": "pilbup-2024", "setuju": "ya"]).status == .seeOther)
        return asn
    }

    @Test("a pledge shows in its unit's figures up the tree; a supervisor sees and exports only their subtree")
    func scopedCoverage() async throws {
        try await withDemoApp { app, _ in
            _ = try await Self.pledgedDemoASN(app)
            let pledge = try #require(try await PledgeModel.query(on: app.db).first())
            let person = try #require(try await ASNModel.query(on: app.db).filter(\.$nip == pledge.asnNIP).first())
            let unit = try #require(try await UnitModel.find(person.unitID, on: app.db))
            let subtree = try await UnitModel.query(on: app.db).all().filter { $0.path.hasPrefix(unit.path) }.map(\.id!)
            let unitSize = try await ASNModel.query(on: app.db).filter(\.$unitID ~~ subtree).count()

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let page = try await admin.send(.GET, "/cakupan?pemilihan=pilbup-2024").body.string
            #expect(page.contains("Dinas Pendidikan dan Kebudayaan") && page.contains("Dinas Kesehatan") && page.contains("Per kecamatan"))
            #expect(page.contains("Titik buta"))
            let csv = try await admin.send(.GET, "/cakupan.csv?pemilihan=pilbup-2024").body.string
            let line = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix(CSVField.escaped(unit.name, formulaSafe: true) + ",") })
            let cells = line.split(separator: ",").suffix(13).map(String.init)
            #expect(cells[0] == String(unitSize) && cells[1] == "1")
            let total = csv.split(separator: "\r\n").dropFirst().compactMap { row -> Int? in
                let fields = row.split(separator: ",", omittingEmptySubsequences: false)
                return fields.count >= 15 && !fields[1].contains(">") ? Int(fields[fields.count - 12]) : nil
            }.reduce(0, +)
            #expect(total == 1, "exactly one pledge over the top-level units")

            var head = WebClient(app)
            try await head.login("kadinkes", "netra-kadinkes")
            let own = try await head.send(.GET, "/cakupan").body.string
            #expect(own.contains("Dinas Kesehatan") && !own.contains("Dinas Pendidikan dan Kebudayaan"))
            let ownCSV = try await head.send(.GET, "/cakupan.csv").body.string
            #expect(!ownCSV.contains("Dinas Pendidikan") && ownCSV.contains("Dinas Kesehatan"))

            var bawaslu = WebClient(app)
            try await bawaslu.login("bawaslu", "netra-bawaslu")
            #expect(try await bawaslu.send(.GET, "/cakupan").status == .forbidden)
            #expect(try await admin.send(.GET, "/cakupan?urut=ikrar").body.string.contains("urut=kuis"))
        }
    }

    @Test("per ASN: pledge, socializations found by name search and best quiz score, on the unit list, its CSV and the person's page")
    func perPerson() async throws {
        try await withDemoApp { app, _ in
            var asn = try await Self.pledgedDemoASN(app)
            let html = try await asn.send(.GET, "/kuis").body.string
            let seedText = try #require(html.range(of: #"name="seed" value=""#).map { String(html[$0.upperBound...].prefix { $0 != "\"" }) })
            var answers = ["csrf": asn.csrf!, "seed": seedText]
            for question in Quiz.draw(from: try Rulebook.bundled(), count: 10, seed: UInt64(seedText)!) { answers["jawaban_\(question.id)"] = question.answer.rawValue }
            _ = try await asn.send(.POST, "/kuis", form: ["csrf": asn.csrf!, "seed": seedText])
            _ = try await asn.send(.POST, "/kuis", form: answers)
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$username == "asn").first())
            let person = try #require(try await ASNModel.query(on: app.db).filter(\.$nip == user.asnNIP!).first())

            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            _ = try await admin.send(.GET, "/sosialisasi")
            let created = try await admin.send(.POST, "/sosialisasi", form: ["csrf": admin.csrf!, "judul": "Sosialisasi netralitas", "tanggal": "2024-10-01",
                                                                          "tempat": "Aula", "penyelenggara": "Bawaslu"])
            let event = try #require(try await SocializationEventModel.query(on: app.db).first())
            #expect(created.status == .seeOther)
            let surname = String(person.name.split(separator: " ").first!)
            let found = try await admin.send(.GET, "/sosialisasi/\(event.id!.uuidString)?cari=\(surname)").body.string
            #expect(found.contains(#"name="nip[]" value="\#(person.nip)""#))
            let ticked = try await admin.send(.POST, "/sosialisasi/\(event.id!.uuidString)/peserta",
                                              body: ByteBuffer(string: "csrf=\(admin.csrf!)&nip[]=\(person.nip)&nip[]=199999999999999999"),
                                              contentType: .urlEncodedForm)
            // Post/redirect/get: what was added is shown on the event's page, which a refresh only reads again.
            let tickedPage = try await admin.send(.GET, try #require(ticked.headers.first(name: .location))).body.string
            #expect(ticked.status == .seeOther && tickedPage.contains("1 peserta ditambahkan") && tickedPage.contains("199999999999999999"))
            #expect(try await admin.send(.GET, "/sosialisasi/\(event.id!.uuidString)?cari=\(surname)").body.string.contains("sudah tercatat"))

            let unit = person.unitID.uuidString.lowercased()
            let list = try await admin.send(.GET, "/cakupan/asn?unit=\(unit)&pemilihan=pilbup-2024").body.string
            #expect(list.contains(person.nip) && list.contains("10/10") && list.contains("(2 kali)"))
            let csv = try await admin.send(.GET, "/cakupan/asn.csv?unit=\(unit)&pemilihan=pilbup-2024").body.string
            let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix(person.nip + ",") }).split(separator: ",", omittingEmptySubsequences: false)
            #expect(row[3] == "online" && row[4] == "1" && row[5] == "2" && row[6] == "10" && row[7] == "10" && row[8] == "ya")
            let others = csv.split(separator: "\r\n").dropFirst().filter { !$0.hasPrefix(person.nip) }
            #expect(others.allSatisfy { $0.hasSuffix(",0,0,,,tidak") }, "nobody else in the unit was reached")
            #expect(csv.split(separator: "\r\n").last!.hasPrefix(person.nip), "the least reached come first")
            #expect(try await admin.send(.GET, "/cakupan?unit=\(unit)").body.string.contains("/cakupan/asn?unit=\(unit)"))

            let page = try await admin.send(.GET, "/registri/asn/\(person.nip)").body.string
            #expect(page.contains("Pemilihan Bupati dan Wakil Bupati") && page.contains("daring") && page.contains("Sosialisasi netralitas (Bawaslu)"))
            #expect(page.contains("10/10") && page.contains("0/10") && page.contains("belum lulus"))

            var otherHead = WebClient(app)
            try await otherHead.login("kadinkes", "netra-kadinkes")
            let units = try await UnitModel.query(on: app.db).all()
            let own = try #require(units.first { $0.id == person.unitID })
            let health = try #require(units.first { $0.name == "Dinas Kesehatan" })
            #expect(!own.path.hasPrefix(health.path))
            #expect(try await otherHead.send(.GET, "/cakupan/asn?unit=\(unit)").status == .notFound)
            #expect(try await otherHead.send(.GET, "/cakupan/asn.csv?unit=\(unit)").status == .notFound)
        }
    }

    @Test("per kecamatan and desa, over the units the viewer sees; desa figures add up to their kecamatan")
    func areas() async throws {
        try await withDemoApp { app, _ in
            _ = try await Self.pledgedDemoASN(app)
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            var head = WebClient(app)
            try await head.login("kadinkes", "netra-kadinkes")
            func rows(_ csv: String) -> [[Substring]] {
                csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            }
            let all = rows(try await admin.send(.GET, "/cakupan/wilayah.csv?pemilihan=pilbup-2024").body.string)
            let districts = all.filter { $0[0] == "kecamatan" }, villages = all.filter { $0[0] == "desa" }
            #expect(!districts.isEmpty && !villages.isEmpty)
            #expect(districts.map { Int($0[5])! }.reduce(0, +) == 1, "the one pledge is counted in one kecamatan")
            for district in districts {
                let inside = villages.filter { $0[3] == district[2] }.map { Int($0[4])! }.reduce(0, +)
                #expect(inside <= Int(district[4])!, "desa of \(district[2]) add up to at most its ASN")
            }
            let health = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Kesehatan").first())
            let healthUnits = try await UnitModel.query(on: app.db).all().filter { $0.path.hasPrefix(health.path) }.map(\.id!)
            let healthASN = try await ASNModel.query(on: app.db).filter(\.$unitID ~~ healthUnits).count()
            let own = rows(try await head.send(.GET, "/cakupan/wilayah.csv").body.string).filter { $0[0] == "kecamatan" }
            let ownTotal = own.map { Int($0[4])! }.reduce(0, +)
            #expect(ownTotal > 0 && ownTotal <= healthASN && ownTotal < districts.map { Int($0[4])! }.reduce(0, +))

            let code = try #require(villages.first.map { String($0[1]) })
            let district = try #require(all.first { $0[1] == code }.map { String($0[3]) })
            let districtCode = try #require(districts.first { String($0[2]) == district }.map { String($0[1]) })
            let page = try await admin.send(.GET, "/cakupan?kecamatan=\(districtCode)").body.string
            #expect(page.contains("Per desa di Kecamatan \(district)"))
        }
    }

    @Test("units that acknowledged the newest circular and all cases ever are counted up the tree")
    func circularAndCases() async throws {
        try await withDemoApp { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            _ = try await admin.send(.GET, "/surat-edaran")
            _ = try await admin.send(.POST, "/surat-edaran", form: ["csrf": admin.csrf!, "judul": "Netralitas ASN pada Pilkada 2024",
                                                                   "isi": "Seluruh ASN dilarang ikut berkampanye untuk pasangan calon mana pun."])
            let circular = try #require(try await CircularModel.query(on: app.db).first())
            let units = try await UnitModel.query(on: app.db).all()
            let health = try #require(units.first { $0.name == "Dinas Kesehatan" })
            let subtree = units.filter { $0.path.hasPrefix(health.path) }
            try await CircularStore.acknowledge(circular.id!, unitID: health.id!, by: "test", at: Date(), on: app.db)
            let csv = try await admin.send(.GET, "/cakupan.csv").body.string
            let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("Dinas Kesehatan,") }).split(separator: ",")
            #expect(row[row.count - 2] == Substring(String(subtree.count)) && row[row.count - 1] == "1")
            let cases = try await CaseModel.query(on: app.db).all()
            let inHealth = cases.filter { id in subtree.contains { $0.id == id.subjectUnitID } }.count
            #expect(row[row.count - 3] == Substring(String(inHealth)))
            #expect(try await admin.send(.GET, "/cakupan").body.string.contains(circular.number))
        }
    }

    @Test("the unit table sorts names A–Z, shares lowest first and counts highest first")
    func sorting() {
        let units: [(name: String, counts: CoverageCounts)] = [
            ("Dinas B", CoverageCounts(asn: 10, pledged: 9, openCases: 1)), ("Dinas A", CoverageCounts(asn: 40, pledged: 4, openCases: 3)),
            ("Dinas C", CoverageCounts()),
        ]
        let order = { (key: CoverageController.SortKey) in units.sorted { key.ordered($0, $1) }.map(\.name) }
        #expect(order(.nama) == ["Dinas A", "Dinas B", "Dinas C"])
        #expect(order(.asn) == ["Dinas A", "Dinas B", "Dinas C"])
        #expect(order(.ikrar) == ["Dinas A", "Dinas B", "Dinas C"])
        #expect(order(.kasus) == ["Dinas A", "Dinas B", "Dinas C"])
        #expect(order(.tanda) == ["Dinas A", "Dinas B", "Dinas C"])
    }
}

@Suite("Socialization events record attendees within the recorder's scope and count in coverage", .serialized)
struct SocializationPageTests {
    @Test("a supervisor records an event with NIPs pasted and from a file; unknown and outside NIPs are reported, not stored")
    func recordEvent() async throws {
        try await withDemoApp { app, _ in
            let school = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "SDN 1 Harapan Hilir").first())
            let teachers = try await ASNModel.query(on: app.db).filter(\.$unitID == school.id!).sort(\.$nip).limit(4).all()
            let health = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Kesehatan").first())
            let outsider = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == health.id!).first())
            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            _ = try await head.send(.GET, "/sosialisasi")
            let bad = try await head.send(.POST, "/sosialisasi", form: ["csrf": head.csrf!, "judul": "x", "tanggal": "kemarin"])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("judul (3–200 karakter), tanggal"))

            let spaced = String(teachers[0].nip.prefix(8)) + " " + String(teachers[0].nip.dropFirst(8).prefix(6)) + " " + String(teachers[0].nip.dropFirst(14))
            let (body, type) = multipart([("csrf", head.csrf!), ("judul", "Sosialisasi netralitas guru"), ("tanggal", "2024-10-01"), ("tempat", "Aula SDN 1"),
                                          ("penyelenggara", "Dinas Pendidikan dan Kebudayaan"), ("peserta", "\(spaced)\n\(outsider.nip), 12345")],
                                         files: [("berkas", "hadir.csv", Array("nip,nama\n\(teachers[1].nip),Guru\n\(teachers[0].nip),Guru\n".utf8))])
            let created = try await head.send(.POST, "/sosialisasi", body: body, contentType: type)
            let page = try await head.send(.GET, try #require(created.headers.first(name: .location))).body.string
            #expect(created.status == .seeOther && page.contains("2 peserta ditambahkan, 1 sudah tercatat"))
            #expect(page.contains(outsider.nip) && page.contains("12345") && page.contains(teachers[1].name))
            #expect(try await SocializationAttendanceModel.query(on: app.db).count() == 2)

            let csv = try await head.send(.GET, "/cakupan.csv").body.string
            let line = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("SDN 1 Harapan Hilir,") })
            #expect(line.split(separator: ",")[5] == "2")

            // Only the recorder or the admin adds attendees: another unit's head, or Bawaslu, may not add to this event.
            let event = try #require(try await SocializationEventModel.query(on: app.db).first())
            let attendeesPath = "/sosialisasi/\(event.id!.uuidString.lowercased())/peserta"
            var otherHead = WebClient(app)
            try await otherHead.login("kadinkes", "netra-kadinkes")
            let refused = try await otherHead.send(.POST, attendeesPath, form: ["csrf": otherHead.csrf!, "peserta": teachers[2].nip])
            #expect(refused.status == .forbidden && refused.body.string.contains("Hanya pencatat kegiatan ini atau admin"))
            var bawaslu = WebClient(app)
            try await bawaslu.login("bawaslu", "netra-bawaslu")
            #expect(try await bawaslu.send(.POST, attendeesPath, form: ["csrf": bawaslu.csrf!, "peserta": teachers[2].nip]).status == .forbidden)
            #expect(try await SocializationAttendanceModel.query(on: app.db).count() == 2)
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            #expect(try await admin.send(.POST, attendeesPath, form: ["csrf": admin.csrf!, "peserta": teachers[2].nip]).status == .seeOther)
            #expect(try await head.send(.POST, attendeesPath, form: ["csrf": head.csrf!, "peserta": teachers[3].nip]).status == .seeOther)
            #expect(try await SocializationAttendanceModel.query(on: app.db).count() == 4)
            #expect(try await bawaslu.send(.GET, "/sosialisasi").status == .ok)
            var asn = WebClient(app)
            try await asn.login("asn", "netra-asn")
            #expect(try await asn.send(.GET, "/sosialisasi").status == .forbidden)
        }
    }
}

@Suite("Circulars go down the hierarchy; Netra shows who has not acknowledged", .serialized)
struct CircularPageTests {
    @Test("BKPSDM issues a numbered circular drafted from the rulebook; heads acknowledge level by level")
    func issueAndAcknowledge() async throws {
        try await withDemoApp { app, _ in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let form = try await admin.send(.GET, "/surat-edaran").body.string
            #expect(form.contains("PP 94/2021") && form.contains("Terbitkan"))
            #expect(try await admin.send(.POST, "/surat-edaran", form: ["csrf": admin.csrf!, "judul": "x", "isi": "pendek"]).status == .unprocessableEntity)
            let issued = try await admin.send(.POST, "/surat-edaran", form: ["csrf": admin.csrf!, "judul": "Netralitas ASN pada Pilkada 2024",
                                                                             "isi": "Seluruh ASN dilarang ikut berkampanye untuk pasangan calon mana pun."])
            let location = try #require(issued.headers.first(name: .location))
            let circular = try #require(try await CircularModel.query(on: app.db).first())
            #expect(circular.number == "800.1.10.4/1/BKPSDM/PKAP/\(LocalDate(instant: Date()).year)")
            let overview = try await admin.send(.GET, location).body.string
            #expect(overview.contains("Dinas Pendidikan dan Kebudayaan") && overview.contains("menunggu tanda terima") && overview.contains("belum sampai"))

            // A unit below hears of it only after its head's unit acknowledged.
            let education = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "Dinas Pendidikan dan Kebudayaan").first())
            let below = try #require(try await UnitModel.query(on: app.db).filter(\.$parentID == education.id!).first())
            await #expect(throws: CircularStore.Problem.notReceivedYet) {
                try await CircularStore.acknowledge(circular.id!, unitID: below.id!, by: "test", at: Date(), on: app.db)
            }

            var head = WebClient(app)
            try await head.login("kadisdik", "netra-kadisdik")
            #expect(try await head.send(.GET, location).body.string.contains("Terima dan teruskan"))
            let acknowledged = try await head.send(.POST, location + "/terima", form: ["csrf": head.csrf!])
            #expect(acknowledged.status == .seeOther)
            #expect(try await head.send(.GET, try #require(acknowledged.headers.first(name: .location))).body.string.contains("diterima dan diteruskan"))
            #expect(try await head.send(.POST, location + "/terima", form: ["csrf": head.csrf!]).status == .unprocessableEntity)
            try await CircularStore.acknowledge(circular.id!, unitID: below.id!, by: "test", at: Date(), on: app.db)

            var other = WebClient(app)
            try await other.login("kadinkes", "netra-kadinkes")
            let scoped = try await other.send(.GET, location).body.string
            #expect(scoped.contains("Dinas Kesehatan") && !scoped.contains("Dinas Pendidikan dan Kebudayaan"))
        }
    }
}
