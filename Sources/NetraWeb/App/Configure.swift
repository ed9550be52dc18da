import Fluent
import Foundation
import Leaf
import LeafKit
import NetraCore
import NetraStore
import Vapor

/// Sets up the whole web application on `app`: database and migrations, sessions, views, routes.
public func configure(_ app: Application, settings: WebSettings) async throws {
    try settings.database.register(on: app.databases)
    NetraMigrations.register(on: app.migrations)
    try await StoreSettings.apply(to: app.db, location: settings.database)
    try await MigrationLock.hold(for: settings.database, logger: app.logger) { try await app.autoMigrate() }

    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.routes.defaultMaxBodySize = ByteCount(value: settings.maxUploadBytes)


    // Views ship inside the package's resource bundle, which SwiftPM puts under the hidden .build
    // folder: the sandbox stays, the hidden-folder rule does not apply to our own bundle.
    let views = Bundle.module.resourceURL!.appendingPathComponent("Views").path + "/"
    app.directory.viewsDirectory = views
    app.views.use(.leaf)
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                  sandboxDirectory: views, viewDirectory: views))
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.storage[WebClock.Key.self] = settings.clock
    app.storage[TrustedProxiesKey.self] = settings.trustedProxies
    try await settings.clock.followSettings(on: app.db)
    app.storage[PublicAddress.Key.self] = PublicAddress(base: settings.publicURL ?? settings.mail?.publicURL, secure: settings.secureCookies)
    if settings.publicURL == nil && settings.mail == nil && app.environment == .production {
        // Behind a proxy that rewrites Host, the QR code on a letter would point at an address the public cannot reach.
        app.logger.warning("NETRA_PUBLIC_URL tidak diatur: kode QR pada surat memakai alamat yang dipakai peramban pencetaknya.")
    }
    let vault = try settings.makeVault(on: app.db)
    try await EvidenceKeyCheck.verify(vault, at: settings.clock.now(), on: app.db)
    let sealed = try await ReportStore.sealReporterIdentities(vault: vault, on: app.db)
    if sealed > 0 { app.logger.notice("Identitas pelapor pada \(sealed) laporan kini dienkripsi dengan kunci bukti.") }
    let cleaned = try await ReportStore.cleanStoredEvidence(vault: vault, on: app.db)
    if cleaned > 0 { app.logger.notice("Salinan tanpa metadata dibuat untuk \(cleaned) berkas bukti.") }
    app.storage[SessionConfiguration.Key.self] = SessionConfiguration(
        secureCookies: settings.secureCookies, policy: settings.sessions, formKey: vault.derivedKey(purpose: "form-cookie"), tokens: settings.tokens)
    let metrics = WebMetrics()
    app.storage[WebMetrics.Key.self] = metrics
    app.middleware.use(metrics.middleware)
    app.middleware.use(SecurityHeadersMiddleware(strictTransport: settings.secureCookies))
    ContentConfiguration.global.use(decoder: GuardedFormDataDecoder(), for: .formData)
    // Outside the error pages, so that an ended session's cookie is cleared on an error page too.
    app.middleware.use(SessionMiddleware())
    app.middleware.use(ErrorPageMiddleware(environment: app.environment))
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(InboxCountMiddleware())

    if settings.seedDemo {
        let seeder = DemoSeeder(database: app.db, hashPassword: { [passwords = app.password] in try passwords.hash($0) })
        if try await seeder.isDatabaseEmpty() {
            let summary = try await seeder.seed()
            app.logger.notice("Data demo dimuat: \(summary.inserted) ASN.")
        }
    }

    // A region's own first start: the first admin is made at a one-time address (NetraServer logs it).
    let token = try await AccountStore.anyAccountExists(on: app.db) ? nil : settings.tokens.make()
    app.storage[SetupToken.Key.self] = SetupToken(token: token)

    try app.register(collection: SystemController(metricsToken: settings.metricsToken, deadlines: settings.deadlines))
    try app.register(collection: AuthController(settings: settings, decoyHash: try await app.password.async.hash(settings.tokens.make())))
    try app.register(collection: AccountController())
    try app.register(collection: SettingsController())
    try app.register(collection: UnitAdminController())
    try app.register(collection: ElectionController())
    try app.register(collection: AddresseeController())
    try app.register(collection: RegistryController())
    try app.register(collection: RegistryAPIController())
    let guide = try Guide.bundled()
    try app.register(collection: GuideController(guide: guide))
    try app.register(collection: QuizController(rulebook: guide.rulebook))
    let workingDays = try WorkingDays.bundled()
    let inbox = InboxSource(workingDays: workingDays, deadlines: settings.deadlines, calendars: guide.calendars)
    app.storage[InboxSource.Key.self] = inbox
    try app.register(collection: InboxController(source: inbox))
    if let interval = settings.deadlineJobInterval {
        app.lifecycle.use(PeriodicJob.deadlines(every: interval, workingDays: workingDays, calendars: guide.calendars))
    }
    if let mail = settings.mail, settings.deadlineJobInterval != nil {
        let deliverer = OutboxDeliverer(mailer: try settings.mailer ?? .smtp(mail.smtp), settings: mail, vault: vault)
        app.lifecycle.use(PeriodicJob.mail(every: mail.interval, deliverer: deliverer))
    }
    try app.register(collection: DeliveryController(mailConfigured: settings.mail != nil))
    try app.register(collection: ReportController(guide: guide, vault: vault, intake: ReportIntake(database: app.db, vault: vault), settings: settings))
    try app.register(collection: LetterVerificationController())
    try app.register(collection: ReferralController(guide: guide, vault: vault))
    try app.register(collection: CoverageController())
    try app.register(collection: SupervisionController(shippedCalendars: guide.calendars, workingDays: workingDays, vault: vault))
    try app.register(collection: DashboardController(shippedCalendars: guide.calendars))
    try app.register(collection: SocializationController(vault: vault, secureCookies: settings.secureCookies))
    try app.register(collection: CircularController(rulebook: guide.rulebook))
    try app.register(collection: PledgeController(vault: vault, maxScanBytes: settings.maxEvidenceFileBytes))
    try app.register(collection: TransparencyController(shippedCalendars: guide.calendars))
    let supportLists = SupportListWorker(vault: vault, lease: settings.jobLease, clock: settings.clock)
    app.lifecycle.use(supportLists)
    try app.register(collection: SupportListController(rulebook: guide.rulebook, workingDays: workingDays, deadlines: settings.deadlines,
                                                       vault: vault, worker: supportLists))
    try app.register(collection: ScreeningController(rulebook: guide.rulebook, workingDays: workingDays, deadlines: settings.deadlines, vault: vault))
    try app.register(collection: CaseController(rulebook: guide.rulebook, workingDays: workingDays, deadlines: settings.deadlines, vault: vault,
                                                maxFileBytes: settings.maxEvidenceFileBytes))
}
