/// Board family, SoC and vendor-specific identity (BOARDS.md §1.10, §2.3, §4, §5):
/// from `compatible` (parsed NUL-separated), not from the model text.
enum BoardIdentification {
    static func identify(_ info: inout HardwareInfo, cpuBoardLines: [String: String]) {
        let compatible = info.compatible
        info.board.soc = soc(compatible)
        if compatible.contains(where: { $0.hasPrefix("nvidia,") }) || info.l4tRelease != nil {
            info.board.family = "jetson"
            JetsonCatalog.identify(compatible: compatible, into: &info.board)
        } else if compatible.contains(where: { $0.hasPrefix("raspberrypi,") }) || cpuBoardLines["Model"]?.hasPrefix("Raspberry Pi") == true {
            info.board.family = "raspberry-pi"
            info.board.raspberryPi = cpuBoardLines["Revision"].flatMap(RaspberryPiRevisionCode.decode)
            if info.model == nil { info.model = cpuBoardLines["Model"] }
        } else if compatible.contains(where: { $0.hasPrefix("rockchip,") }) {
            info.board.family = "rockchip"
        } else if info.architecture == "x86_64" {
            info.board.family = "x86"
        } else {
            info.board.family = "generic"
        }
    }

    /// The SoC entry of `compatible`: `nvidia,tegra234` (not the `tegra23x` family entry),
    /// `brcm,bcm2712`, `rockchip,rk3588`.
    static func soc(_ compatible: [String]) -> String? {
        let socs = compatible.compactMap { entry -> String? in
            guard let match = entry.wholeMatch(of: /(?:nvidia|brcm|rockchip|allwinner|amlogic|qcom|mediatek),((?:tegra|bcm|rk|sun\d+i-|meson|sm|sdm|mt)[0-9a-z-]*)/)
            else { return nil }
            return String(match.1)
        }
        return socs.first { !$0.hasSuffix("x") } ?? socs.first
    }
}
