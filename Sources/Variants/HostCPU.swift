import Engine
import Probe

/// The CPU this process's kernels run on, from an explicit probe — never a global. On a real
/// board the probe of its root (`/`) says it all. A tree under another root (a fixture, a copy
/// of a board's files) describes some board, not necessarily this machine: kernels chosen from
/// its features could trap here (SIGILL), so the CPU facts then come from the probe of `/`, and
/// `note` says so.
public struct HostCPU: Sendable, Equatable {
    public var architecture: String?
    /// Kernel-spelled ISA features (`avx2`, `fma`, `asimddp`, `i8mm`, …).
    public var features: [String]
    public var coreNames: [String]
    /// Why the facts are not from the board root's probe, when they are not.
    public var note: String?

    public init(architecture: String?, features: [String], coreNames: [String], note: String? = nil) {
        self.architecture = architecture
        self.features = features
        self.coreNames = coreNames
        self.note = note
    }

    public init(_ info: HardwareInfo, note: String? = nil) {
        self.init(architecture: info.architecture, features: info.features, coreNames: info.cores.compactMap(\.coreName), note: note)
    }

    /// The board at `root` (already probed as `board`); `probeThisMachine` probes `/` when the
    /// root is another tree.
    public static func resolve(board: HardwareInfo, root: String, probeThisMachine: () throws -> HardwareInfo) rethrows -> HostCPU {
        guard root != "/" && root != "" else { return HostCPU(board) }
        let here = try probeThisMachine()
        let what = board.architecture.map { $0 == here.architecture ? "" : " (\($0))" } ?? ""
        return HostCPU(here, note: "kernels are chosen for this machine's CPU (\(here.architecture ?? "unknown architecture")): "
            + "the tree at \(root) describes a board\(what), not the CPU running them")
    }

    /// The probe of this machine (`/`): only its CPU facts are used, so no board profile is needed.
    public static func probeThisMachine() throws(VariantsError) -> HardwareInfo {
        do {
            return try HardwareProbe.probe(.init(root: "/", profiles: []))
        } catch {
            throw VariantsError(.isa, "cannot probe this machine's CPU: \(error.message)")
        }
    }

    /// The kernel level: the one asked for (refused when this build or this CPU lacks it), else
    /// the best this CPU has.
    public func isaLevel(requested: ISALevel? = nil) throws(VariantsError) -> ISALevel {
        let best = ISALevel.best(features: features, architecture: architecture)
        guard let requested else { return best }
        guard requested.available else { throw VariantsError(.isa, "--isa \(requested.rawValue): this build has no \(requested.rawValue) kernels") }
        guard ISALevel.runnable(features: features).contains(requested) else {
            throw VariantsError(.isa, "--isa \(requested.rawValue): this CPU lacks it (the best it has is \(best.rawValue))")
        }
        return requested
    }
}
