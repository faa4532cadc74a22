import Foundation
@testable import Probe
import Testing

@Suite struct ProfileLoaderTests {
    /// Every profile in profiles/ loads: a typo fails CI, not a board in the field.
    @Test func everyProfileLoads() throws {
        let profiles = try Fixtures.profiles()
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.profilesDirectory).filter { $0.hasSuffix(".yaml") }
        #expect(profiles.count == files.count)
        #expect(Set(profiles.map(\.id)).isSuperset(of: ["generic-arm64", "generic-x86_64", "jetson-nano", "jetson-orin-nano",
                                                         "jetson-agx-orin", "jetson-xavier-nx", "raspberry-pi", "rockchip-rk3588"]))
        for profile in profiles where !profile.isGeneric {
            #expect(profile.defaultBudgetWatts > 0)
        }
    }

    static let valid = """
        id: demo
        name: Demo board
        match:
          compatible: ["acme,demo"]
        rails:
          roles:
            VIN: total
        defaultBudgetWatts: 5
        """

    @Test func aValidProfileParses() throws {
        let profile = try load(Self.valid)
        #expect(profile.railRoles == [BoardProfile.RoleRule(pattern: "VIN", role: "total")])
        #expect(profile.match.compatible == ["acme,demo"])
    }

    /// A mode that nvpmodel enters only after a reboot says so; the Orin Nano's 7W does.
    @Test func powerModesSayWhichNeedAReboot() throws {
        let profile = try load(Self.valid + "\npowerModes:\n  - {name: 7W, watts: 7, reboot: true}\n  - {name: MAXN}\n")
        #expect(profile.powerModes == [BoardProfile.PowerMode(id: nil, name: "7W", watts: 7, reboot: true),
                                       BoardProfile.PowerMode(id: nil, name: "MAXN", watts: nil, reboot: false)])
        let orin = try #require(try Fixtures.profiles().first { $0.id == "jetson-orin-nano" })
        #expect(orin.powerModes.filter(\.reboot).map(\.name) == ["7W"])
    }

    @Test(arguments: [
        (valid.replacingOccurrences(of: "    VIN: total", with: "    VIN: totl"), 7, "unknown rail role 'totl'"),
        (valid.replacingOccurrences(of: "rails:", with: "railz:"), 5, "unknown key 'railz'"),
        (valid.replacingOccurrences(of: "defaultBudgetWatts: 5", with: "defaultBudgetWatts: five"), 8, "expected a number, found 'five'"),
        (valid.replacingOccurrences(of: "name: Demo board\n", with: ""), 1, "missing required key 'name'"),
        (valid.replacingOccurrences(of: "id: demo", with: "id: other"), 1, "must equal the file name 'demo'"),
        (valid.replacingOccurrences(of: "  compatible: [\"acme,demo\"]", with: "  compatible: [\"acme,demo\""), 5, "YAML syntax"),
        (valid.replacingOccurrences(of: "    VIN: total", with: "    VIN: total+cpu"), 7, "'total' cannot be combined"),
        (valid + "\npowerModes:\n  - {name: 7W, reboot: maybe}\n", 10, "expected true or false, found 'maybe'"),
    ])
    func malformedProfileNamesFileLineAndProblem(text: String, line: Int, problem: String) throws {
        do {
            _ = try load(text)
            Issue.record("a malformed profile loaded")
        } catch let error as YAMLFileError {
            #expect(error.file.hasSuffix("/demo.yaml"))
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(problem), "\(error)")
            #expect(error.description.contains("demo.yaml:\(line):"))
        }
    }

    @Test func emptyDirectoryIsAnError() throws {
        let tree = try TempTree()
        #expect(throws: YAMLFileError.self) { try ProfileLoader.load(directory: tree.root) }
    }

    private func load(_ text: String) throws -> BoardProfile {
        let tree = try TempTree()
        try tree.write("demo.yaml", text)
        return try #require(ProfileLoader.load(directory: tree.root).first)
    }
}
