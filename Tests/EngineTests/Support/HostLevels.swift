import Engine
import Foundation

extension ISALevel {
    /// The levels this build has and this machine's CPU runs (from /proc/cpuinfo's flags),
    /// lowest first: the ones the tests compile for. A level the CPU lacks is checked by the
    /// kernel tests (SIMDe, qemu) instead.
    static let runnableHere: [ISALevel] = {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") || $0.hasPrefix("Features") }
        let features = line.map { $0.split(separator: ":", maxSplits: 1).last.map { $0.split(separator: " ").map(String.init) } ?? [] } ?? []
        return ISALevel.runnable(features: features)
    }()
}
