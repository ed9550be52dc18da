import FluentKit
import Foundation
import NetraCore
import NetraStore

/// How the web application is started.
public struct WebSettings: Sendable {
    public var database: DatabaseLocation
    /// Seed the demo region into an empty database on start.
    public var seedDemo: Bool
    /// Mark cookies Secure (behind HTTPS). Off for plain http://127.0.0.1 development.
    public var secureCookies: Bool
    /// bcrypt cost; tests lower it to keep suites fast.
    public var passwordCost: Int
    /// Largest accepted upload.
    public var maxUploadBytes: Int
    /// Largest single evidence file.
    public var maxEvidenceFileBytes: Int
    /// The largest body an anonymous route (a report, a reporter's addition) reads; staff routes take `maxUploadBytes`.
    public var maxPublicUploadBytes: Int
    /// Where encrypted evidence files are kept: in `evidenceDirectory` or in the database (NETRA_EVIDENCE_STORE).
    public var evidenceStore: EvidenceStore
    /// The evidence directory (NETRA_EVIDENCE_DIR); with several instances, one that every instance mounts.
    public var evidenceDirectory: String
    /// Base64 AES-256 key for evidence (NETRA_EVIDENCE_KEY); when nil, a key file beside the evidence is used or created.
    public var evidenceKey: String?
    /// Keys evidence was encrypted with before a rotation, still accepted for reading.
    public var previousEvidenceKeys: [String]
    /// Public report submissions allowed per client address per 10 minutes.
    public var submissionsPerWindow: Int
    /// Public status look-ups allowed per client address per 10 minutes (slows guessing of secrets).
    public var lookupsPerWindow: Int
    /// Failed sign-ins allowed per client address per 10 minutes, whatever the accounts tried.
    public var loginFailuresPerWindow: Int
    /// A bearer token that reads `/metrics` (NETRA_METRICS_TOKEN); without one only a direct request from the
    /// server itself does (not one relayed by a proxy on the same machine).
    public var metricsToken: String?
    public var clock: WebClock
    /// Where the one-time setup token comes from.
    public var tokens: TokenSource
    /// How often the deadline job runs inside the server; nil to leave it to `netra jobs run` (cron).
    public var deadlineJobInterval: Duration?
    /// How long a background job claimed by this instance (a support list being matched) stays its own
    /// without news (`NETRA_JOB_LEASE_SECONDS`); another instance takes it over after that.
    public var jobLease: Duration
    /// Working days allowed per case step.
    public var deadlines: DeadlinePolicy
    /// Idle and absolute lifetimes of signed-in sessions.
    public var sessions: SessionPolicy
    /// E-mail delivery of notifications; nil keeps them in Netra only.
    public var mail: MailSettings?
    /// What hands messages over; nil for SMTP as `mail` says (tests put a recorder here).
    public var mailer: Mailer?
    /// The address people reach Netra at (`NETRA_PUBLIC_URL`), for what is printed on paper: a letter's QR
    /// code. Nil uses the host each request came to.
    public var publicURL: String?
    /// The reverse proxies whose `X-Forwarded-For`/`Forwarded` is believed (`NETRA_TRUSTED_PROXIES`).
    public var trustedProxies: TrustedProxies

    public init(database: DatabaseLocation, seedDemo: Bool = false, secureCookies: Bool = false, passwordCost: Int = 12,
                maxUploadBytes: Int = 64 * 1024 * 1024, maxEvidenceFileBytes: Int = 20 * 1024 * 1024, maxPublicUploadBytes: Int = 32 * 1024 * 1024,
                evidenceStore: EvidenceStore = .directory, evidenceDirectory: String = "netra-data/evidence", evidenceKey: String? = nil, previousEvidenceKeys: [String] = [],
                submissionsPerWindow: Int = 10, lookupsPerWindow: Int = 30, loginFailuresPerWindow: Int = 30, metricsToken: String? = nil, clock: WebClock = WebClock(), tokens: TokenSource = .live,
                deadlineJobInterval: Duration? = nil, jobLease: Duration = .seconds(120), deadlines: DeadlinePolicy = .standard, sessions: SessionPolicy = SessionPolicy(),
                mail: MailSettings? = nil, mailer: Mailer? = nil, publicURL: String? = nil, trustedProxies: TrustedProxies = .none) {
        self.database = database
        self.seedDemo = seedDemo
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.maxUploadBytes = maxUploadBytes
        self.maxEvidenceFileBytes = maxEvidenceFileBytes
        self.maxPublicUploadBytes = maxPublicUploadBytes
        self.evidenceStore = evidenceStore
        self.evidenceDirectory = evidenceDirectory
        self.evidenceKey = evidenceKey
        self.previousEvidenceKeys = previousEvidenceKeys
        self.submissionsPerWindow = submissionsPerWindow
        self.lookupsPerWindow = lookupsPerWindow
        self.loginFailuresPerWindow = loginFailuresPerWindow
        self.metricsToken = metricsToken
        self.clock = clock
        self.tokens = tokens
        self.deadlineJobInterval = deadlineJobInterval
        self.jobLease = jobLease
        self.deadlines = deadlines
        self.sessions = sessions
        self.mail = mail
        self.mailer = mailer
        self.publicURL = publicURL
        self.trustedProxies = trustedProxies
    }

    /// The evidence vault these settings describe, keeping its files in `database` when they are kept there.
    public func makeVault(on database: any Database) throws -> EvidenceVault {
        let directory = URL(fileURLWithPath: evidenceDirectory)
        let key = try evidenceKey.map(EvidenceKey.init(base64:))
            ?? EvidenceKey.loadOrCreate(at: directory.deletingLastPathComponent().appendingPathComponent("evidence.key").path)
        let previous = try previousEvidenceKeys.map(EvidenceKey.init(base64:))
        switch evidenceStore {
        case .directory: return try EvidenceVault(directory: directory, key: key, previousKeys: previous)
        case .database: return EvidenceVault(database: database, key: key, previousKeys: previous)
        }
    }

    /// Takes the evidence settings from the environment: NETRA_EVIDENCE_STORE (`directory`, the default, or
    /// `database`), NETRA_EVIDENCE_DIR, NETRA_EVIDENCE_KEY and NETRA_EVIDENCE_OLD_KEYS (comma-separated).
    public mutating func readEvidenceSettings(from environment: [String: String]) throws {
        let store = environment["NETRA_EVIDENCE_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? EvidenceStore.directory.rawValue
        guard let chosen = EvidenceStore(rawValue: store) else { throw EvidenceStore.Unknown(value: store) }
        evidenceStore = chosen
        evidenceDirectory = environment["NETRA_EVIDENCE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? evidenceDirectory
        evidenceKey = environment["NETRA_EVIDENCE_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        previousEvidenceKeys = (environment["NETRA_EVIDENCE_OLD_KEYS"] ?? "").split(separator: ",").map(String.init)
    }
}

/// Where evidence files and uploaded lists are kept.
public enum EvidenceStore: String, Sendable {
    /// Files in the evidence directory (one instance, or a directory every instance mounts).
    case directory
    /// The `evidence_blobs` table of the database every instance shares.
    case database

    public struct Unknown: Error, CustomStringConvertible {
        let value: String
        public var description: String { "NETRA_EVIDENCE_STORE harus \"directory\" atau \"database\", bukan \"\(value)\"." }
    }
}
