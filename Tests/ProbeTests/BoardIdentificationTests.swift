@testable import Probe
import Testing

@Suite struct BoardIdentificationTests {
    @Test(arguments: [
        (["nvidia,p3737-0000+p3701-0005", "nvidia,p3701-0005", "nvidia,tegra234", "nvidia,tegra23x"], "tegra234"),
        (["raspberrypi,5-model-b", "brcm,bcm2712"], "bcm2712"),
        (["friendlyelec,cm3588", "rockchip,rk3588"], "rk3588"),
        (["acme,box"], nil),
    ] as [([String], String?)])
    func socFromCompatible(compatible: [String], soc: String?) {
        #expect(BoardIdentification.soc(compatible) == soc)
    }

    /// Identity comes from `compatible` and the release file, not the model text.
    @Test func familyWithoutModelText() {
        var info = HardwareInfo()
        info.compatible = ["nvidia,p3768-0000+p3767-0004", "nvidia,tegra234"]
        BoardIdentification.identify(&info, cpuBoardLines: [:])
        #expect(info.board.family == "jetson")
        #expect(info.board.moduleName == "Jetson Orin Nano 4GB")
    }

    @Test func piIdentityFromCpuinfoWhenTheDeviceTreeIsHidden() {
        var info = HardwareInfo()
        BoardIdentification.identify(&info, cpuBoardLines: ["Model": "Raspberry Pi 4 Model B Rev 1.5", "Revision": "c03115"])
        #expect(info.board.family == "raspberry-pi")
        #expect(info.model == "Raspberry Pi 4 Model B Rev 1.5")
        #expect(info.board.raspberryPi?.memoryBytes == 4 << 30)
    }
}
