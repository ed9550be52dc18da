import Fluent
import NetraCore
import NetraStore
import Vapor

/// The registry as JSON under /api/v1, with the same scope rules as the pages.
struct RegistryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("openapi.yaml", use: openAPI)
        api.get("units", use: units)
        api.get("asn", use: search)
        api.get("asn", ":nip", use: detail)
        api.on(.POST, "registry", "validate", body: .collect(maxSize: nil), use: validate)
    }

    struct SearchResult: Content {
        let items: [ASNSummary]
        let limit: Int
        let offset: Int
    }

    @Sendable
    func openAPI(req: Request) async throws -> Response {
        let url = Bundle.module.resourceURL!.appendingPathComponent("openapi.yaml")
        let response = Response(status: .ok, body: .init(data: try Data(contentsOf: url)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return response
    }

    @Sendable
    func units(req: Request) async throws -> [UnitNode] {
        let viewer = try req.require(.viewRegistry)
        return try await RegistryQueries.unitTree(scope: viewer.registryScope, on: req.db)
    }

    @Sendable
    func search(req: Request) async throws -> SearchResult {
        let viewer = try req.require(.viewRegistry)
        let limit = try req.wholeNumber("limit", in: 1...500, fallback: 50)
        let offset = try req.wholeNumber("offset", in: 0...RegistryQueries.maxOffset, fallback: 0)
        var unitID: UUID?
        if let text = req.query[String.self, at: "unit"] {
            guard let id = UUID(uuidString: text), let unit = try await RegistryQueries.unit(id: id, on: req.db),
                  viewer.registryScope.allowsUnit(path: unit.path) else { throw Abort(.notFound, reason: "Unit tidak ditemukan.") }
            unitID = id
        }
        let items = try await RegistryQueries.search(String((req.query[String.self, at: "q"] ?? "").prefix(100)), scope: viewer.registryScope,
                                                     unitID: unitID, limit: limit, offset: offset, on: req.db)
        return SearchResult(items: items, limit: limit, offset: offset)
    }

    @Sendable
    func detail(req: Request) async throws -> ASNDetail {
        let viewer = try req.require(.viewRegistry)
        let nip = (req.parameters.get("nip") ?? "").filter(\.isNumber)
        guard let detail = try await RegistryQueries.detail(nip: nip, scope: viewer.registryScope, on: req.db) else {
            throw Abort(.notFound, reason: "ASN tidak ditemukan.")
        }
        return detail.shown(fullNIK: viewer.may(.viewNIK), personalDetails: viewer.may(.viewPersonalDetails))
    }

    /// Checks a CSV export exactly as `netra registry validate --json` does, storing nothing.
    @Sendable
    func validate(req: Request) async throws -> RegistryValidationReport {
        _ = try req.require(.importRegistry)
        guard let body = req.body.data else { throw Abort(.badRequest, reason: "Kirim isi berkas CSV sebagai badan permintaan.") }
        do {
            return try RegistryValidationReport.validate(MemoryByteSource(Array(body.readableBytesView)))
        } catch {
            throw Abort(.unprocessableEntity, reason: error.description)
        }
    }
}

extension ASNDetail: Content {}
extension UnitNode: Content {}
extension ASNSummary: Content {}
extension RegistryValidationReport: Content {}
