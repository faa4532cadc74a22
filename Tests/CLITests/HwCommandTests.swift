import Foundation
import Testing

@Suite struct HwCommandTests {
    let edgepilot = BuiltBinary("edgepilot")

    @Test func summaryOnThisMachine() throws {
        let result = try edgepilot.run(["hw"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Board power"))
        #expect(result.stdout.contains("Profile"))
    }

    @Test func jsonOnThisMachineHasTheStableKeys() throws {
        let result = try edgepilot.run(["hw", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["model", "profile", "l4tRelease", "cores", "features", "memTotalBytes", "thermal", "rails", "totalRail", "powerMode", "unreadable"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
    }

    @Test func fixtureBoardThroughTheCLI() throws {
        let result = try edgepilot.run(["hw", "--root", Repository.fixture("jetson-orin-nano"), "--json", "--profiles", Repository.root + "/profiles"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["totalRail"] as? String == "VDD_IN")
        #expect(object["profile"] as? String == "jetson-orin-nano")
        #expect(object["l4tRelease"] as? String == "36.4.3")
        #expect(object["powerMode"] as? String == "15W")
    }

    @Test func missingRootFailsWithAClearMessage() throws {
        let result = try edgepilot.run(["hw", "--root", "/nonexistent/board"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("root '/nonexistent/board' does not exist"))
    }

    @Test func badProfilesDirectoryNamesTheFileAndLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("id: broken\nname: x\nmatch: {architecture: x86_64}\ndefaultBudgetWatts: lots\n".utf8)
            .write(to: directory.appendingPathComponent("broken.yaml"))
        let result = try edgepilot.run(["hw", "--profiles", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.yaml:4:"), "\(result.stderr)")
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try edgepilot.run(["hw", "--frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--frobnicate'"))
    }
}

@Suite struct DaemonAndVersionTests {
    /// The daemon reports its version, and a config that is not there stops it with EX_CONFIG
    /// (78, which the unit does not restart) and the path.
    @Test func daemonReportsItsVersionAndRefusesAMissingConfig() throws {
        let daemon = BuiltBinary("edgepilotd")
        let version = try daemon.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("0."))
        #expect(try daemon.run(["--help"]).stdout.contains("--config"))
        let missing = try daemon.run(["--config", "/nonexistent/config.yaml"])
        #expect(missing.status == 78 && missing.stderr.contains("/nonexistent/config.yaml: cannot read the config"), "\(missing.stderr)")
    }

    @Test func versionNamesTheOpenBLASKernel() throws {
        let result = try BuiltBinary("edgepilot").run(["version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("OpenBLAS"))
        #expect(result.stdout.contains("core "))
    }
}
