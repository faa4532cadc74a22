/// The instruction-set level kernels are chosen for, once, from the host's features (the CLI
/// derives it from Probe's `HardwareInfo`); a lower level can be forced for tests and benches.
public enum ISALevel: String, Sendable, CaseIterable, Comparable {
    case scalar, avx2
    /// AVX2 with AVX-VNNI (`avx_vnni`: Alder Lake, Zen 5): the integer GEMM runs on 256-bit vpdpbusd.
    case avxvnni
    /// AVX2 with AVX512-VNNI (`avx512_vnni` with `avx512bw`, `avx512vl`: Cascade Lake, Ice Lake,
    /// Sapphire Rapids, Zen 4, Zen 5): the integer GEMM runs on 512-bit vpdpbusd.
    case avx512vnni
    case neon
    /// NEON with the ARMv8.2-A dot product (`asimddp`): the integer GEMM runs on sdot.
    case neondot
    /// NEON with i8mm (`i8mm`, ARMv8.6-A): the integer GEMM runs on usdot.
    case neoni8mm

    /// The best level for these kernel-spelled ISA features (`avx2`, `fma`, `avx512_vnni`,
    /// `avx_vnni`, `asimd`, `asimddp`, `i8mm`).
    public static func best(features: [String], architecture: String?) -> ISALevel {
        runnable(features: features).last ?? .scalar
    }

    /// The levels whose kernels this build has and a CPU with these features can run, lowest
    /// first. Not a chain: a Zen 4 has AVX512-VNNI but not AVX-VNNI.
    public static func runnable(features: [String]) -> [ISALevel] {
        let has = Set(features)
        return allCases.filter { $0.available && $0.required.isSubset(of: has) }
    }

    /// The kernel-spelled features a CPU needs for this level.
    var required: Set<String> {
        switch self {
        case .scalar: []
        case .avx2: ["avx2", "fma"]
        case .avxvnni: ["avx2", "fma", "avx_vnni"]
        case .avx512vnni: ["avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni"]
        // Advanced SIMD is mandatory on AArch64; the dot products are optional.
        case .neon: []
        case .neondot: ["asimddp"]
        case .neoni8mm: ["asimddp", "i8mm"]
        }
    }

    /// Whether this build has kernels for the level.
    public var available: Bool {
        switch self {
        case .scalar: true
        case .avx2, .avxvnni, .avx512vnni:
            #if arch(x86_64)
                true
            #else
                false
            #endif
        case .neon, .neondot, .neoni8mm:
            #if arch(arm64)
                true
            #else
                false
            #endif
        }
    }

    public static func < (a: ISALevel, b: ISALevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
