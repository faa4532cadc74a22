import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// `POST /v1/models/{name}/infer` with a raw float32 body, answered on the connection's event
/// loop without the router when the model has no request waiting: the router's task hops cost
/// more than a small inference. Everything else — other routes, JSON, `Expect`, a model with
/// requests in line, a request that fails, a request while an earlier one on this connection
/// is still with the router, a peer not yet checked — goes on to the router unchanged (held
/// parts are passed on in order), so the router stays the one place that answers errors.
/// Peers are checked once per connection, as the router's PeerCheck does.
final class InferFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let workers: [String: InferenceWorker]
    private let group: gid_t?
    private let serverName: String
    /// Requests passed to the router whose answer has not been written completely.
    private var routed = 0
    private var peer: Bool?
    private var held: (head: HTTPRequest, worker: InferenceWorker, body: ByteBuffer?)?

    init(workers: [String: InferenceWorker], group: gid_t?, serverName: String) {
        self.workers = workers
        self.group = group
        self.serverName = serverName
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if routed == 0, peerAllowed(context), let worker = worker(for: head) {
                held = (head, worker, nil)
            } else {
                routed += 1
                context.fireChannelRead(data)
            }
        case .body(var chunk):
            guard var request = held else { return context.fireChannelRead(data) }
            if request.body == nil { request.body = chunk } else { request.body!.writeBuffer(&chunk) }
            held = request
            // Larger than the router takes: it refuses the request (the rest of the body follows it there).
            if request.body!.readableBytes > ControlContext.uploadLimit { passOn(context) }
        case .end(let trailers):
            guard let request = held else { return context.fireChannelRead(data) }
            let input = request.body.map { Array($0.readableBytesView) } ?? []
            if case .success(let result)? = request.worker.inferIfIdle(input) {
                held = nil
                var fields = result.headerFields
                fields[.contentType] = "application/octet-stream"
                fields[.contentLength] = String(result.output.count)
                fields[.server] = serverName
                context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
                context.write(wrapOutboundOut(.body(ByteBuffer(bytes: result.output))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            } else {
                passOn(context)
                context.fireChannelRead(data)
            }
        }
    }

    /// Gives the held request (head and body so far) to the router.
    private func passOn(_ context: ChannelHandlerContext) {
        guard let request = held else { return }
        held = nil
        routed += 1
        context.fireChannelRead(wrapInboundOut(.head(request.head)))
        if let body = request.body { context.fireChannelRead(wrapInboundOut(.body(body))) }
    }

    /// The router's answers pass here: its request is done at the end of its answer.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { routed -= 1 }
        context.write(data, promise: promise)
    }

    /// The model's worker when the request may take the fast path.
    private func worker(for head: HTTPRequest) -> InferenceWorker? {
        guard head.method == .post, let path = head.path, head.headerFields[.expect] == nil,
              head.headerFields[.connection]?.lowercased() != "close",
              head.headerFields[.contentType].map({ $0.hasPrefix("application/json") }) != true,
              head.headerFields[.accept].map({ $0.contains("application/json") }) != true
        else { return nil }
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "v1", parts[2] == "models", parts[4] == "infer" else { return nil }
        return workers[String(parts[3])]
    }

    /// Whether the peer may use the socket; false until SO_PEERCRED has been read (the first
    /// request on a connection starts the read and goes to the router).
    private func peerAllowed(_ context: ChannelHandlerContext) -> Bool {
        if let peer { return peer }
        peer = false
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop), group = group
        PeerCredentials.reading(context.channel)?.whenSuccess { bound.value.peer = $0.allowed(group: group) }
        return false
    }
}
