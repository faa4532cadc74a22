import Foundation
import Testing

/// Raw inference requests are answered on the event loop, without the router (InferFastPath):
/// on one keep-alive connection the answers come back in request order and say the same as the
/// router's, and a request the fast path cannot serve still gets the router's JSON error.
@Suite(.serialized) struct EdgePilotDFastPathTests {
    @Test func pipelinedRequestsAreAnsweredInOrderAndAlike() throws {
        let daemon = try RunningDaemon()
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        let digit = try Data(try Data(contentsOf: URL(fileURLWithPath: EdgePilotDTests.digit)).prefix(3136))
        func post(_ body: Data, accept: String = "application/octet-stream") -> Data {
            Data("POST /v1/models/mnist/infer HTTP/1.1\r\nHost: d\r\nContent-Type: application/octet-stream\r\nAccept: \(accept)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        }
        // Written at once: a router request first, then raw inferences that must wait their turn,
        // one the router serves as JSON, and one of the wrong size.
        let connection = try UnixConnection(path: daemon.socket)
        try connection.send(Data("GET /v1/models HTTP/1.1\r\nHost: d\r\n\r\n".utf8) + post(digit) + post(digit) + post(digit, accept: "application/json")
                            + post(Data(count: 8)) + post(digit))
        let answers = try (0..<6).map { _ in try connection.readResponse() }
        #expect(answers.map(\.status) == [200, 200, 200, 200, 400, 200], "\(answers.map(\.status))")
        #expect(String(decoding: answers[0].body, as: UTF8.self).contains("\"name\""))
        #expect(String(decoding: answers[4].body, as: UTF8.self).contains("the input is 8 bytes"))
        let raw = answers[1].body.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        let json = try #require(try JSONSerialization.jsonObject(with: answers[3].body) as? [String: Any])
        let floats = try #require(json["output"] as? [Double]).map { Float($0) }
        #expect(raw.count == 10 && floats.count == 10 && zip(raw, floats).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($0)) }, "\(raw) \(floats)")
        // With nothing before it on the connection a raw inference takes the fast path; a router
        // request written right behind it is answered after it.
        try connection.send(post(digit) + Data("GET /v1/models HTTP/1.1\r\nHost: d\r\n\r\n".utf8))
        let fast = try connection.readResponse(), after = try connection.readResponse()
        #expect(fast.status == 200 && after.status == 200 && String(decoding: after.body, as: UTF8.self).contains("\"name\""))
        for answer in [answers[1], answers[2], answers[5], fast] {
            #expect(answer.body == answers[1].body && answer.headers["x-edgepilot-variant"] != nil && answer.headers["server"] != nil, "\(answer.headers)")
        }

        // A body over the router's 64 MiB limit is not held by the fast path: the router refuses it.
        let big = try UnixConnection(path: daemon.socket)
        try? big.send(post(Data(count: (64 << 20) + 4096)))
        let refused = try big.readResponse()
        #expect(refused.status == 413 && String(decoding: refused.body, as: UTF8.self).contains("64 MiB"), "\(refused.status) \(String(decoding: refused.body, as: UTF8.self))")
        try connection.send(post(digit))
        #expect(try connection.readResponse().status == 200)
    }
}
