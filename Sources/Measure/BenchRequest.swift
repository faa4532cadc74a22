import Basics
import Bench
import Engine

/// What to measure: model files, which precisions of each (nil: each file as it is), at which
/// thread counts, under which protocol, with which calibration and eval data.
public struct BenchRequest: Sendable {
    public var models: [String]
    public var precisions: [Precision]?
    /// INT8 calibration samples (a `run --input` file or an eval-set directory).
    public var calibration: String?
    /// An eval-set directory (inputs.bin + labels.txt): top-1 and agreement with FP32.
    public var eval: String?
    /// Each variant is measured at each of these thread counts (a policy candidate each).
    public var threads: [Int]
    public var settings: BenchSettings
    /// Batch, input shapes and kernel level (threads come from `threads`).
    public var options: Compiler.Options
    public var maximumModelBytes: Int
    /// Also time every compiled step (a separate pass after the timed runs).
    public var profileSteps: Bool

    public init(models: [String], precisions: [Precision]? = nil, calibration: String? = nil, eval: String? = nil, threads: [Int] = [1],
                settings: BenchSettings = BenchSettings(), options: Compiler.Options = .init(), maximumModelBytes: Int = 512 << 20,
                profileSteps: Bool = false) {
        self.models = models
        self.precisions = precisions
        self.calibration = calibration
        self.eval = eval
        self.threads = threads
        self.settings = settings
        self.options = options
        self.maximumModelBytes = maximumModelBytes
        self.profileSteps = profileSteps
    }
}
