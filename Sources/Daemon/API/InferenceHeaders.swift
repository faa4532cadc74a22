import Basics
import Foundation
import HTTPTypes

extension InferenceWorker.Result {
    /// The headers of an inference's answer: which variant and precision ran, and how long the
    /// inference took in the daemon.
    var headerFields: HTTPFields {
        [
            .init("X-EdgePilot-Variant")!: candidate, .init("X-EdgePilot-Precision")!: precision.rawValue,
            .init("X-EdgePilot-Latency-Ms")!: String(format: "%.3f", Double(nanoseconds) / 1e6),
        ]
    }
}
