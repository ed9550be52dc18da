import ArgumentParser
import Foundation
import NetraCore
import NetraStore
import SQLKit

extension Bench {
    struct DashboardBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard",
            abstract: "Mengukur setiap kueri dasbor terhadap agregat SQL polos dari angka yang sama, pada data skala provinsi."
        )
        @Option(name: .long, help: "Ulangan per kueri (median yang dilaporkan).") var repeats = 5
        @Option(name: .long, help: "Basis data (bawaan: NETRA_DATABASE_URL, lalu SQLite sementara); diisi data skala provinsi bila kosong.") var database: String?

        func run() async throws {
            let directory = try Bench.temporaryDirectory("dashboard-bench")
            defer { try? FileManager.default.removeItem(at: directory) }
            let location = try DatabaseLocation(database ?? ProcessInfo.processInfo.environment["NETRA_DATABASE_URL"]
                ?? directory.appendingPathComponent("province.sqlite").path)
            try await StoreHost.withMigrated(location) { host in
                if try await DemoSeeder(database: host.database, hashPassword: { $0 }).isDatabaseEmpty() {
                    let start = Date()
                    let loaded = try await Demo.load(.province, into: host)
                    print(String(format: "data skala provinsi dimuat: %d ASN, %d kasus dalam %.1f s", loaded.people, loaded.cases, Date().timeIntervalSince(start)))
                }
                guard let sql = host.database as? any SQLDatabase else { throw CommandFailure("Tolok ukur ini memerlukan basis data SQL.") }
                let db = host.database
                let calendar = try ElectionCalendar.bundled()
                let today = LocalDate(year: 2024, month: 12, day: 1)!
                print("basis data: \(location); median dari \(repeats) kali")
                func bare(_ queries: [SQLQueryString]) async throws { for query in queries { _ = try await sql.raw(query).all() } }
                let comparisons: [(String, () async throws -> Void, () async throws -> Void)] = [
                    ("dasbor kasus", { _ = try await CaseFigures.load(scope: .all, calendar: calendar, on: db) }, {
                        try await bare(["SELECT status, COUNT(*) AS n FROM cases GROUP BY status", "SELECT behaviours, COUNT(*) AS n FROM cases GROUP BY behaviours",
                                        "SELECT opened_on, COUNT(*) AS n FROM cases GROUP BY opened_on"])
                    }),
                    ("cakupan", { _ = try await CoverageQueries.snapshot(electionCode: "pilbup-2024", today: today, on: db) }, {
                        try await bare(["SELECT unit_id, COUNT(*) AS n FROM asn GROUP BY unit_id",
                                        "SELECT a.unit_id, COUNT(DISTINCT a.nip) AS n FROM pledges p JOIN asn a ON a.nip = p.asn_nip GROUP BY a.unit_id",
                                        "SELECT a.unit_id, COUNT(DISTINCT a.nip) AS n FROM socialization_attendance s JOIN asn a ON a.nip = s.asn_nip GROUP BY a.unit_id",
                                        "SELECT a.unit_id, COUNT(DISTINCT a.nip) AS n FROM quiz_attempts q JOIN asn a ON a.nip = q.asn_nip GROUP BY a.unit_id",
                                        "SELECT subject_unit_id, status, COUNT(*) AS n FROM cases GROUP BY subject_unit_id, status"])
                    }),
                    ("transparansi", { _ = PublicFigures(counts: try await TransparencyQueries.counts(calendar: calendar, today: LocalDate(instant: Date()), on: db).counts) }, {
                        try await bare(["SELECT COUNT(*) AS n FROM cases", "SELECT behaviours, COUNT(*) AS n FROM cases GROUP BY behaviours",
                                        "SELECT opened_on, COUNT(*) AS n FROM cases GROUP BY opened_on",
                                        "SELECT status, sanction_level, COUNT(*) AS n FROM cases GROUP BY status, sanction_level",
                                        "SELECT subject_unit_path, COUNT(*) AS n FROM cases GROUP BY subject_unit_path"])
                    }),
                ]
                for (name, ours, baseline) in comparisons {
                    let oursSeconds = try await median(ours), bareSeconds = try await median(baseline)
                    print(String(format: "%-14@ netra %.3f s · agregat polos %.3f s · %.1f× (sasaran ≤ 10×)", name as NSString, oursSeconds, bareSeconds,
                                 oursSeconds / bareSeconds))
                }
            }
        }

        private func median(_ body: () async throws -> Void) async throws -> Double {
            var times: [Double] = []
            for _ in 0..<max(repeats, 1) {
                let start = Date()
                try await body()
                times.append(max(Date().timeIntervalSince(start), 0.000_001))
            }
            return times.sorted()[times.count / 2]
        }
    }
}
