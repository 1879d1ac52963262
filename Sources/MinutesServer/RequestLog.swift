import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers

/// One log line and one metrics sample per request, written when the response's last byte is
/// (method, route, status, bytes in and out, ms, request id; never the text). It also turns every
/// error into a problem answer, so the line and the metrics see the status the client got.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let requestID = request.headers[.xRequestID] ?? context.id
        var response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = try problem.response(from: request, context: context)
        } catch let error as HTTPError {
            // the router's own: no route (404), a method the route lacks (405), a bad request line
            var problem = Problem(error.status, error.body ?? error.status.reasonPhrase)
            problem.headers = error.headers
            response = try problem.response(from: request, context: context)
        } catch {
            logger.error("unexpected error", metadata: ["request_id": "\(requestID)", "error": "\(error)"])
            response = try Problem(.internalServerError, "unexpected error").response(from: request, context: context)
        }
        response.headers[.xRequestID] = requestID
        let route = context.endpointPath ?? "unmatched"
        let status = response.status.code
        let method = request.method.rawValue
        let bytesIn = request.headers[.contentLength] ?? "-"
        let logger = self.logger
        let metrics = self.metrics
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            let counted = CountingWriter(base: writer) { bytes in
                let elapsed = ContinuousClock.now - start
                metrics.request(route: route, method: method, status: status, duration: elapsed)
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                logger.info("request", metadata: [
                    "method": "\(method)", "route": "\(route)", "status": "\(status)", "bytes_in": "\(bytesIn)",
                    "bytes_out": "\(bytes)", "ms": "\(String(format: "%.1f", ms))", "request_id": "\(requestID)",
                ])
            }
            try await body.write(counted)
        }
        return response
    }
}

/// A response body writer that counts bytes and reports them when the body is finished.
struct CountingWriter: ResponseBodyWriter {
    var base: any ResponseBodyWriter
    let finished: @Sendable (Int) -> Void
    var bytes = 0

    init(base: any ResponseBodyWriter, finished: @escaping @Sendable (Int) -> Void) {
        self.base = base
        self.finished = finished
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        bytes += buffer.readableBytes
        try await base.write(buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await base.finish(trailingHeaders)
        finished(bytes)
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-Id")!
}
