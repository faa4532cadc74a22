import Foundation
import Probe
import Testing

@Suite struct HardwareProbeTests {
    @Test func rootThatDoesNotExistIsAClearError() throws {
        #expect(throws: ProbeError.rootNotFound("/nonexistent/board")) {
            try Fixtures.probe(root: "/nonexistent/board")
        }
    }

    @Test func rootThatIsAFileIsAClearError() throws {
        let tree = try TempTree()
        try tree.write("file", "x")
        #expect(throws: ProbeError.rootNotDirectory(tree.path("file"))) { try Fixtures.probe(root: tree.path("file")) }
    }

    /// An empty root: nothing is known, nothing crashes, the missing essentials are listed.
    @Test func emptyRootReportsWhatIsMissing() throws {
        let tree = try TempTree()
        let info = try Fixtures.probe(root: tree.root)
        #expect(info.profile == nil)
        #expect(info.rails.isEmpty)
        #expect(info.boardPower.method == "estimated")
        #expect(info.unreadable.map(\.path).contains("/proc/cpuinfo"))
        #expect(info.unreadable.map(\.path).contains("/proc/meminfo"))
    }

    /// An unreadable file costs one field: the rest of the board is still reported.
    @Test func unreadableFileIsRecordedAndTheRestReported() throws {
        let reader = FaultInjectingReader(faults: ["proc/cpuinfo": ReadFailure(.permissionDenied, "permission denied (EACCES); needs root")])
        let info = try Fixtures.probe(root: Fixtures.board("jetson-orin-nano"), reader: reader)
        #expect(info.unreadable.contains(Unreadable(path: "/proc/cpuinfo", reason: "permission denied (EACCES); needs root")))
        #expect(info.features.isEmpty)
        #expect(info.cores.count == 6, "cores still come from /sys/devices/system/cpu")
        #expect(info.totalRail == "VDD_IN")
        #expect(info.profile == "jetson-orin-nano")
    }

    /// A missing optional file (no nv_tegra_release on a Pi, no DT on x86) is not an error.
    @Test func missingOptionalFilesAreNotRecorded() throws {
        let info = try Fixtures.probe(root: Fixtures.board("raspberry-pi-5"))
        #expect(!info.unreadable.contains { $0.path.contains("nv_tegra_release") || $0.path.contains("dmi") })
    }

    /// The host this runs on: whatever it is, the probe succeeds and names the energy source.
    @Test func probesThisMachine() throws {
        let info = try Fixtures.probe(root: "/")
        #expect(!info.cores.isEmpty)
        #expect(info.memTotalBytes != nil)
        #expect(info.profile != nil)
        if info.rails.isEmpty { #expect(info.boardPower.method == "estimated") }
    }

    @Test func jsonRoundTripsAndKeepsNullKeys() throws {
        let info = try Fixtures.probe(root: Fixtures.board("jetson-agx-orin"))
        let data = try info.jsonData()
        #expect(try HardwareInfo.fromJSON(data) == info)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["model", "profile", "l4tRelease", "cores", "features", "memTotalBytes", "thermal", "rails", "totalRail", "powerMode", "unreadable"] {
            #expect(object.keys.contains(key), "stable key \(key) missing")
        }
        #expect(object["totalRail"] is NSNull)
    }
}
