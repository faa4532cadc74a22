import Testing
@testable import Policy

/// The trace CSV: its semantics (each row holds until the next, the last for the median step)
/// and every malformed input refused with file:line:column.
@Suite struct TraceTests {
    @Test func rowsHoldUntilTheNextAndTheLastForTheMedianStep() throws {
        let trace = try Trace.parse("""
            # a comment, then the header
            t_s,rate_hz,budget_w,slowdown,slo_p99_ms
            0,10,5,1,20

            2,20,4.5,1.2,
            3,0,4,1,15
            4,1,4,1,15
            """, source: "t.csv")
        #expect(trace.rows.map(\.duration) == [2, 1, 1, 1])  // the last: the median of 2, 1, 1
        #expect(trace.rows.map(\.slowdown) == [1, 1.2, 1, 1] && trace.rows.map(\.sloP99Ms) == [20, nil, 15, 15])
        #expect(trace.durationSeconds == 5)
        let single = try Trace.parse("rate_hz,t_s,budget_w\n5,0,3\n", source: "one.csv")
        #expect(single.rows == [Trace.Row(time: 0, rateHz: 5, budgetWatts: 3, slowdown: 1, sloP99Ms: nil, duration: 1)])
    }

    @Test(arguments: [
        ("", "t.csv: empty"),
        ("t_s,rate_hz,budget_w\n", "a header but no rows"),
        ("t_s,rate_hz\n0,1\n", "lacks the column 'budget_w'"),
        ("t_s,rate_hz,budget_w,watts\n0,1,2,3\n", "t.csv:1:4: unknown column 'watts'"),
        ("t_s,rate_hz,budget_w,t_s\n0,1,2,3\n", "appears twice"),
        ("t_s,rate_hz,budget_w\n0,1\n", "t.csv:2: 2 value(s) for 3 column(s)"),
        ("t_s,rate_hz,budget_w\n0,fast,2\n", "t.csv:2:2: rate_hz 'fast' is not a number"),
        ("t_s,rate_hz,budget_w\n0,1,nan\n", "t.csv:2:3: budget_w 'nan' is not a number"),
        ("t_s,rate_hz,budget_w\n0,-1,2\n", "t.csv:2:2: rate_hz -1 must be ≥ 0"),
        ("t_s,rate_hz,budget_w\n0,1,0\n", "t.csv:2:3: budget_w 0 must be > 0"),
        ("t_s,rate_hz,budget_w,slowdown\n0,1,2,0\n", "slowdown 0 must be > 0"),
        ("t_s,rate_hz,budget_w\n5,1,2\n5,1,2\n", "t.csv:3:1: t_s 5.0 does not follow 5.0"),
    ])
    func malformedTracesAreRefusedWithTheirPlace(text: String, message: String) {
        #expect { try Trace.parse(text, source: "t.csv") } throws: { error in
            guard let error = error as? PolicyError, error.code == .trace else { return false }
            return error.message.contains(message)
        }
    }
}
