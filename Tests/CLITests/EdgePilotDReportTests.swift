import FaultServer
import Foundation
import Testing

/// Fleet reporting end to end, against a real Prometheus on loopback: the built daemon pushes
/// with remote-write, the series arrive with the device's labels and the right values; the
/// server goes away for a while and comes back, and every snapshot of the gap arrives, none
/// twice; `/metrics` passes `promtool check metrics`; events arrive as NDJSON.
@Suite(.serialized) struct EdgePilotDReportTests {
    static func report(_ daemon: RunningDaemon) -> [String: Any] {
        let body = (try? daemon.curl(["http://d/v1/report"]).body) ?? ""
        return ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:]
    }

    static func samplesWaiting(_ daemon: RunningDaemon) -> Int? {
        let backlog = ((report(daemon)["outbox"] as? [String: Any])?["backlog"] as? [[String: Any]]) ?? []
        return backlog.first { $0["kind"] as? String == "samples" }?["depth"] as? Int
    }

    static func delivered(_ daemon: RunningDaemon, to endpoint: String) -> Int? {
        let endpoints = ((report(daemon)["outbox"] as? [String: Any])?["endpoints"] as? [[String: Any]]) ?? []
        return endpoints.first { $0["name"] as? String == endpoint }?["delivered"] as? Int
    }

    @Test func aFleetPrometheusGetsEverySnapshotAcrossAnOutage() throws {
        try #require(FileManager.default.isExecutableFile(atPath: PrometheusServer.binary), "\(PrometheusServer.binary) is missing: run make deps")
        let prometheus = try PrometheusServer()
        let events = try FaultServer()
        defer { events.stop() }
        events.receive("/events")
        let metricsPort = FaultServer.freePort()
        let daemon = try RunningDaemon(extra: """
            report:
              deviceId: board-under-test
              sampleSeconds: 1
              remoteWrite:
                url: \(prometheus.writeURL)
              events:
                url: \(events.url("/events").absoluteString)
            """, metrics: "127.0.0.1:\(metricsPort)")
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")

        let budget = "edgepilot_power_budget_watts{device=\"board-under-test\"}"
        #expect(eventually(seconds: 20) { (try? prometheus.query(budget))?.first?.value == 9 }, "\(daemon.output)\n\(prometheus.log)")
        let labels = try #require(try prometheus.query(budget).first?.labels)
        #expect(labels["board"] == "Jetson Orin Nano (devkit)" && labels["profile"] == "jetson-orin-nano", "\(labels)")
        #expect(eventually(seconds: 10) { ((try? prometheus.query("edgepilot_active_variant_info{device=\"board-under-test\",model=\"mnist\"}")) ?? []).count == 1 })

        // The live exposition passes Prometheus' own linter.
        let exposition = daemon.directory + "/metrics.txt"
        let scrape = try Shell.run("/usr/bin/curl", ["-sf", "-o", exposition, "http://127.0.0.1:\(metricsPort)/metrics"])
        #expect(scrape.status == 0)
        let lint = try Shell.run("/bin/sh", ["-c", "promtool check metrics < '\(exposition)'"])
        #expect(lint.status == 0 && lint.stdout.isEmpty && lint.stderr.isEmpty, "\(lint.stdout)\(lint.stderr)")

        // The server goes away: snapshots wait in the outbox; it comes back: they all arrive.
        prometheus.stop()
        #expect(eventually(seconds: 20) { (Self.samplesWaiting(daemon) ?? 0) >= 4 }, "\(Self.report(daemon))")
        try prometheus.start()
        #expect(eventually(seconds: 60) { Self.samplesWaiting(daemon) == 0 }, "\(Self.report(daemon))\n\(daemon.output)")
        // Stop reporting (the daemon) so the count below is final.
        let delivered = try #require(Self.delivered(daemon, to: "remote-write"))
        _ = daemon.stop()
        let times = try prometheus.times(budget, seconds: 900)
        let steps = zip(times, times.dropFirst()).map { $1 - $0 }
        // (A snapshot or two may go out between the count and the stop.)
        #expect(times.count >= delivered && times.count <= delivered + 2, "\(times.count) samples stored, \(delivered) snapshots delivered")
        #expect(steps.allSatisfy { $0 > 0 }, "a sample twice or out of order: \(steps)")
        #expect((steps.max() ?? 0) < 5000, "a gap in the series: \(steps)")

        // Decisions went to the events endpoint, one JSON object a line, with the device.
        let lines = events.received("/events").flatMap { String(decoding: $0.body, as: UTF8.self).split(separator: "\n") }
        #expect(lines.contains { $0.contains("\"device\":\"board-under-test\"") && $0.contains("\"type\":\"decision\"") }, "\(lines.prefix(3))")
    }
}
