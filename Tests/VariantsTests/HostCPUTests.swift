import Engine
import Probe
import Testing
@testable import Variants

/// The CPU kernels are chosen for comes from an explicit probe: the board root's on a board, this
/// machine's for another tree (said in the note), and a forced level this CPU or build lacks is
/// refused with the reason.
@Suite struct HostCPUTests {
    static func info(_ architecture: String, _ features: [String]) -> HardwareInfo {
        var info = HardwareInfo()
        info.architecture = architecture
        info.features = features
        return info
    }

    @Test func theRootOfABoardIsItsOwnCPU() throws {
        var probed = false
        let host = HostCPU.resolve(board: Self.info("aarch64", ["asimd", "asimddp"]), root: "/") { probed = true; return Self.info("x86_64", []) }
        #expect(!probed && host.architecture == "aarch64" && host.features == ["asimd", "asimddp"] && host.note == nil)
    }

    @Test func anotherTreeUsesThisMachinesCPUAndSaysSo() throws {
        let host = HostCPU.resolve(board: Self.info("aarch64", ["asimd"]), root: "/boards/orin") { Self.info("x86_64", ["avx2", "fma"]) }
        #expect(host.architecture == "x86_64" && host.features == ["avx2", "fma"])
        #expect(host.note?.contains("the tree at /boards/orin describes a board (aarch64), not the CPU running them") == true, "\(host.note ?? "")")
    }

    @Test func aForcedLevelTheCPUOrBuildLacksIsRefused() throws {
        let plain = HostCPU(architecture: "x86_64", features: [], coreNames: [])
        #expect(try plain.isaLevel() == .scalar)
        #expect(try plain.isaLevel(requested: .scalar) == .scalar)
        #if arch(x86_64)
            #expect { try plain.isaLevel(requested: .avx2) } throws: { ($0 as? VariantsError)?.message.contains("this CPU lacks it") == true }
            #expect { try plain.isaLevel(requested: .neon) } throws: { ($0 as? VariantsError)?.message.contains("this build has no neon kernels") == true }
            #expect(try HostCPU(architecture: "x86_64", features: ["avx2", "fma"], coreNames: []).isaLevel() == .avx2)
            // Zen 4: AVX512-VNNI without AVX-VNNI — not a chain of levels.
            let zen4 = HostCPU(architecture: "x86_64", features: ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni"], coreNames: [])
            #expect(try zen4.isaLevel() == .avx512vnni)
            #expect(try zen4.isaLevel(requested: .avx2) == .avx2)
            #expect { try zen4.isaLevel(requested: .avxvnni) } throws: { ($0 as? VariantsError)?.message.contains("this CPU lacks it") == true }
            #expect(try HostCPU(architecture: "x86_64", features: ["avx2", "fma", "avx_vnni"], coreNames: []).isaLevel() == .avxvnni)
        #endif
    }

    /// This machine probes without profiles and names its architecture.
    @Test func thisMachineCanBeProbed() throws {
        let here = try HostCPU.probeThisMachine()
        #expect(here.architecture != nil)
    }
}
