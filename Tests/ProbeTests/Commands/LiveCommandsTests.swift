import Probe
import Testing

/// Real processes from /usr/bin and /bin, the directories board tools live in.
@Suite struct LiveCommandsTests {
    @Test func outputOfATool() throws {
        let result = try #require(LiveCommands().output(of: ["echo", "NV Power Mode: 15W"]))
        #expect(try result.get() == "NV Power Mode: 15W\n")
    }

    @Test func missingToolIsNotAnError() {
        #expect(LiveCommands().output(of: ["edgepilot-no-such-tool"]) == nil)
        #expect(LiveCommands().output(of: ["./relative/tool"]) == nil)
    }

    @Test func failingToolIsAFailure() throws {
        let result = try #require(LiveCommands().output(of: ["false"]))
        #expect(throws: ReadFailure.self) { try result.get() }
    }

    @Test func stalledToolIsStoppedAtTheLimit() throws {
        let result = try #require(LiveCommands(timeoutSeconds: 0.2).output(of: ["sleep", "10"]))
        #expect { try result.get() } throws: { ($0 as? ReadFailure)?.kind == .busy }
    }
}
