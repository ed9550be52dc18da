import FluentKit
import Foundation
import NetraCore
import NetraStore
import Testing
import VaporTesting

@Suite("The admin records the region's elections; the guide's phases follow them", .serialized)
struct ElectionPageTests {
    static let form: [String: String] = [
        "kode": "pilbup-2029", "nama": "Pemilihan Bupati dan Wakil Bupati Sungai Harapan 2029", "jenis": "pilkada", "jabatan": "Bupati dan Wakil Bupati",
        "kode_wilayah": "62.91", "penetapan": "2029-09-22", "kampanye_mulai": "2029-09-25", "kampanye_selesai": "2029-11-23",
        "tenang_mulai": "2029-11-24", "tenang_selesai": "2029-11-26", "pemungutan": "2029-11-28",
        "pasangan": "1; Ir. Bambang Wicaksono; Hj. Rina Marlina; Partai Harapan, Partai Sungai; Harapan Baru; #BambangRina2029; @bambangrina\n2; Drs. Yusuf Hidayat; Lestari Dewi; perseorangan",
    ]

    @Test("a faulty form is refused by field; a saved election moves the guide's phase and can be changed; a YAML file can be uploaded")
    func elections() async throws {
        try await withDemoApp { app in
            var admin = WebClient(app)
            try await admin.login("admin", "netra-admin")
            let list = try await admin.send(.GET, "/pemilihan").body.string
            #expect(list.contains("Pemilihan Bupati dan Wakil Bupati Sungai Harapan 2024") && list.contains("— pilih jenis —"))
            let phaseBefore = try await admin.send(.GET, "/api/v1/guide?text=memasang%20baliho%20paslon&date=2029-10-10").body.string
            #expect(phaseBefore.contains(#""phase":"sesudah""#))

            var faulty = Self.form
            faulty["csrf"] = admin.csrf!
            faulty["kampanye_mulai"] = "2029-09-01"
            faulty["jenis"] = ""
            faulty["pasangan"] = "satu; tanpa nomor"
            let refused = try await admin.send(.POST, "/pemilihan", form: faulty)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Pilih jenis pemilihan") && refused.body.string.contains("Masa kampanye harus dimulai sesudah penetapan"))
            #expect(refused.body.string.contains("Pasangan baris 1: mulai dengan nomor urut"))
            #expect(try await ElectionStore.find("pilbup-2029", on: app.db) == nil)

            var valid = Self.form
            valid["csrf"] = admin.csrf!
            let saved = try await admin.send(.POST, "/pemilihan", form: valid)
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/pemilihan?tersimpan=pilbup-2029")
            #expect(try await admin.send(.POST, "/pemilihan", form: valid).status == .unprocessableEntity)  // a second tap makes no second election
            let phaseAfter = try await admin.send(.GET, "/api/v1/guide?text=memasang%20baliho%20paslon&date=2029-10-10").body.string
            #expect(phaseAfter.contains(#""phase":"kampanye""#) && phaseAfter.contains(#""election":"pilbup-2029""#))
            let stored = try #require(try await ElectionStore.find("pilbup-2029", on: app.db))
            #expect(stored.pairs.map(\.accounts) == [["@bambangrina"], []] && stored.pairs[1].parties == ["perseorangan"])

            let edit = try await admin.send(.GET, "/pemilihan?kode=pilbup-2029").body.string
            #expect(edit.contains("Ubah pemilihan pilbup-2029") && edit.contains(#"value="2029-09-25""#))
            var changed = Self.form
            changed["csrf"] = admin.csrf!
            changed["ubah"] = "pilbup-2029"
            changed["pemungutan"] = "2029-12-02"
            changed["tenang_selesai"] = "2029-12-01"
            #expect(try await admin.send(.POST, "/pemilihan", form: changed).status == .seeOther)
            #expect(try await ElectionStore.find("pilbup-2029", on: app.db)?.calendar.stage("pemungutan")?.start == LocalDate(year: 2029, month: 12, day: 2))

            let yaml = Array("""
            id: pilgub-2029
            name: Pemilihan Gubernur 2029
            kind: pilkada
            office: Gubernur dan Wakil Gubernur
            region_code: "62"
            stages:
              - {id: penetapan, name: Penetapan, start: 2029-09-22, end: 2029-09-22}
              - {id: kampanye, name: Kampanye, start: 2029-09-25, end: 2029-11-23}
              - {id: masa_tenang, name: Masa tenang, start: 2029-11-24, end: 2029-11-26}
              - {id: pemungutan, name: Pemungutan suara, start: 2029-11-28, end: 2029-11-28}
            """.utf8)
            let (body, type) = multipart([("csrf", admin.csrf!)], files: [("berkas", "pilgub.yaml", yaml)])
            #expect(try await admin.send(.POST, "/pemilihan/berkas", body: body, contentType: type).status == .seeOther)
            let (bad, badType) = multipart([("csrf", admin.csrf!)], files: [("berkas", "x.yaml", Array("id: [rusak".utf8))])
            let badUpload = try await admin.send(.POST, "/pemilihan/berkas", body: bad, contentType: badType)
            #expect(badUpload.status == .unprocessableEntity && badUpload.body.string.contains("Berkas pemilihan tidak dapat dibaca"))
            #expect(try await ElectionStore.all(on: app.db).map(\.calendar.id).contains("pilgub-2029"))
        }
    }
}
