import Bench
import Energy
import Foundation
import Probe
import Testing
@testable import Measure

@Suite struct EnergySetupTests {
    @Test(arguments: [("3.5:9", true), ("0:0", true), ("9:3.5", false), ("3.5", false), ("a:b", false), ("-1:2", false), ("1:inf", false)])
    func simulatedPowerIsIdleThenActiveWatts(text: String, valid: Bool) {
        #expect(((try? SimulatedPower(parsing: text)) != nil) == valid)
    }

    /// A simulated rail needs an INA3221 total rail; a board without one is refused by name, and a
    /// board without rails falls back to the labelled estimate.
    @Test func theSourceIsChosenOrRefusedWithTheReason() throws {
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let pi = root + "/Tests/Fixtures/sys/raspberry-pi-5"
        let profiles = try ProfileLoader.load(directory: root + "/profiles")
        let info = try HardwareProbe.probe(.init(root: pi, profiles: profiles))
        #expect { try EnergySetup.choose(board: info, root: pi, simulate: SimulatedPower(idleWatts: 1, activeWatts: 2), rateHz: 100) } throws: {
            ($0 as? MeasureError)?.message.contains("the tree at \(pi) has none") == true
        }
        let estimate = try EnergySetup.choose(board: info, root: pi, simulate: nil, rateHz: 100)
        defer { estimate.stop() }
        #expect(estimate.meter.label == .estimated && estimate.note?.contains("estimated") == true)
    }
}
