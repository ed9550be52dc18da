import Vapor

/// Turns errors into a JSON body under /api and an Indonesian error page elsewhere, never leaking
/// internals: unexpected errors are logged and shown as a generic message.
struct ErrorPageMiddleware: AsyncMiddleware {
    let environment: Environment

    struct ErrorBody: Content {
        let error: Bool
        let reason: String
    }

    struct ErrorPage: Encodable {
        let status: UInt
        let message: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let reason: String
            var headers = HTTPHeaders()
            // Before AbortError: Vapor makes a DecodingError an AbortError whose reason spells out the decoder's
            // internals (types, coding paths); a client gets the plain message only.
            if error is DecodingError {
                status = .badRequest
                reason = "Data yang dikirim tidak lengkap atau tidak sah."
            } else if let abort = error as? any AbortError, abort.status.code < 500 {
                status = abort.status
                headers = abort.headers
                reason = status == .notFound && abort.reason == status.reasonPhrase ? "Halaman tidak ditemukan." : abort.reason
            } else {
                request.logger.report(error: error)
                status = .internalServerError
                reason = "Terjadi kesalahan pada server. Silakan coba lagi."
            }
            if status.code / 100 == 3 { return Response(status: status, headers: headers) }
            if request.url.path.hasPrefix("/api/") {
                let response = try await ErrorBody(error: true, reason: reason).encodeResponse(status: status, for: request)
                return response
            }
            let page = PageContext(req: request, title: "Galat \(status.code)", body: ErrorPage(status: status.code, message: reason))
            let response = try await request.view.render("error", page).encodeResponse(status: status, for: request)
            return response
        }
    }
}
