import FaultServer
import Foundation
import Testing
@testable import Registry

/// Transfers against a real HTTP server on 127.0.0.1 that fails on purpose.
@Suite(.serialized) struct FetcherTests {
    let server: FaultServer
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-fetch-\(UUID().uuidString)").path
    let body = TestRegistry.blob(7, size: 300_000)

    init() throws {
        server = try FaultServer()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        server.put("/f", body)
    }

    func fetcher(attempts: Int = 4, _ configure: (inout FetchSettings) -> Void = { _ in }) -> Fetcher {
        var settings = FetchSettings()
        settings.attempts = attempts
        settings.baseDelaySeconds = 0.01
        settings.maxDelaySeconds = 0.05
        configure(&settings)
        return Fetcher(settings: settings)
    }

    func downloaded() -> Data? { FileManager.default.contents(atPath: folder + "/part") }

    @Test func aDroppedConnectionResumesWhereItStopped() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.inject("/f", [.dropAfter(100_000)])
        try fetcher().file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        #expect(downloaded() == body)
        let requests = server.requests("/f")
        #expect(requests.count == 2)
        #expect(requests[1].range == "bytes=100000-", "the second request asks for the rest only: \(requests.map(\.range))")
        #expect(requests[1].ifRange == FaultServer.etag(body), "If-Range carries the ETag of the first response")
    }

    @Test func aPartialWhoseServerCopyChangedStartsAgain() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.inject("/f", [.dropAfter(50_000)])
        #expect(throws: RegistryError.self) { try fetcher(attempts: 1).file(server.url("/f"), to: folder + "/part", size: Int64(body.count)) }
        let changed = TestRegistry.blob(9, size: body.count)
        server.put("/f", changed)  // new ETag: If-Range fails, the server sends the whole new body
        try fetcher().file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        #expect(downloaded() == changed)
    }

    @Test func aServerThatIgnoresRangeGetsTheWholeBodyWrittenFromZero() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body.prefix(70_000).write(to: URL(fileURLWithPath: folder + "/part"))
        server.inject("/f", [.ignoreRange])
        try fetcher().file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        #expect(downloaded() == body)
        #expect(server.requests("/f").map(\.range) == ["bytes=70000-"])
    }

    @Test func aPartialFileLongerThanDeclaredIsDiscarded() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (body + Data(repeating: 1, count: 10)).write(to: URL(fileURLWithPath: folder + "/part"))
        let digest = try fetcher().file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        #expect(downloaded() == body && digest == TestRegistry.sha256(body))
    }

    @Test func errorStatusesAreRetriedAndRetryAfterIsHonoured() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.inject("/f", [.status(500, retryAfter: nil), .status(429, retryAfter: "1"), .status(503, retryAfter: "1")])
        let start = Date()
        try fetcher().file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        #expect(downloaded() == body)
        #expect(Date().timeIntervalSince(start) >= 1.9, "two Retry-After: 1 were waited")
        #expect(server.requests("/f").count == 4)
    }

    @Test func persistentErrorsFailClearlyAfterTheLimit() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.inject("/f", Array(repeating: .status(503, retryAfter: "0"), count: 5))
        #expect(throws: RegistryError(.fetch, "\(server.url("/f").absoluteString): gave up after 3 attempt(s); last: HTTP 503 (Retry-After: 0)")) {
            try fetcher(attempts: 3).file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        }
        #expect((downloaded() ?? Data()).isEmpty, "no error page was written into the partial file")
        #expect(throws: RegistryError(.fetch, "\(server.url("/missing").absoluteString): HTTP 404")) {
            try fetcher().file(server.url("/missing"), to: folder + "/other", size: 10)
        }
        #expect(server.requests("/missing").count == 1, "404 is final, not retried")
    }

    @Test func aSlowDripIsAbortedByTheLowSpeedLimit() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.put("/slow", TestRegistry.blob(1, size: 20_000))
        server.inject("/slow", [.drip(bytesPerSecond: 50)])
        let start = Date()
        do {
            try fetcher(attempts: 1) { $0.lowSpeedBytesPerSecond = 10_000; $0.lowSpeedSeconds = 1 }.file(server.url("/slow"), to: folder + "/part", size: 20_000)
            Issue.record("a 50 B/s drip finished")
        } catch let error as RegistryError {
            #expect(error.code == .fetch && error.message.contains("low-speed abort"), "\(error.message)")
        }
        #expect(Date().timeIntervalSince(start) < 8)
    }

    @Test func aBodyLargerThanDeclaredIsCutOffAndRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.inject("/f", [.oversize(1 << 20)])
        #expect(throws: RegistryError(.integrity, "\(server.url("/f").absoluteString): the body is larger than the declared \(body.count) bytes; cut off and refused")) {
            try fetcher().file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
        }
        #expect(downloaded() == nil, "the partial file is gone")
    }

    @Test func aFailingWriteIsAStoreErrorNotARetry() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            try fetcher { $0.injectWriteFailureAfterBytes = 65_536 }.file(server.url("/f"), to: folder + "/part", size: Int64(body.count))
            Issue.record("the injected ENOSPC was not reported")
        } catch let error as RegistryError {
            #expect(error.code == .store && error.message.contains("No space left on device"), "\(error.message)")
        }
        #expect(server.requests("/f").count == 1)
    }

    @Test func documentsHaveASizeLimitAndMissingOnesCanBeNil() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try fetcher().data(server.url("/f"), limit: 1 << 20) == body)
        #expect(throws: RegistryError.self) { try fetcher().data(server.url("/f"), limit: 1000) }
        #expect(try fetcher().data(server.url("/nothing"), limit: 100, missingIsNil: true) == nil)
        #expect(try fetcher().data(URL(fileURLWithPath: folder + "/nothing"), limit: 100, missingIsNil: true) == nil)
    }

    /// TLS is always verified: a self-signed server is refused (not retried) unless its
    /// certificate is given as the CA bundle. The server is `openssl s_server -WWW`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs /usr/bin/openssl (Debian's openssl, in `make deps`)"))
    func httpsIsVerifiedAgainstTheSystemOrTheGivenCABundle() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body.write(to: URL(fileURLWithPath: folder + "/blob"))
        func openssl(_ arguments: [String]) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        let req = try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1",
                               "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        req.waitUntilExit()
        let port = Int(FaultServer.freePort())
        let server = try openssl(["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "cert.pem", "-key", "key.pem", "-WWW", "-quiet"])
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }  // s_server ignores SIGTERM
        let url = URL(string: "https://127.0.0.1:\(port)/blob")!
        var trusting = fetcher(attempts: 100) { $0.caBundle = folder + "/cert.pem"; $0.baseDelaySeconds = 0.05 }
        trusting.settings.maxDelaySeconds = 0.1
        try trusting.file(url, to: folder + "/part", size: Int64(body.count))  // retries while s_server starts
        #expect(downloaded() == body)
        do {
            try fetcher(attempts: 5).file(url, to: folder + "/other", size: Int64(body.count))
            Issue.record("a self-signed server was trusted")
        } catch let error as RegistryError {
            #expect(error.code == .fetch && !error.message.contains("gave up"), "refused at once, not retried: \(error.message)")
            #expect(error.message.lowercased().contains("certificate"), "\(error.message)")
        }
    }

    @Test func retryAfterReadsSecondsAndDates() {
        let settings = FetchSettings()
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(settings.retryAfter("7", now: now) == 7)
        #expect(settings.retryAfter("100000", now: now) == settings.maxRetryAfterSeconds)
        #expect(settings.retryAfter("Mon, 12 Jan 1970 13:46:50 GMT", now: now) == 10)
        #expect(settings.retryAfter("soon", now: now) == nil)
        for attempt in 0..<10 { #expect(settings.backoff(after: attempt) <= settings.maxDelaySeconds) }
    }
}
