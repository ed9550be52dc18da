import Foundation
import ArgumentParser
import NetraCore
import NetraStore
import NetraWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Menjalankan aplikasi web Netra.")

    @Option(name: .long, help: "Alamat yang didengarkan.") var hostname = "127.0.0.1"
    @Option(name: .long, help: "Port HTTP.") var port = 8080
    @Flag(name: .long, help: "Muat data demo (Kabupaten Sungai Harapan) bila basis data masih kosong.") var demo = false
    @Flag(name: .long, help: "Tandai cookie sesi Secure (jalankan di balik HTTPS).") var secureCookies = false
    @Option(name: .long, help: "production (bawaan; templat disimpan dalam cache) atau development (bawaan untuk --demo).") var env: String?
    @Flag(name: .long, help: "Jangan jalankan pengingat dan eskalasi tenggat di server ini (gunakan `netra jobs run` lewat cron).") var noJobs = false
    @OptionGroup var store: DatabaseOption

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var settings = WebSettings(
            database: try store.location(), seedDemo: demo, secureCookies: secureCookies,
            maxPublicUploadBytes: (environment["NETRA_MAX_PUBLIC_UPLOAD_MB"].flatMap(Int.init) ?? 32) * 1024 * 1024,
            submissionsPerWindow: environment["NETRA_RATE_LIMIT_SUBMISSIONS"].flatMap(Int.init) ?? 10,
            lookupsPerWindow: environment["NETRA_RATE_LIMIT_LOOKUPS"].flatMap(Int.init) ?? 30,
            loginFailuresPerWindow: environment["NETRA_RATE_LIMIT_LOGIN_FAILURES"].flatMap(Int.init) ?? 30,
            metricsToken: environment["NETRA_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
            deadlineJobInterval: noJobs ? nil : .seconds(15 * 60),
            jobLease: .seconds(try positive(environment["NETRA_JOB_LEASE_SECONDS"], named: "NETRA_JOB_LEASE_SECONDS") ?? 120),
            deadlines: try DeadlinePolicy.standard.overridden(by: environment["NETRA_DEADLINES"] ?? ""),
            mail: try MailSettings.fromEnvironment(environment),
            publicURL: environment["NETRA_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 },
            trustedProxies: try trustedProxies(environment["NETRA_TRUSTED_PROXIES"] ?? "")
        )
        do { try settings.readEvidenceSettings(from: environment) } catch { throw ValidationError(String(describing: error)) }
        let demo = self.demo
        try await NetraServer.run(settings: settings, hostname: hostname, port: port, environmentName: env, onStart: { if demo { Self.printDemoAccounts() } })
    }

    private func positive(_ text: String?, named name: String) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text), value > 0 else { throw ValidationError("\(name) harus bilangan bulat positif (detik), bukan \"\(text)\".") }
        return value
    }

    private func trustedProxies(_ text: String) throws -> TrustedProxies {
        do { return try TrustedProxies(parsing: text) } catch { throw ValidationError(error.description) }
    }

    private static func printDemoAccounts() {
        defer { fflush(nil) }
        print("Akun demo (nama pengguna / kata sandi):")
        for account in DemoDataset.logins {
            print("  \(account.username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(account.password.padding(toLength: 16, withPad: " ", startingAt: 0)) \(account.displayName)")
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Membuat atau memperbarui skema basis data.")

    @OptionGroup var store: DatabaseOption

    func run() async throws {
        try await store.withStore { host in print("Skema basis data mutakhir: \(host.location)") }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Memuat data demo ke basis data kosong.")

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        /// The demo regency: 2,400 ASN, no cases.
        case regency
        /// For scale tests: about 100,000 ASN and 20,000 cases along the workflow.
        case province

        var people: Int { self == .province ? 100_000 : 2_400 }
        var cases: Int { self == .province ? 20_000 : 0 }
    }

    @Option(name: .long, help: "Ukuran data: regency (2.400 ASN) atau province (±100.000 ASN dan 20.000 kasus).") var scale = Scale.regency
    @OptionGroup var store: DatabaseOption

    func run() async throws {
        try await store.withStore { host in
            let summary = try await Self.load(scale, into: host)
            print("Data demo dimuat: \(summary.people) ASN dan \(summary.cases) kasus di \(DemoDataset.regencyName).")
        }
    }

    static func load(_ scale: Scale, into host: StoreHost) async throws -> (people: Int, cases: Int) {
        let seeder = DemoSeeder(database: host.database, hashPassword: { try NetraServer.hashPassword($0) })
        guard try await seeder.isDatabaseEmpty() else { throw CommandFailure("Basis data sudah berisi data; data demo hanya dimuat ke basis data kosong.") }
        let dataset = DemoDataset.generate(people: scale.people)
        let summary = try await seeder.seed(dataset)
        let cases = DemoCases.generate(count: scale.cases, people: dataset.people.map { ($0.record.nip, $0.record.name) }, workingDays: try WorkingDays.bundled())
        try await seeder.seedCases(cases, at: Date())
        return (summary.inserted, cases.count)
    }
}
