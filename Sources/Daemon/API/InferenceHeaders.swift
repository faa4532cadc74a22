import Basics
import HTTPTypes

extension InferenceWorker.Result {
    /// The headers of an inference's answer: which variant and precision ran, and how long the
    /// inference took in the daemon.
    var headerFields: HTTPFields {
        [
            .init("X-EdgePilot-Variant")!: candidate, .init("X-EdgePilot-Precision")!: precision.rawValue,
            .init("X-EdgePilot-Latency-Ms")!: Self.milliseconds(nanoseconds),
        ]
    }

    /// `0.071` for 70,600 ns: three decimals, as `%.3f` prints them, without Foundation's
    /// formatter (a few microseconds on every answer).
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micros = (nanoseconds + 500) / 1000, fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
