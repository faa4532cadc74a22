/// arm64 core names by MIDR implementer and part, from Linux
/// `arch/arm64/include/asm/cputype.h` (BOARDS.md §1.10). jtop's table is not the source:
/// it labels 0xd4f "Cortex-X4" (the kernel: Neoverse-V2) and lacks A55.
enum CorePartNames {
    static let arm: [Int: String] = [
        0xd03: "Cortex-A53", 0xd04: "Cortex-A35", 0xd05: "Cortex-A55", 0xd07: "Cortex-A57",
        0xd08: "Cortex-A72", 0xd09: "Cortex-A73", 0xd0a: "Cortex-A75", 0xd0b: "Cortex-A76",
        0xd0c: "Neoverse-N1", 0xd0d: "Cortex-A77", 0xd0e: "Cortex-A76AE", 0xd40: "Neoverse-V1",
        0xd41: "Cortex-A78", 0xd42: "Cortex-A78AE", 0xd4b: "Cortex-A78C", 0xd44: "Cortex-X1",
        0xd46: "Cortex-A510", 0xd47: "Cortex-A710", 0xd48: "Cortex-X2", 0xd49: "Neoverse-N2",
        0xd4e: "Cortex-X3", 0xd4f: "Neoverse-V2", 0xd80: "Cortex-A520", 0xd81: "Cortex-A720",
        0xd82: "Cortex-X4", 0xd83: "Neoverse-V3AE", 0xd84: "Neoverse-V3",
    ]
    static let nvidia: [Int: String] = [0x003: "Denver 2", 0x004: "Carmel"]

    /// The core's name, or a readable placeholder naming the unknown code.
    static func name(implementer: String?, part: String?) -> String? {
        guard let implementer, let part,
            let imp = Int(implementer.dropFirst(2), radix: 16),
            let partCode = Int(part.dropFirst(2), radix: 16)
        else { return nil }
        let known: String? =
            switch imp {
            case 0x41: arm[partCode]
            case 0x4e: nvidia[partCode]
            default: nil
            }
        return known ?? "unknown core (implementer \(implementer), part \(part))"
    }
}
