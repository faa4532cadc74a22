@testable import Daemon
import Foundation
import Testing

struct InferenceHeadersTests {
    @Test func latencyPrintsAsPercentPointThreeF() {
        #expect(InferenceWorker.Result.milliseconds(70_600) == "0.071")
        #expect(InferenceWorker.Result.milliseconds(0) == "0.000")
        #expect(InferenceWorker.Result.milliseconds(999_500) == "1.000")
        #expect(InferenceWorker.Result.milliseconds(1_234_567_890) == "1234.568")
        for nanoseconds: UInt64 in stride(from: 1_001, to: 50_000_000, by: 999_983) {
            #expect(InferenceWorker.Result.milliseconds(nanoseconds) == String(format: "%.3f", Double(nanoseconds) / 1e6), "\(nanoseconds)")
        }
    }
}
