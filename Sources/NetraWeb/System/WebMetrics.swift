import Prometheus
import Vapor

/// Request counts and durations in Prometheus format, per route and status class. One registry per
/// application, so tests can start many applications in one process.
final class WebMetrics: Sendable {
    struct Key: StorageKey { typealias Value = WebMetrics }

    let registry = PrometheusCollectorRegistry()

    var middleware: some AsyncMiddleware { Recorder(metrics: self) }

    private struct Recorder: AsyncMiddleware {
        let metrics: WebMetrics

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let start = ContinuousClock.now
            let response: Response
            do {
                response = try await next.respond(to: request)
            } catch {
                metrics.record(request, status: (error as? any AbortError)?.status ?? .internalServerError, since: start)
                throw error
            }
            metrics.record(request, status: response.status, since: start)
            return response
        }
    }

    private func record(_ request: Request, status: HTTPResponseStatus, since start: ContinuousClock.Instant) {
        // The matched route pattern, never the raw path: ids and NIPs must not become label values.
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        let labels = [("method", request.method.rawValue), ("route", route), ("status", "\(status.code / 100)xx")]
        registry.makeCounter(name: "netra_http_requests_total", labels: labels).increment()
        registry.makeDurationHistogram(name: "netra_http_request_duration_seconds", labels: [("route", route)],
                                       buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2)])
            .record(ContinuousClock.now - start)
    }
}

extension Application {
    var webMetrics: WebMetrics { storage[WebMetrics.Key.self]! }
}
