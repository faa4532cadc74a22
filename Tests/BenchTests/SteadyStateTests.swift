@testable import Bench
import Testing

@Suite struct SteadyStateTests {
    @Test func flatIsSteadyAndADriftIsNot() {
        #expect(SteadyState.isSteady(latencies: [10, 10.1, 9.9, 10, 10.05, 9.95], temperatures: [50, 50, 50.2, 50.1, 50, 50.1]))
        // +1% per second over 6 s: 5% across the window.
        #expect(!SteadyState.isSteady(latencies: (0..<6).map { 10 * (1 + 0.01 * Double($0)) }, temperatures: []))
        // Latency flat but the board still heating by 0.5 °C/s.
        #expect(!SteadyState.isSteady(latencies: Array(repeating: 10, count: 6), temperatures: (0..<6).map { 50 + 0.5 * Double($0) }))
        #expect(abs(SteadyState.slope([1, 3, 5, 7]) - 2) < 1e-12)
    }
}
