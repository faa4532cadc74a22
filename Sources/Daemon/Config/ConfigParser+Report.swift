import Fleet
import Foundation
import Probe
import Yams

/// The config's fleet-reporting keys: `metrics` (the `/metrics` address) and `report`.
extension ConfigParser {
    func listenAddress(_ node: Node) throws(YAMLFileError) -> DaemonConfig.ListenAddress? {
        if node.null != nil { return nil }
        let text = try string(node)
        if text.isEmpty { return nil }
        let host = text.lastIndex(of: ":").map { String(text[..<$0]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")) } ?? ""
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port), !host.isEmpty else {
            throw fail(node, "metrics is host:port (e.g. 127.0.0.1:9464), or empty to turn /metrics off")
        }
        return .init(host: host, port: port)
    }

    func report(_ node: Node, into report: inout DaemonConfig.Report) throws(YAMLFileError) {
        let fields = try mapping(node, "report", keys: ["deviceId", "sampleSeconds", "outbox", "remoteWrite", "events"])
        if let value = fields["deviceId"] {
            let id = try string(value)
            guard (1...128).contains(id.utf8.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) else {
                throw fail(value, "deviceId is 1–128 ASCII letters, digits, '-', '_', '.' or ':'")
            }
            report.deviceId = id
        }
        if let value = fields["sampleSeconds"] {
            report.sampleSeconds = try positive(value)
            guard report.sampleSeconds >= 0.1 else { throw fail(value, "sampleSeconds must be at least 0.1") }
        }
        if let outbox = fields["outbox"] {
            let entries = try mapping(outbox, "report.outbox", keys: ["maxBytes", "maxAgeHours"])
            if let value = entries["maxBytes"] {
                report.outboxMaxBytes = try integer(value)
                guard report.outboxMaxBytes >= 64 << 10 else { throw fail(value, "outbox.maxBytes must be at least 65536") }
            }
            if let value = entries["maxAgeHours"] { report.outboxMaxAgeHours = try positive(value) }
        }
        if let value = fields["remoteWrite"] { report.remoteWrite = try endpoint(value, name: "remote-write") }
        if let value = fields["events"] { report.events = try endpoint(value, name: "events") }
    }

    private func endpoint(_ node: Node, name: String) throws(YAMLFileError) -> Endpoint {
        let fields = try mapping(node, "report.\(name)", keys: ["url", "bearerTokenFile", "basicAuthFile", "caFile", "timeoutSeconds"])
        let url = try string(required(fields, "url", in: node))
        var timeout = 30
        if let value = fields["timeoutSeconds"] {
            timeout = try integer(value)
            guard (1...600).contains(timeout) else { throw fail(value, "timeoutSeconds must be between 1 and 600") }
        }
        do {
            return try Endpoint(name: name, url: url, bearerTokenFile: try fields["bearerTokenFile"].map(path),
                                basicAuthFile: try fields["basicAuthFile"].map(path), caFile: try fields["caFile"].map(path), timeoutSeconds: timeout)
        } catch let error as FleetError {
            throw fail(node, error.message)
        } catch {
            throw fail(node, "\(error)")
        }
    }
}
