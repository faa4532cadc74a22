import Fleet
import Hummingbird
import Logging
import NIOCore

/// `/metrics` on its TCP address: the metrics brought up to date, then their exposition.
enum MetricsServer {
    static func application(_ address: DaemonConfig.ListenAddress, refresh: MetricsRefresh, serverName: String,
                            logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            await refresh.refresh()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: refresh.metrics.exposition())))
        }
        return Application(router: router, configuration: .init(address: .hostname(address.host, port: address.port), serverName: serverName),
                           onServerRunning: { _ in logger.notice("metrics on http://\(address)/metrics") }, logger: logger)
    }
}
