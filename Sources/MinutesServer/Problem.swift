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
    public var id: RecordID?
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String, id: RecordID? = nil) {
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
        let id: RecordID?
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
    static func failed(_ error: any Error, id: RecordID?) -> Problem {
        let message = JobFailure.message(error)
        guard let refused = error as? MinutesError else { return Problem(.badRequest, message, id: id) }
        if case .tooLarge = refused { return Problem(.contentTooLarge, message, id: id) }
        return Problem(.unprocessableContent, message, id: id)
    }

    /// 503 with `Retry-After` for a full queue.
    static func busy() -> Problem {
        var p = Problem(.serviceUnavailable, "all workers are busy and the queue is full; retry after a second")
        p.headers[.retryAfter] = "1"
        return p
    }
}
