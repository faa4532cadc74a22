/// The instruction-set level kernels are chosen for, once, from the host's features (the CLI
/// derives it from Probe's `HardwareInfo`); a lower level can be forced for tests and benches.
public enum ISALevel: String, Sendable, CaseIterable, Comparable {
    case scalar, avx2, neon
    /// NEON with the ARMv8.2-A dot product (`asimddp`): the integer GEMM runs on sdot.
    case neondot
    /// NEON with i8mm (`i8mm`, ARMv8.6-A): the integer GEMM runs on usdot.
    case neoni8mm

    /// The best level for these kernel-spelled ISA features (`avx2`, `fma`, `asimd`, `asimddp`, `i8mm`).
    public static func best(features: [String], architecture: String?) -> ISALevel {
        #if arch(x86_64)
            return features.contains("avx2") && features.contains("fma") ? .avx2 : .scalar
        #elseif arch(arm64)
            // Advanced SIMD is mandatory on AArch64; the dot products are optional.
            if features.contains("i8mm") && features.contains("asimddp") { return .neoni8mm }
            return features.contains("asimddp") ? .neondot : .neon
        #else
            return .scalar
        #endif
    }

    /// Whether this build has kernels for the level.
    public var available: Bool {
        switch self {
        case .scalar: true
        case .avx2:
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
