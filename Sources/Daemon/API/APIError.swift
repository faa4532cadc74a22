import Foundation
import HTTPTypes
import Hummingbird

/// An error as the control API answers it: a status and `{"error": {"code": …, "message": …}}`.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var retryAfterSeconds: Int?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    init(_ error: DaemonError) {
        switch error.code {
        case .model: self.init(.notFound, error.code.rawValue, error.message)
        case .busy: self.init(.serviceUnavailable, error.code.rawValue, error.message, retryAfterSeconds: 1)
        case .request, .config: self.init(.badRequest, error.code.rawValue, error.message)
        case .startup, .socket: self.init(.internalServerError, error.code.rawValue, error.message)
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONBody.response(ErrorBody(error: .init(code: code, message: message)), status: status)
        if let retryAfterSeconds { response.headers[.retryAfter] = "\(retryAfterSeconds)" }
        return response
    }
}

private struct ErrorBody: Encodable {
    struct Detail: Encodable { var code: String, message: String }
    var error: Detail
}

/// JSON responses: sorted keys, ISO 8601 dates.
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(0x0A)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A request body as `T`, or 400 saying what is wrong with it.
    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "request", "\(what): not the JSON expected (\(error))")
        }
    }
}
