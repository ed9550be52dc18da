import FluentKit
import Foundation
import NetraCore
import NetraStore
import NetraWeb
import Testing
import VaporTesting

/// Starts the application on a fresh SQLite file with the demo region, and always shuts it down.
func withDemoApp(_ body: (Application) async throws -> Void) async throws {
    try await withDemoApp { app, _ in try await body(app) }
}

/// The same, also handing over the settings (for the evidence folder and key); `adjust` changes them first.
func withDemoApp(adjust: (inout WebSettings) -> Void = { _ in }, _ body: (Application, WebSettings) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netra-web-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var settings = WebSettings(database: .sqlite(path: directory.appendingPathComponent("netra.sqlite").path), seedDemo: true,
                               passwordCost: 4, maxEvidenceFileBytes: 1_000_000,
                               evidenceDirectory: directory.appendingPathComponent("evidence").path, evidenceKey: EvidenceKey.generate(),
                               // Journeys move the test clock by days and weeks; session expiry has its own tests.
                               sessions: SessionPolicy(idle: 366 * 86_400, absolute: 366 * 86_400))
    adjust(&settings)
    try await withApp(settings) { app in try await body(app, settings) }
}

/// Starts the application on `settings` and always shuts it down.
func withApp(_ settings: WebSettings, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings: settings)
        try await body(app)
    } catch {
        try await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// A browser in miniature: keeps cookies between requests and reads the CSRF token from pages.
struct WebClient {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    mutating func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil, headers: HTTPHeaders = [:],
                       body: ByteBuffer? = nil, contentType: HTTPMediaType? = nil) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        var payload = body
        if let form {
            headers.contentType = .urlEncodedForm
            let encoded = form.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            payload = ByteBuffer(string: encoded)
        } else if let contentType {
            headers.contentType = contentType
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: payload)
        for value in response.headers[.setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if value.contains("Max-Age=0") || value.contains("Expires=Thu, 01 Jan 1970") { cookies[String(pair[0])] = nil } else {
                cookies[String(pair[0])] = String(pair[1])
            }
        }
        let html = response.body.string
        // A public form that needs no token (the report form) carries an empty one; the last real token stays.
        if let range = html.range(of: #"name="csrf" value=""#), html[range.upperBound...].first != "\"" {
            csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
        }
        return response
    }

    /// Signs in through the login form, as a person would.
    @discardableResult
    mutating func login(_ username: String, _ password: String, then next: String = "/kuis") async throws -> TestingHTTPResponse {
        try await send(.GET, "/masuk")
        let response = try await send(.POST, "/masuk", form: ["username": username, "password": password, "csrf": csrf ?? "", "lanjut": next])
        // Follow the redirect as a browser does: the new session's token arrives with the next page.
        if response.status == .seeOther, let location = response.headers.first(name: .location) { try await send(.GET, location) }
        return response
    }
}

/// A clock a test can move forward.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ iso: String) { current = ISO8601DateFormatter().date(from: iso)! }

    var now: Date { lock.withLock { current } }

    func set(_ iso: String) { lock.withLock { current = ISO8601DateFormatter().date(from: iso)! } }

    var webClock: WebClock { WebClock(now: { [self] in now }) }
}

/// A route pattern with each parameter given a well-formed value that names nothing stored (or `value` for all).
func concretePath(_ pattern: String, value: String? = nil) -> String {
    pattern.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
        guard part.hasPrefix(":") else { return String(part) }
        if let value { return value }
        switch part {
        case ":nip": return "199001012020011001"
        case ":sha256": return String(repeating: "a", count: 64)
        case ":username": return "tidak-ada"
        default: return UUID().uuidString
        }
    }.joined(separator: "/")
}

/// A teacher of SDN 1 Harapan Hilir in the demo (not the school's head), with their school: the person most
/// case journeys report.
func demoTeacher(on app: Application) async throws -> (teacher: ASNModel, school: UnitModel) {
    let school = try #require(try await UnitModel.query(on: app.db).filter(\.$name == "SDN 1 Harapan Hilir").first())
    let teacher = try #require(try await ASNModel.query(on: app.db).filter(\.$unitID == school.id!).filter(\.$nip != school.headNIP!).first())
    return (teacher, school)
}

/// The Kepala BKPSDM of the demo region, before whom the tests' summonses call ASN to appear.
let demoExaminerNIP = DemoDataset.generate().letterhead.agencyHead.nip!

/// Twelve random letters (a–p), for e-mail addresses that no earlier run against the same SMTP server has used.
func uniqueLetters() -> String {
    String(UUID().uuidString.compactMap(\.hexDigitValue).prefix(12).map { Character(UnicodeScalar(UInt8(97 + $0))) })
}
