import Basics
import Foundation
import Policy
import Probe
import Store
import Testing
@testable import Agent

/// Stored runs become candidates: the newest run of each file × threads × mode, accuracy in
/// percent, labels that tell two files of one precision apart, runs without energy left out.
@Suite struct CandidatesTests {
    /// Runs stored in a real results database, oldest first.
    static func stored(_ runs: [(Precision, String, threads: Int, p50: Double, idle: Double?)]) throws -> (ResultStore, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-agent-\(UUID().uuidString)").path
        let store = try ResultStore(path: directory + "/r.db")
        for (precision, sha, threads, p50, idle) in runs {
            try store.record(RunRecord(
                board: "Orin", profile: "jetson-orin-nano", architecture: "aarch64", hardwareDocument: "{}", modelName: "m", modelSHA256: "a",
                modelBytes: 1, precision: precision, computePrecision: "fp32", variantSHA256: sha, variantBytes: 1, macs: nil, derivedFromSHA256: nil,
                threads: threads, powerMode: "15W", p50Ms: p50, p99Ms: 2 * p50, throughputPerSec: 1, watts: 5, idleWatts: idle,
                joulesPerInference: 0.002, dynamicJoulesPerInference: idle == nil ? nil : 0.001, energySource: "rail", energyUncertaintyPercent: 1.5,
                top1: 0.9, agreementWithFP32: 0.98, peakRSSBytes: 1000, resultJSON: "{}", conditionsJSON: "{}"))
        }
        return (store, directory)
    }

    @Test func theNewestRunOfEachConfigurationIsACandidate() throws {
        let (store, directory) = try Self.stored([
            (.fp16, "c", 1, 1, nil), (.fp32, "a", 1, 1.2, 3.5), (.fp32, "a", 1, 9, 3.5), (.fp32, "a", 2, 1, 3.5), (.int8, "b2", 1, 1, 3.5),
            (.int8, "b1", 1, 0.5, 3.5),
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let found = Candidates.from(try store.runs(model: "m"))
        #expect(found.candidates.map(\.id) == ["fp32 ×1 @15W", "fp32 ×2 @15W", "int8 #b2 ×1 @15W", "int8 #b1 ×1 @15W"])
        #expect(found.candidates[0].p50Ms == 9, "the newer of the two fp32 ×1 runs")
        #expect(found.candidates[0].top1 == 90 && found.candidates[0].agreementWithFP32 == 98 && found.candidates[0].memoryBytes == 1000)
        #expect(found.candidates[0].variantSHA256 == "a" && found.candidates[0].energyUncertaintyPercent == 1.5)
        #expect(found.leftOut == ["run 1 (fp16): no idle watts or dynamic J/inference stored"])
    }

    /// From a store: one model's runs (named when the store holds several), of one board.
    @Test func candidatesFromAStoreAreOneModelsOnOneBoard() throws {
        let (store, directory) = try Self.stored([(.fp32, "a", 1, 1, 3.5)])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let found = try Candidates.stored(in: store, model: nil, profile: nil)
        #expect(found.model == "m" && found.profile == "jetson-orin-nano" && found.candidates.count == 1)
        #expect { try Candidates.stored(in: store, model: nil, profile: "raspberry-pi") } throws: { "\($0)".contains("no run of m on raspberry-pi") }
        #expect { try Candidates.stored(in: store, model: "other", profile: nil) } throws: { "\($0)".contains("no stored runs of other") }
    }

    @Test func profileModesAndDecisionsCrossTheBoundary() throws {
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        let profile = try #require(try ProfileLoader.load(directory: root + "/profiles").first { $0.id == "jetson-orin-nano" })
        let modes = PowerModeSpec.modes(of: profile)
        #expect(modes.first == PowerModeSpec(name: "7W", nominalWatts: 7, needsReboot: true))
        #expect(modes.contains(PowerModeSpec(name: "MAXN_SUPER", nominalWatts: nil)) && modes.filter(\.needsReboot).count == 1)
        let candidate = Candidate(variant: "int8", precision: .int8, threads: 1, powerMode: "15W", p50Ms: 1, p99Ms: 2, idleWatts: 3.5,
                                  dynamicJoulesPerInference: 0.01, energyUncertaintyPercent: 1, top1: 90, variantSHA256: "b1")
        let constraints = Constraints(budgetWatts: 5)
        let observation = Observation(time: 12, rateHz: 20)
        let (decision, _) = try Policy.decide([candidate], constraints: constraints, observation: observation, state: PolicyState())
        let record = DecisionRecord(decision, model: "m", at: Date(timeIntervalSince1970: 0), constraints: constraints, observation: observation)
        #expect(record.code == "initial" && record.candidate == "int8 ×1 @15W" && record.variantSHA256 == "b1" && record.budgetWatts == 5)
        #expect(abs(record.predictedWatts - (3.5 + 20 * 0.01 * 1.01)) < 1e-9 && record.rateHz == 20)
        let inputs = try #require(try JSONSerialization.jsonObject(with: Data(record.inputsJSON.utf8)) as? [String: Any])
        #expect((inputs["constraints"] as? [String: Any])?["budgetWatts"] as? Double == 5)
        #expect((inputs["observation"] as? [String: Any])?["rateHz"] as? Double == 20 && inputs["feasible"] as? Bool == true)
    }
}
