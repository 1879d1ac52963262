import Prometheus

/// What `GET /metrics` reports, in Prometheus text: requests by route and status, their latency,
/// articles and bytes extracted, and the queue depth.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let articles: Counter
    private let bytes: Counter
    private let queueDepth: Gauge
    /// Latency buckets in seconds: a 2 KB report takes milliseconds, a 16 MB page seconds.
    static let buckets: [Duration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10].map { .microseconds(Int64($0 * 1_000_000)) }

    init() {
        articles = registry.makeCounter(name: "minutes_articles_extracted_total", help: "Articles extracted (records that gave a result).")
        bytes = registry.makeCounter(name: "minutes_bytes_extracted_total", help: "Input bytes of the articles extracted.")
        queueDepth = registry.makeGauge(name: "minutes_queue_depth", help: "Jobs waiting for a worker.")
    }

    func request(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "minutes_http_requests_total", labels: [("route", route), ("method", method), ("status", String(status))],
                             help: "HTTP requests by route, method and status.").increment()
        registry.makeDurationHistogram(name: "minutes_http_request_duration_seconds", labels: [("route", route)], buckets: Self.buckets,
                                       help: "Time from the request to the end of the response.").record(duration)
    }

    func extracted(bytes n: Int) {
        articles.increment()
        bytes.increment(by: Int64(n))
    }

    /// The metrics in Prometheus text format.
    func text(queueDepth depth: Int) -> [UInt8] {
        queueDepth.set(to: Double(depth))
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
