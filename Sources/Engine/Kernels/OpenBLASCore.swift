import CEngineBLAS
import Foundation

/// Makes sure OpenBLAS runs a kernel built for this CPU. OpenBLAS 0.3.21 does not know newer
/// cores and silently falls back to a generic one ("Prescott" on x86: 3.5–6× slower,
/// TOOLCHAIN.md §1), and it reads OPENBLAS_CORETYPE only when it loads — so when the loaded
/// kernel is generic and a better one is known for this CPU, the process re-executes itself
/// once with OPENBLAS_CORETYPE set. An operator's own OPENBLAS_CORETYPE is always respected.
public enum OpenBLASCore {
    static let reexecMarker = "EDGEPILOT_OPENBLAS_REEXEC"

    public static var current: String { String(cString: openblas_get_corename()) }

    /// The OpenBLAS core type for this CPU, from kernel-spelled features and core names.
    public static func preferred(features: [String], coreNames: [String]) -> String? {
        #if arch(x86_64)
            if features.contains("avx512f") && features.contains("avx512bw") && features.contains("avx512vl") { return "SkylakeX" }
            if features.contains("avx2") && features.contains("fma") { return "Haswell" }
            return nil
        #elseif arch(arm64)
            let names = Set(coreNames)
            if !names.isDisjoint(with: ["Neoverse-V1", "Neoverse-V2", "Neoverse-V3", "Neoverse-V3AE"]) { return "NEOVERSEV1" }
            if !names.isDisjoint(with: ["Cortex-A76", "Cortex-A76AE", "Cortex-A77", "Cortex-A78", "Cortex-A78AE", "Cortex-A78C", "Neoverse-N1", "Cortex-X1"]) {
                return "NEOVERSEN1"
            }
            if names.contains("Cortex-A72") || names.contains("Cortex-A73") { return "CORTEXA72" }
            if names.contains("Cortex-A57") { return "CORTEXA57" }
            return nil
        #else
            return nil
        #endif
    }

    static let generic: Set<String> = ["Prescott", "prescott", "armv8", "ARMV8", "Katmai", "Core2"]

    /// Re-executes this process with OPENBLAS_CORETYPE set when the loaded kernel is generic
    /// and a better one is known for this CPU (its kernel-spelled features and core names).
    /// Call it before doing anything that must not happen twice.
    public static func ensurePreferredKernel(features: [String], coreNames: [String]) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment[reexecMarker] == nil, generic.contains(current) else { return }
        guard let preferred = preferred(features: features, coreNames: coreNames) else { return }
        setenv("OPENBLAS_CORETYPE", preferred, 1)
        setenv(reexecMarker, "1", 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // execv returns only on failure: continue with the generic kernel, said on stderr.
        FileHandle.standardError.write(Data("warning: could not re-execute with OPENBLAS_CORETYPE=\(preferred); running the generic \(current) kernel\n".utf8))
    }
}
