import Basics
import FaultServer
import Foundation
import Store
import Testing
@testable import Fleet

/// Delivery rules against a real HTTP server on loopback that injects faults: in order, at least
/// once, 5xx / 429 (Retry-After) / stalls / connections dropped mid-body tried again, any other
/// 4xx recorded and not tried again, an idempotency key on every batch.
@Suite struct OutboxSenderTests {
    struct Fixture {
        let server: FaultServer
        let store: ResultStore
        let directory: String
        var sender: OutboxSender
    }

    static func fixture(events: Bool = false) throws -> Fixture {
        let server = try FaultServer()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-fleet-\(UUID().uuidString)/state.db").path
        let store = try ResultStore(path: path)
        server.receive("/push")
        let endpoint = try Endpoint(name: events ? "events" : "remote-write", url: server.url("/push").absoluteString, timeoutSeconds: 2)
        var sender = OutboxSender(endpoint: endpoint, format: events ? .events(device: "dev-1") : .remoteWrite(identity: [.init("device", "dev-1")]),
                                  store: store)
        sender.batchEntries = 2
        sender.backoff = Backoff(baseSeconds: 0.01, maxSeconds: 0.1, maxRetryAfterSeconds: 60)
        return Fixture(server: server, store: store, directory: (path as NSString).deletingLastPathComponent, sender: sender)
    }

    static func snapshot(_ t: Int64) throws -> String {
        try Snapshot(t: t, samples: [MetricSample(name: "edgepilot_power_budget_watts", labels: [], value: Double(t))]).json()
    }

    @Test func faultsAreRetriedAndEverythingArrivesInOrder() throws {
        let f = try Self.fixture()
        defer { f.server.stop(); try? FileManager.default.removeItem(atPath: f.directory) }
        for t in 1...5 { try f.store.appendOutbox(kind: OutboxEntry.samples, payload: try Self.snapshot(Int64(t) * 1000)) }
        f.server.inject("/push", [.status(503, retryAfter: nil), .status(429, retryAfter: "7"), .stall(seconds: 3), .dropMidBody])
        var attempt = 0
        var waits: [Double] = []
        while true {
            let round = try f.sender.drain(attempt: &attempt)
            guard case .retry(let after, _) = round else { break }
            waits.append(after)
            #expect(waits.count < 10)
        }
        #expect(waits.count == 4 && waits[1] == 7, "Retry-After honoured: \(waits)")
        let received = f.server.received("/push")
        #expect(received.count == 3)  // 5 entries in batches of 2
        #expect(received.allSatisfy { $0.headers["content-encoding"] == "snappy" && $0.headers["x-prometheus-remote-write-version"] == "0.1.0" })
        let keys = received.compactMap { $0.headers["idempotency-key"] }
        #expect(keys.count == 3 && keys[0].hasPrefix("dev-1-") && Set(keys).count == 3)
        // Every try of the first batch carried the same key: the receiver can tell a repeat.
        #expect(Set(f.server.requests("/push").prefix(5).compactMap { $0.headers["idempotency-key"] }).count == 1)
        #expect(try f.store.pendingOutbox(kind: OutboxEntry.samples, limit: 10).isEmpty)
        let endpoint = try #require(try f.store.outboxStatus().endpoints.first)
        #expect(endpoint.delivered == 5 && endpoint.rejected == 0 && endpoint.lastError != nil)
    }

    @Test func aRefusalIsRecordedAndNotTriedAgain() throws {
        let f = try Self.fixture()
        defer { f.server.stop(); try? FileManager.default.removeItem(atPath: f.directory) }
        for t in 1...3 { try f.store.appendOutbox(kind: OutboxEntry.samples, payload: try Self.snapshot(Int64(t) * 1000)) }
        try f.store.appendOutbox(kind: OutboxEntry.samples, payload: "{garbled")
        f.server.inject("/push", [.status(400, retryAfter: nil)])
        var attempt = 0
        let round = try f.sender.drain(attempt: &attempt)
        #expect(round == .idle)
        #expect(f.server.requests("/push").count == 2)  // the refused batch, then the last good entry; the garbled one is never sent
        let endpoint = try #require(try f.store.outboxStatus().endpoints.first)
        #expect(endpoint.rejected == 3 && endpoint.delivered == 1)
        #expect(endpoint.lastRejection?.contains("unreadable") == true || endpoint.lastRejection?.contains("HTTP 400") == true)
    }

    @Test func eventsGoAsNDJSONWithTheDeviceAndTheirId() throws {
        let f = try Self.fixture(events: true)
        defer { f.server.stop(); try? FileManager.default.removeItem(atPath: f.directory) }
        let a = try f.store.appendOutbox(kind: OutboxEntry.event, payload: "{\"type\":\"decision\",\"data\":{\"code\":\"hold\"}}")
        let b = try f.store.appendOutbox(kind: OutboxEntry.event, payload: "{\"type\":\"pull\",\"data\":{}}")
        var attempt = 0
        #expect(try f.sender.drain(attempt: &attempt) == .idle)
        let body = try #require(f.server.received("/push").first?.body)
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2 && f.server.received("/push").first?.headers["content-type"] == "application/x-ndjson")
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["device"] as? String == "dev-1" && (first?["id"] as? Int).map(Int64.init) == a && first?["type"] as? String == "decision")
        #expect(lines[1].contains("\"id\":\(b),"))
    }

    @Test func secretsComeFromFilesAndBadEndpointsAreRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-token-\(UUID().uuidString)").path
        try "s3cret\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try Endpoint(name: "rw", url: "https://fleet.example/api/v1/write", bearerTokenFile: file).authorization() == "Authorization: Bearer s3cret")
        #expect { try Endpoint(name: "rw", url: "http://x/", basicAuthFile: file).authorization() } throws: { "\($0)".contains("user:password") }
        #expect(try Endpoint(name: "rw", url: "https://board:pa55@fleet.example/w").displayURL == "https://board:***@fleet.example/w")
        #expect { try Endpoint(name: "rw", url: "ftp://x/") } throws: { "\($0)".contains("not an http or https URL") }
        #expect { try Endpoint(name: "rw", url: "http://x/", bearerTokenFile: "/nonexistent").authorization() } throws: { "\($0)".contains("/nonexistent") }
    }

    @Test(arguments: [(200, nil as String?, "delivered"), (204, nil, "delivered"), (400, nil, "rejected"), (404, nil, "rejected"),
                      (408, nil, "retry"), (429, "3", "retry"), (500, nil, "retry"), (503, "120", "retry"), (301, nil, "retry")])
    func answersAreJudgedByTheRules(status: Int, retryAfter: String?, expected: String) {
        let verdict = Delivery.judge(.init(status: status, retryAfter: retryAfter, body: "", transportError: nil), attempt: 0,
                                     backoff: Backoff(baseSeconds: 1, maxSeconds: 60, maxRetryAfterSeconds: 60))
        switch verdict {
        case .delivered: #expect(expected == "delivered")
        case .rejected: #expect(expected == "rejected")
        case .retry(_, let after):
            #expect(expected == "retry")
            if let retryAfter { #expect(after == min(60, Double(retryAfter)!)) } else { #expect(after >= 0.5 && after <= 1) }
        }
        #expect({ if case .retry = Delivery.judge(.init(status: 0, retryAfter: nil, body: "", transportError: "refused"), attempt: 3,
                                                  backoff: Backoff()) { return true }; return false }())
    }
}
