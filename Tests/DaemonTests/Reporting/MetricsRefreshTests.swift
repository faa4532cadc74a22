import Basics
import Fleet
import Foundation
import Measure
import Probe
import Store
import Testing
@testable import Daemon

/// The exposition the daemon serves on the Orin Nano fixture (its INA3221 rails and thermal
/// zones read through the real sources, one inference served) against a golden file. Families
/// and series are sorted (the registry's order is not stable); values that depend on time
/// (energy, latency, CPU, file sizes) are checked for presence only, the others to six digits.
/// `EDGEPILOT_UPDATE_GOLDEN=1 swift test --filter MetricsRefreshTests` rewrites the file.
@Suite struct MetricsRefreshTests {
    static let root = InferenceWorkerTests.root
    static let golden = root + "/Tests/Fixtures/metrics/jetson-orin-nano.prom"
    static let volatile = ["edgepilot_energy_joules_total", "edgepilot_inference_duration_seconds", "edgepilot_sampler_cpu_seconds_total",
                           "edgepilot_store_size_bytes"]

    static func normalized(_ exposition: String) -> String {
        var families: [String: [String]] = [:]
        for line in exposition.split(separator: "\n") {
            let words = line.split(separator: " ")
            let family = line.hasPrefix("#") ? String(words[2]) : String(line.prefix { $0 != "{" && $0 != " " })
            let base = volatile.first { family.hasPrefix($0) }
            var text = String(line)
            if !line.hasPrefix("#"), let space = line.lastIndex(of: " ") {
                // Integrals and means differ in their last bits from run to run: six digits.
                let value = Double(line[line.index(after: space)...]).map { String(format: "%.6g", $0) } ?? "?"
                text = line[..<space] + " " + (base == nil ? value : "<varies>")
            }
            families[base ?? family.replacingOccurrences(of: "_bucket", with: ""), default: []].append(text)
        }
        return families.keys.sorted().map { key in
            let lines = families[key]!
            return (lines.filter { $0.hasPrefix("#") }.sorted() + lines.filter { !$0.hasPrefix("#") }.sorted()).joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    @Test func theExpositionOnTheOrinNanoFixtureMatchesItsGolden() async throws {
        let tree = Self.root + "/Tests/Fixtures/sys/jetson-orin-nano"
        let board = try HardwareProbe.probe(.init(root: tree, profiles: try ProfileLoader.load(directory: Self.root + "/profiles")))
        let config = try ConfigParser(file: "/etc/edgepilot/config.yaml").parse("budget: 7.5\nsloP99Ms: 20\nmodels: [{name: mnist, files: [m.onnx]}]")
        let energy = try EnergySetup.choose(board: board, root: tree, simulate: nil, rateHz: 100)
        defer { energy.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-metrics-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ResultStore(path: directory + "/results.db")
        let metrics = FleetMetrics()
        let worker = InferenceWorker(name: "mnist", limit: 4, activity: nil, metrics: metrics)
        worker.install(try InferenceWorkerTests.variant("fp32", precision: .fp32))
        _ = try await worker.infer(InferenceWorkerTests.digit)
        let state = DaemonState(config: config, board: board, powerModes: [])
        let refresh = MetricsRefresh(metrics: metrics, state: state, workers: ["mnist": worker], energy: energy, store: store, board: board, root: tree)
        usleep(300_000)  // samples of the rail for the last-second window
        await refresh.refresh()
        let text = Self.normalized(String(decoding: metrics.exposition(), as: UTF8.self))
        if ProcessInfo.processInfo.environment["EDGEPILOT_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(atPath: (Self.golden as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: Self.golden, encoding: .utf8)
        #expect(text == expected, "differs from \(Self.golden):\n\(text)")
    }
}
