@testable import Probe
import Testing

@Suite struct ProfileMatcherTests {
    func info(model: String?, compatible: [String], architecture: String? = "aarch64") -> HardwareInfo {
        var info = HardwareInfo()
        info.model = model
        info.compatible = compatible
        info.architecture = architecture
        return info
    }

    /// The model text changes across releases and carriers; `compatible` decides.
    @Test func compatibleWinsOverModel() throws {
        let (choice, _) = ProfileMatcher.match(
            info(model: "Custom Carrier Vision Box", compatible: ["acme,box+p3767-0001", "nvidia,p3767-0001", "nvidia,tegra234"]),
            among: try Fixtures.profiles())
        #expect(choice?.profile.id == "jetson-orin-nano")
    }

    @Test func genericByArchitectureAndNoneForUnknownArchitecture() throws {
        let profiles = try Fixtures.profiles()
        #expect(ProfileMatcher.match(info(model: nil, compatible: [], architecture: "x86_64"), among: profiles).0?.profile.id == "generic-x86_64")
        let (none, warnings) = ProfileMatcher.match(info(model: nil, compatible: [], architecture: "riscv64"), among: profiles)
        #expect(none == nil)
        #expect(warnings.first?.contains("riscv64") == true)
    }

    @Test func globPatterns() {
        #expect(globMatches("*CPU*", "VDD_CPU_CV"))
        #expect(globMatches("package-*", "package-0"))
        #expect(!globMatches("package-*", "psys"))
        #expect(globMatches("*", "anything"))
        #expect(globMatches("VDD_IN", "VDD_IN"))
        #expect(!globMatches("VDD_IN", "VDD_INX"))
    }
}
