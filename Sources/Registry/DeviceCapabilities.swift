/// What the board offers a variant: its architecture, CPU features and memory (from Probe's
/// `HardwareInfo`, turned into this value by the CLI so Registry needs no Probe).
public struct DeviceCapabilities: Sendable, Equatable {
    public var arch: String
    public var features: Set<String>
    public var memoryBytes: Int64?

    public init(arch: String, features: Set<String>, memoryBytes: Int64?) {
        self.arch = arch
        self.features = features
        self.memoryBytes = memoryBytes
    }

    /// Why the board cannot run a variant with these requirements, or nil when it can.
    public func refusal(_ requires: Manifest.Requirements?) -> String? {
        guard let requires else { return nil }
        if let arches = requires.arch, !arches.isEmpty, !arches.contains(arch) {
            return "needs arch \(arches.joined(separator: " or ")); this board is \(arch)"
        }
        let missing = (requires.isa ?? []).filter { !features.contains($0) }
        if !missing.isEmpty { return "needs CPU feature(s) \(missing.joined(separator: ", ")), which this board lacks" }
        if let needed = requires.memoryBytes, let memoryBytes, needed > memoryBytes {
            return "needs \(needed) bytes of memory; this board has \(memoryBytes)"
        }
        return nil
    }
}
