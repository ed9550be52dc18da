import Fluent
import NetraCore
import NetraStore
import Vapor

/// Prevention coverage per unit subtree and per kecamatan, with the blind spots first: for the BKPSDM
/// team and the PPK over the whole region, for each supervisor over their own subtree.
struct CoverageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("cakupan", use: page)
        routes.get("cakupan.csv", use: csv)
        routes.get("cakupan", "asn", use: members)
        routes.get("cakupan", "asn.csv", use: membersCSV)
        routes.get("cakupan", "wilayah.csv", use: areasCSV)
    }

    struct Row: Encodable {
        let id: String
        let name: String
        let asn: Int
        let pledged: String
        let pledgedBar: Int
        let socialized: String
        let socializedBar: Int
        let quizPassed: String
        let quizBar: Int
        let openCases: Int
        let overdueCases: Int
        let openFlags: Int
        let cases: Int
        let circular: String
        let hasChildren: Bool
    }

    /// Columns the unit table sorts by (a link in each header; no script needed).
    enum SortKey: String, CaseIterable {
        case nama, asn, ikrar, sosialisasi, kuis, edaran, laporan, kasus, terlambat, tanda

        /// Whether `left` comes before `right`: names A–Z; shares lowest first (the gaps); counts highest first.
        func ordered(_ left: (name: String, counts: CoverageCounts), _ right: (name: String, counts: CoverageCounts)) -> Bool {
            let (a, b) = (left.counts, right.counts)
            switch self {
            case .nama: return left.name < right.name
            case .asn: return (a.asn, right.name) > (b.asn, left.name)
            case .ikrar: return (a.pledgedPercent ?? 101, left.name) < (b.pledgedPercent ?? 101, right.name)
            case .sosialisasi: return (a.socializedPercent ?? 101, left.name) < (b.socializedPercent ?? 101, right.name)
            case .kuis: return (a.quizPassedPercent ?? 101, left.name) < (b.quizPassedPercent ?? 101, right.name)
            case .edaran: return (a.circularPercent ?? 101, left.name) < (b.circularPercent ?? 101, right.name)
            case .laporan: return (a.cases, right.name) > (b.cases, left.name)
            case .kasus: return (a.openCases, right.name) > (b.openCases, left.name)
            case .terlambat: return (a.overdueCases, right.name) > (b.overdueCases, left.name)
            case .tanda: return (a.openFlags, right.name) > (b.openFlags, left.name)
            }
        }
    }

    struct Page: Encodable {
        let sort: String
        let unitParameter: String
        let election: String?
        let elections: [Option]
        let current: Row?
        /// The people placed directly in the current unit, when it has any.
        let membersLink: String?
        let circularNumber: String?
        let rows: [Row]
        let blindSpots: [Row]
        let districts: [Row]
        /// The desa of the kecamatan asked for, with its name.
        let villages: [Row]
        let villagesOf: String?
    }

    struct Option: Encodable {
        let value: String
        let title: String
        let selected: Bool
    }

    private struct Scoped {
        let snapshot: CoverageQueries.Snapshot
        let visible: [UnitModel]
        let election: String?
        let elections: [ElectionModel]
    }

    private func scoped(_ req: Request) async throws -> Scoped {
        let viewer = try req.require(.viewCoverage)
        let elections = try await PledgeStore.elections(on: req.db)
        let asked = try? req.query.get(String.self, at: "pemilihan")
        let election = elections.first { $0.id == asked }?.id ?? elections.first?.id
        let snapshot = try await CoverageQueries.snapshot(electionCode: election, today: req.clock.today, on: req.db)
        let scope = viewer.registryScope
        return Scoped(snapshot: snapshot, visible: snapshot.units.filter { scope.allowsUnit(path: $0.path) }, election: election,
                      elections: elections)
    }

    private static func row(id: String, name: String, counts: CoverageCounts, hasChildren: Bool) -> Row {
        Row(id: id, name: name, asn: counts.asn, pledged: counts.pledgedPercent.map { "\($0)%" } ?? "–", pledgedBar: counts.pledgedPercent ?? 0,
            socialized: counts.socializedPercent.map { "\($0)%" } ?? "–", socializedBar: counts.socializedPercent ?? 0, quizPassed: counts.quizPassedPercent.map { "\($0)%" } ?? "–", quizBar: counts.quizPassedPercent ?? 0, openCases: counts.openCases,
            overdueCases: counts.overdueCases, openFlags: counts.openFlags, cases: counts.cases,
            circular: counts.units > 0 ? "\(counts.circularAcknowledged)/\(counts.units)" : "–", hasChildren: hasChildren)
    }

    @Sendable
    func page(req: Request) async throws -> View {
        let scoped = try await scoped(req)
        let visible = scoped.visible
        let visibleIDs = Set(visible.map(\.id!))
        let children = Dictionary(grouping: visible.filter { $0.parentID != nil }, by: { $0.parentID! })
        let counts = { (unit: UnitModel) in scoped.snapshot.totals[unit.id!] ?? CoverageCounts() }
        let makeRow = { (unit: UnitModel) in Self.row(id: unit.id!.uuidString.lowercased(), name: unit.name, counts: counts(unit), hasChildren: children[unit.id!] != nil) }
        // The unit asked for, else the top of what the viewer sees.
        let asked = (try? req.query.get(String.self, at: "unit")).flatMap(UUID.init(uuidString:)).flatMap { id in visible.first { $0.id == id } }
        let tops = visible.filter { $0.parentID.map { !visibleIDs.contains($0) } ?? true }
        let current = asked ?? (tops.count == 1 ? tops[0] : nil)
        let sort = (try? req.query.get(String.self, at: "urut")).flatMap(SortKey.init(rawValue:)) ?? .nama
        let listed = (current.map { children[$0.id!] ?? [] } ?? tops).sorted { sort.ordered(($0.name, counts($0)), ($1.name, counts($1))) }
        let leaves = visible.filter { children[$0.id!] == nil }
        let blind = Coverage.blindSpots(leaves.map { (key: $0, counts: counts($0)) }).map { makeRow($0.key) }
        // Kecamatan and desa over the units the viewer sees: a supervisor sees where their own units lag.
        let areas = scoped.snapshot.areas.totals(of: visible, direct: scoped.snapshot.direct)
        let areaRow = { (code: String, counts: CoverageCounts) in
            Self.row(id: code, name: scoped.snapshot.areas.names[code] ?? code, counts: counts, hasChildren: false)
        }
        let districts = Coverage.blindSpots(areas.districts.map { (key: $0.key, counts: $0.value) }, limit: .max).map { areaRow($0.key, $0.counts) }
        let askedDistrict = (try? req.query.get(String.self, at: "kecamatan")).flatMap { areas.districts[$0] == nil ? nil : $0 }
        let villages = askedDistrict.map { district in
            Coverage.blindSpots(areas.villages.filter { areas.districtOfVillage[$0.key] == district }.map { (key: $0.key, counts: $0.value) }, limit: .max)
                .map { areaRow($0.key, $0.counts) }
        } ?? []
        let body = Page(sort: sort.rawValue, unitParameter: current.map { "&unit=\($0.id!.uuidString.lowercased())" } ?? "",
                        election: scoped.elections.first { $0.id == scoped.election }?.name,
                        elections: scoped.elections.map { Option(value: $0.id!, title: $0.name, selected: $0.id == scoped.election) },
                        current: current.map(makeRow),
                        membersLink: current.flatMap { unit in
                            (scoped.snapshot.direct[unit.id!]?.asn ?? 0) > 0
                                ? "/cakupan/asn?unit=\(unit.id!.uuidString.lowercased())&pemilihan=\(scoped.election ?? "")" : nil
                        },
                        circularNumber: scoped.snapshot.circular?.number, rows: listed.map(makeRow), blindSpots: blind, districts: districts,
                        villages: villages, villagesOf: askedDistrict.map { scoped.snapshot.areas.names[$0] ?? $0 })
        return try await req.view.render("coverage", PageContext(req: req, title: "Cakupan Pencegahan", body: body))
    }

    @Sendable
    func csv(req: Request) async throws -> Response {
        let scoped = try await scoped(req)
        var lines = ["unit,jalur," + Self.reachColumns + ",kasus_terbuka,kasus_terlambat,tanda_penyaringan,kasus_semua,unit_dalam_cakupan,unit_menerima_surat_edaran"]
        let names = Dictionary(uniqueKeysWithValues: scoped.snapshot.units.map { ($0.id!.uuidString.lowercased(), $0.name) })
        for unit in scoped.visible {
            let counts = scoped.snapshot.totals[unit.id!] ?? CoverageCounts()
            let trail = unit.path.split(separator: "/").map { names[String($0).lowercased()] ?? "" }.joined(separator: " > ")
            lines.append(([unit.name, trail].map { CSVField.escaped($0, formulaSafe: true) } + (Self.reachFigures(counts) + [
                counts.openCases, counts.overdueCases, counts.openFlags, counts.cases, counts.units, counts.circularAcknowledged,
            ]).map(String.init)).joined(separator: ","))
        }
        return .csv(lines, filename: "cakupan-\(scoped.election ?? "semua").csv")
    }

    /// The CSV columns of what prevention reached, in both coverage exports.
    static let reachColumns = "asn,ikrar,ikrar_persen,sosialisasi,sosialisasi_persen,lulus_kuis,lulus_kuis_persen"

    static func reachFigures(_ counts: CoverageCounts) -> [Int] {
        [counts.asn, counts.pledged, counts.pledgedPercent ?? 0, counts.socialized, counts.socializedPercent ?? 0, counts.quizPassed,
         counts.quizPassedPercent ?? 0]
    }

    /// Every kecamatan and desa with the figures of the viewer's units located there.
    @Sendable
    func areasCSV(req: Request) async throws -> Response {
        let scoped = try await scoped(req)
        let areas = scoped.snapshot.areas.totals(of: scoped.visible, direct: scoped.snapshot.direct)
        var lines = ["tingkat,kode,nama,kecamatan," + Self.reachColumns + ",kasus_semua,kasus_terbuka,kasus_terlambat,tanda_penyaringan"]
        let rows = areas.districts.map { (level: "kecamatan", code: $0.key, district: $0.key, counts: $0.value) }
            + areas.villages.map { (level: "desa", code: $0.key, district: areas.districtOfVillage[$0.key] ?? "", counts: $0.value) }
        // Each kecamatan, then its desa.
        for row in rows.sorted(by: { ($0.district, $0.level == "desa" ? 1 : 0, $0.code) < ($1.district, $1.level == "desa" ? 1 : 0, $1.code) }) {
            let counts = row.counts
            let names = [row.level, row.code, scoped.snapshot.areas.names[row.code] ?? "", scoped.snapshot.areas.names[row.district] ?? ""]
            let figures = Self.reachFigures(counts) + [counts.cases, counts.openCases, counts.overdueCases, counts.openFlags]
            lines.append((names.map { CSVField.escaped($0, formulaSafe: true) } + figures.map(String.init)).joined(separator: ","))
        }
        return .csv(lines, filename: "cakupan-wilayah-\(scoped.election ?? "semua").csv")
    }

    struct MembersPage: Encodable {
        struct Member: Encodable {
            let nip: String
            let name: String
            let pledge: String
            let socializations: Int
            let quiz: String
            let quizPassed: Bool
            let quizAttempts: Int
        }

        let unitID: String
        let unitName: String
        let election: String?
        let electionCode: String
        let members: [Member]
        let memberCount: Int
        let reachedAll: Int
    }

    /// The unit asked for, when the viewer may see it, with the members' records for the chosen election.
    private func memberRecords(_ req: Request) async throws -> (unit: UnitModel, election: ElectionModel?, records: [PreventionRecord]) {
        let viewer = try req.require(.viewCoverage)
        guard let id = (try? req.query.get(String.self, at: "unit")).flatMap(UUID.init(uuidString:)),
              let unit = try await UnitModel.find(id, on: req.db), viewer.registryScope.allowsUnit(path: unit.path) else {
            throw Abort(.notFound, reason: "Unit tidak ditemukan di lingkup Anda.")
        }
        let elections = try await PledgeStore.elections(on: req.db)
        let asked = try? req.query.get(String.self, at: "pemilihan")
        let election = elections.first { $0.id == asked } ?? elections.first
        return (unit, election, try await PreventionRecords.members(of: id, electionCode: election?.id, on: req.db))
    }

    private static func quizText(_ record: PreventionRecord) -> String {
        record.bestQuizScore.map { "\($0)/\(record.quizTotal ?? 0)" } ?? "–"
    }

    @Sendable
    func members(req: Request) async throws -> View {
        let (unit, election, records) = try await memberRecords(req)
        let members = records.map { record in
            MembersPage.Member(nip: record.nip, name: record.name,
                               pledge: record.pledgedAt.map { LocalDate(instant: $0).indonesianLong + (record.pledgeMethod == "paper" ? " (kertas)" : "") } ?? "–",
                               socializations: record.socializations, quiz: Self.quizText(record), quizPassed: record.quizPassed,
                               quizAttempts: record.quizAttempts)
        }
        let page = MembersPage(unitID: unit.id!.uuidString.lowercased(), unitName: unit.name, election: election?.name, electionCode: election?.id ?? "",
                               members: members, memberCount: members.count, reachedAll: records.filter { $0.reached == 3 }.count)
        return try await req.view.render("coverage-members", PageContext(req: req, title: "Cakupan per ASN — \(unit.name)", body: page))
    }

    @Sendable
    func membersCSV(req: Request) async throws -> Response {
        let (unit, election, records) = try await memberRecords(req)
        var lines = ["nip,nama,ikrar_pada,cara_ikrar,sosialisasi_diikuti,percobaan_kuis,nilai_kuis_terbaik,jumlah_soal,lulus_kuis"]
        for record in records {
            lines.append([
                record.nip, CSVField.escaped(record.name, formulaSafe: true), record.pledgedAt.map { LocalDate(instant: $0).iso8601 } ?? "",
                record.pledgeMethod ?? "", String(record.socializations), String(record.quizAttempts), record.bestQuizScore.map(String.init) ?? "",
                record.quizTotal.map(String.init) ?? "", record.quizPassed ? "ya" : "tidak",
            ].joined(separator: ","))
        }
        return .csv(lines, filename: "cakupan-asn-\(unit.id!.uuidString.lowercased())-\(election?.id ?? "semua").csv")
    }
}
