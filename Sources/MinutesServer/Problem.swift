import Foundation
import HTTPTypes
import Hummingbird
import Minutes
import MinutesBatch

/// An error answer, `application/problem+json` (RFC 9457): a status that says what happened and
/// a detail that says what to change.
public struct Problem: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let detail: String
    /// The `id` of the request's record, when known.
    public var id: String?
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String, id: String? = nil) {
        self.status = status
        self.detail = detail
        self.id = id
    }

    static let mediaType = "application/problem+json"

    struct Body: Encodable {
        let type = "about:blank"
        let title: String
        let status: Int
        let detail: String
        let instance: String
        let id: String?

        enum CodingKeys: String, CodingKey { case type, title, status, detail, instance, id }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(type, forKey: .type)
            try c.encode(title, forKey: .title)
            try c.encode(status, forKey: .status)
            try c.encode(detail, forKey: .detail)
            try c.encode(instance, forKey: .instance)
            try c.encodeIfPresent(id, forKey: .id)
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(title: status.reasonPhrase, status: status.code, detail: detail, instance: request.uri.path, id: id)
        var headers = self.headers
        headers[.contentType] = Self.mediaType
        var encoded = Data(try OrderedJSONEncoder().encode(body))
        encoded.append(0x0A)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: encoded)))
    }

    /// The problem for a job the worker could not extract: a bad record is the client's request
    /// (400), bytes the library refuses are content it cannot process (413 or 422).
    static func failed(_ output: JobOutput, id: String?) -> Problem {
        switch output.cause {
        case let error as MinutesError:
            if case .tooLarge = error { return Problem(.contentTooLarge, output.error ?? "\(error)", id: id) }
            return Problem(.unprocessableContent, output.error ?? "\(error)", id: id)
        default:
            return Problem(.badRequest, output.error ?? "bad request", id: id)
        }
    }

    /// 503 with `Retry-After` for a full queue.
    static func busy() -> Problem {
        var p = Problem(.serviceUnavailable, "all workers are busy and the queue is full; retry after a second")
        p.headers[.retryAfter] = "1"
        return p
    }
}
