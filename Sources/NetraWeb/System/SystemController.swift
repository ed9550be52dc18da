import Fluent
import NetraCore
import NetraStore
import SQLKit
import Vapor

struct HealthReport: Content {
    let status: String
    let database: String
    let asn: Int?
}

/// Health for load balancers and metrics for Prometheus.
struct SystemController: RouteCollection {
    let metricsToken: String?
    /// The working days each step may take, which the home page tells citizens.
    let deadlines: DeadlinePolicy

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("metrics", use: metrics)
        routes.get(use: home)
        routes.get("aset", "netra.js", use: script)
    }

    /// The one script, read once at start (it ships in the bundle).
    static let scriptBytes: [UInt8] = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Assets/netra.js")
        return (try? Array(Data(contentsOf: url))) ?? []
    }()

    @Sendable
    func script(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: Self.scriptBytes)))
    }

    @Sendable
    func health(req: Request) async throws -> Response {
        let report: HealthReport
        do {
            let count = try await RegistryQueries.asnCount(on: req.db)
            report = HealthReport(status: "ok", database: "reachable", asn: count)
        } catch {
            req.logger.error("Pemeriksaan basis data gagal: \(error)")
            report = HealthReport(status: "error", database: "unreachable", asn: nil)
        }
        let response = try await report.encodeResponse(for: req)
        response.status = report.status == "ok" ? .ok : .serviceUnavailable
        return response
    }

    @Sendable
    func metrics(req: Request) async throws -> Response {
        // Not found rather than forbidden: an outsider learns nothing about what the server counts.
        guard Self.mayReadMetrics(req, token: metricsToken) else { throw Abort(.notFound) }
        var buffer: [UInt8] = []
        req.application.webMetrics.registry.emit(into: &buffer)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: buffer)))
    }

    static func mayReadMetrics(_ req: Request, token: String?) -> Bool {
        let forwarded = ["X-Forwarded-For", "Forwarded", "X-Real-IP"].contains { req.headers.contains(name: $0) }
        return MetricsAccess.allows(remoteAddress: req.remoteAddress?.ipAddress, forwarded: forwarded,
                                    bearer: req.headers.bearerAuthorization?.token, token: token)
    }

    @Sendable
    func home(req: Request) async throws -> Response {
        if req.viewer != nil { return req.redirect(to: InboxController.path) }
        let page = HomePage.make(letterhead: try await LetterheadStore.current(on: req.db), regionName: try await RegionStore.regency(on: req.db)?.name,
                                 policy: deadlines)
        return try await req.view.render("home", PageContext(req: req, title: "Laporkan Pelanggaran Netralitas ASN", body: page)).encodeResponse(for: req)
    }
}


/// Who reads `/metrics`: with a token configured, a request carrying it (`Authorization: Bearer …`); without one,
/// only a direct request from this machine — no forwarding header, which a reverse proxy on the same machine adds.
public enum MetricsAccess {
    public static func allows(remoteAddress: String?, forwarded: Bool, bearer: String?, token: String?) -> Bool {
        if let token {
            guard let bearer else { return false }
            return CSRFMiddleware.equalInConstantTime(bearer, token)
        }
        guard !forwarded, let address = remoteAddress else { return false }
        return address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
