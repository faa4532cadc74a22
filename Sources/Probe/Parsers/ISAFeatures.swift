/// The ISA features kernel selection cares about, as the kernel spells them in
/// /proc/cpuinfo (`Features` on arm64, `flags` on x86).
enum ISAFeatures {
    static let aarch64: Set<String> = [
        "fp", "asimd", "asimddp", "fphp", "asimdhp", "asimdfhm", "i8mm", "bf16", "sve", "sve2",
        "svei8mm", "svebf16", "sme",
    ]
    static let x86_64: Set<String> = [
        "sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
        "avx512dq", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_int8",
        "amx_bf16",
    ]

    /// Features present on every online core (big.LITTLE parts can differ), kept in the
    /// kernel's order of the first core.
    static func common(_ processors: [ProcCPUInfo.Processor], architecture: String?) -> [String] {
        guard let first = processors.first else { return [] }
        let relevant = architecture == "x86_64" ? x86_64 : aarch64
        let shared = processors.dropFirst().reduce(Set(first.features)) { $0.intersection($1.features) }
        return first.features.filter { relevant.contains($0) && shared.contains($0) }
    }
}
