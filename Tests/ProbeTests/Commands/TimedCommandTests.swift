import Probe
import Testing

/// Real processes: exit status, output with and without stderr, and the limit — a shell whose
/// child sleeps (and holds the output pipe) is stopped at the limit with its whole group.
@Suite struct TimedCommandTests {
    @Test func exitStatusAndOutput() {
        let run = TimedCommand.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], timeoutSeconds: 5, includeStderr: true)
        #expect(run.status == 3 && !run.timedOut && run.failure == nil)
        #expect(run.output == "out\nerr\n" && run.outcome == "exit 3")
        #expect(TimedCommand.run("/bin/sh", ["-c", "echo out; echo err >&2"], timeoutSeconds: 5).output == "out\n")
    }

    @Test func aStalledScriptIsKilledWithItsChildrenAtTheLimit() {
        let run = TimedCommand.run("/bin/sh", ["-c", "echo started; sleep 30; echo never"], timeoutSeconds: 0.3)
        #expect(run.timedOut && run.status == nil && run.output == "started\n")
        #expect(run.seconds < 3, "took \(run.seconds) s")
        #expect(run.outcome.hasPrefix("killed after 0.") && run.outcome.hasSuffix("s (time limit)"))
    }

    @Test func aToolThatCannotStartSaysWhy() {
        let run = TimedCommand.run("/nonexistent/tool", [], timeoutSeconds: 1)
        #expect(run.status == nil && run.failure?.contains("/nonexistent/tool") == true, "\(run)")
    }
}
