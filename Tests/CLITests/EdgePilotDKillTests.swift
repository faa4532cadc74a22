import FaultServer
import Foundation
import Testing

/// `kill -9` of the built daemon at random moments while it measures, decides, queues reports
/// and sends them, 50 times on one state directory: the store always opens and passes its check,
/// and in the end every stored decision and run has reached the events endpoint — nothing lost;
/// a repeat only of an entry whose answer the kill cut off (same id: harmless).
@Suite(.serialized) struct EdgePilotDKillTests {
    @Test func killNineWhileWritingAndSendingLosesNothing() throws {
        let sink = try FaultServer()
        defer { sink.stop() }
        sink.receive("/events")
        let extra = """
            report:
              deviceId: killed
              sampleSeconds: 0.1
              events:
                url: \(sink.url("/events").absoluteString)
                timeoutSeconds: 2
              remoteWrite:
                url: \(sink.url("/events").absoluteString.replacingOccurrences(of: "/events", with: "/write"))
                timeoutSeconds: 2
            """
        sink.receive("/write")
        let single = """
              - name: mnist
                files: [\(Repository.root)/examples/models/mnist-cntk/fp32.onnx]
            """
        let owner = try RunningDaemon(extra: extra, models: single)
        let directory = owner.directory
        var generator = SystemRandomNumberGenerator()
        var rounds = 0
        for round in 0..<50 {
            let daemon = round == 0 ? owner : try RunningDaemon(reusing: directory)
            usleep(UInt32.random(in: 200_000...2_500_000, using: &generator))
            kill(daemon.process.processIdentifier, SIGKILL)
            daemon.process.waitUntilExit()
            let check = try BuiltBinary("edgepilot").run(["results", "--check", "--db", directory + "/state/results.db"])
            #expect(check.status == 0, "round \(round): \(check.stdout)\(check.stderr)")
            rounds += 1
        }
        // One last start, left to deliver everything before a clean stop.
        let last = try RunningDaemon(reusing: directory)
        try #require(last.waitUntilReady(), "\(last.output)")
        // Delivered outbox entry ids by event type, as the sink took them, and the stored ids of
        // the decisions among them; `lines` counts repeats too.
        func received() -> (ids: [String: Set<Int>], decisions: Set<Int>, lines: Int) {
            var ids: [String: Set<Int>] = [:], decisions: Set<Int> = [], lines = 0
            for request in sink.received("/events") {
                for line in String(decoding: request.body, as: UTF8.self).split(separator: "\n") {
                    lines += 1
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let id = object["id"] as? Int,
                          let type = object["type"] as? String else { continue }
                    ids[type, default: []].insert(id)
                    if type == "decision", let stored = (object["data"] as? [String: Any])?["id"] as? Int { decisions.insert(stored) }
                }
            }
            return (ids, decisions, lines)
        }
        func storedDecisions() -> Set<Int> {
            let body = (try? last.curl(["http://d/v1/decisions?limit=10000"]).body) ?? ""
            let list = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [[String: Any]] ?? []
            return Set(list.compactMap { $0["id"] as? Int })
        }
        func storedRuns() -> Int {
            let runs = try? BuiltBinary("edgepilot").run(["results", "--json", "--limit", "100000", "--db", directory + "/state/results.db"])
            return ((try? JSONSerialization.jsonObject(with: Data((runs?.stdout ?? "").utf8))) as? [Any])?.count ?? -1
        }
        // The running daemon may store a new decision at any moment, so the check is that whatever
        // was stored when looked at has been delivered by the next look at the sink.
        var decisions: Set<Int> = [], runCount = -1
        let settled = eventually(seconds: 30) {
            decisions = storedDecisions()
            runCount = storedRuns()
            let delivered = received()
            return decisions.isSubset(of: delivered.decisions) && runCount == delivered.ids["measurement"]?.count
        }
        #expect(last.stop().status == 0)
        let (ids, delivered, lines) = received()
        print("kill -9: \(rounds) rounds; \(decisions.count) decisions and \(runCount) runs stored, \(ids["decision"]?.count ?? 0) and "
            + "\(ids["measurement"]?.count ?? 0) events delivered, \(lines - ids.values.map(\.count).reduce(0, +)) repeats; "
            + "\(sink.received("/write").count) remote-write batches taken")
        #expect(rounds == 50)
        #expect(!decisions.isEmpty && runCount > 0)
        let undelivered = decisions.subtracting(delivered)
        #expect(settled, "decisions \(undelivered) stored, not delivered; runs: \(runCount) stored, \(ids["measurement"]?.count ?? 0) delivered")
    }
}
