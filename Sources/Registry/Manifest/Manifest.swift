import Basics
import Foundation

/// A model as its publisher describes it: schema v1 (docs/manifest.md has every field and an
/// example). Decoded from the exact bytes the signature covers, then checked by
/// `Manifest.parse`, which refuses anything hostile before a byte is downloaded.
public struct Manifest: Codable, Equatable, Sendable {
    public var schemaVersion: Int
    public var name: String
    /// Monotonically increasing; a lower one than installed is a downgrade.
    public var version: Int
    /// RFC 3339 / ISO 8601 timestamps, e.g. `2026-12-01T00:00:00Z`.
    public var created: String
    public var expires: String
    public var task: String
    public var inputs: [TensorSpec]
    public var outputs: [TensorSpec]
    public var variants: [Variant]
    public var data: [DataRef]?

    public struct TensorSpec: Codable, Equatable, Sendable {
        public var name: String
        /// Dimensions; -1 for a dimension chosen at run time (the batch).
        public var shape: [Int]
        public var dtype: String
        /// How raw data becomes this input, in words (e.g. "float32(x) − mean[c], BGR").
        public var preprocessing: String?
    }

    public struct Variant: Codable, Equatable, Sendable {
        public var id: String
        public var precision: Precision
        public var format: String?
        /// Downloadable: where, how big, which bytes.
        public var url: String?
        public var size: Int64?
        public var sha256: String?
        public var accuracy: Accuracy?
        public var requires: Requirements?
        /// Derivable: built on the device from another variant (INT8 from FP32 plus calibration data).
        public var derive: Derivation?

        public var isDownloadable: Bool { derive == nil }
    }

    /// The one precision type (`Basics.Precision`): fp32, fp16, int8.
    public typealias Precision = Basics.Precision

    public struct Accuracy: Codable, Equatable, Sendable {
        public var metric: String
        public var value: Double
        public var dataset: String?
    }

    public struct Requirements: Codable, Equatable, Sendable {
        /// `aarch64`, `x86_64`; absent = any.
        public var arch: [String]?
        /// CPU features as `/proc/cpuinfo` names them (`asimddp`, `avx2`, `avx512_vnni`, …).
        public var isa: [String]?
        public var memoryBytes: Int64?
    }

    public struct Derivation: Codable, Equatable, Sendable {
        /// The variant id it is built from.
        public var from: String
        /// A `data` id with role `calibration` (int8).
        public var calibration: String?
    }

    public struct DataRef: Codable, Equatable, Sendable {
        public var id: String
        public var role: Role
        public var url: String
        public var size: Int64
        public var sha256: String
        /// `edgepilot-samples` (the `run --input` raw format) or `edgepilot-eval` (inputs.bin + labels.txt as a tar).
        public var format: String

        public enum Role: String, Codable, Sendable { case calibration, validation }
    }
}
