import FaultServer
import Foundation

/// A real Prometheus (Debian's `prometheus`, installed by `make deps`) on a free loopback port,
/// with the remote-write receiver on and a temporary data directory; it can be stopped and
/// started again on the same data, as a fleet's server that goes away for a while.
final class PrometheusServer: @unchecked Sendable {
    static let binary = "/usr/bin/prometheus"
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-prometheus-\(UUID().uuidString.prefix(8))").path
    let port = FaultServer.freePort()
    private var process: Process?

    var writeURL: String { "http://127.0.0.1:\(port)/api/v1/write" }

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Samples older than the newest one of their series are accepted within a day (a board's
        // backlog after a gap arrives after its newer neighbours only in this case; see docs/fleet.md).
        try "storage:\n  tsdb:\n    out_of_order_time_window: 1d\n".write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
                             "--web.listen-address=127.0.0.1:\(port)", "--web.enable-remote-write-receiver", "--log.level=warn"]
        let log = FileHandle(forWritingAtPath: directory + "/prometheus.log") ?? {
            FileManager.default.createFile(atPath: directory + "/prometheus.log", contents: nil)
            return FileHandle(forWritingAtPath: directory + "/prometheus.log")!
        }()
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        guard eventually(seconds: 30, { (try? get("/-/ready"))?.contains("Ready") == true }) else {
            throw POSIXError(.ETIMEDOUT)
        }
    }

    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    var log: String { (try? String(contentsOfFile: directory + "/prometheus.log", encoding: .utf8)) ?? "" }

    func get(_ path: String) throws -> String {
        try Shell.run("/usr/bin/curl", ["-sg", "--max-time", "5", "http://127.0.0.1:\(port)\(path)"]).stdout
    }

    /// An instant query's result vector: each series' labels and value.
    func query(_ promql: String) throws -> [(labels: [String: String], value: Double)] {
        let encoded = promql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? promql
        let json = try JSONSerialization.jsonObject(with: Data(try get("/api/v1/query?query=\(encoded)").utf8)) as? [String: Any]
        let result = ((json?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        return result.compactMap { entry in
            guard let labels = entry["metric"] as? [String: String], let pair = entry["value"] as? [Any], pair.count == 2,
                  let text = pair[1] as? String, let value = Double(text) else { return nil }
            return (labels, value)
        }
    }

    /// The timestamps (ms) of one series' samples over the last `seconds`.
    func times(_ selector: String, seconds: Int) throws -> [Int64] {
        let encoded = "\(selector)[\(seconds)s]".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? selector
        let json = try JSONSerialization.jsonObject(with: Data(try get("/api/v1/query?query=\(encoded)").utf8)) as? [String: Any]
        let result = ((json?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        let values = (result.first?["values"] as? [[Any]]) ?? []
        return values.compactMap { ($0.first as? Double).map { Int64(($0 * 1000).rounded()) } }
    }
}
