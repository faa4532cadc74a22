import Foundation
import Probe
import Registry

extension DeviceCapabilities {
    /// What a manifest's `requires` is checked against: the probed board (its architecture, or
    /// this machine's when the probe could not read it), CPU features and memory.
    public init(_ info: HardwareInfo) {
        var uts = utsname()
        uname(&uts)
        let machine = withUnsafeBytes(of: &uts.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        self.init(arch: info.architecture ?? machine, features: Set(info.features), memoryBytes: info.memTotalBytes.map(Int64.init))
    }
}
