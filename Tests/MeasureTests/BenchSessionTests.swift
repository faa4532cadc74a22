import Basics
import Bench
import Engine
import Foundation
import Probe
import Store
import Testing
@testable import Measure

/// A whole measurement session on the Orin Nano fixture with its VDD_IN rail simulated, as
/// `bench` and the daemon run it: variants planned, built in turn, measured at each thread
/// count, stored with where they came from.
@Suite(.serialized) struct BenchSessionTests {
    static let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    static let mnist = root + "/examples/models/mnist-cntk/fp32.onnx"
    static let digits = root + "/examples/eval/mnist-16"
    static let board = root + "/Tests/Fixtures/sys/jetson-orin-nano"

    static func session(store: ResultStore?) throws -> (BenchSession, EnergySetup) {
        let profiles = try ProfileLoader.load(directory: root + "/profiles")
        let info = try HardwareProbe.probe(.init(root: board, profiles: profiles))
        let energy = try EnergySetup.choose(board: info, root: board, simulate: SimulatedPower(idleWatts: 3.5, activeWatts: 9), rateHz: 100)
        return (BenchSession(board: info, root: board, energy: energy, store: store), energy)
    }

    static var settings: BenchSettings {
        var settings = BenchSettings()
        settings.minSeconds = 0.2
        settings.warmupSeconds = 0.05
        settings.idleSeconds = 0.2
        return settings
    }

    @Test func measuresEveryVariantAtEveryThreadCountAndStoresWhereItCameFrom() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilot-session-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try ResultStore(path: directory + "/r.db")
        let (session, energy) = try Self.session(store: store)
        defer { energy.stop() }
        var stored: [Int64] = []
        let request = BenchRequest(models: [Self.mnist], precisions: [.fp32, .fp16, .int8], calibration: Self.digits, eval: Self.digits,
                                   threads: [1, 2], settings: Self.settings)
        let outcome = try session.run(request) { stored.append($0.storedRunID ?? -1) }
        let rows = outcome.rows
        #expect(rows.map(\.precision) == [.fp32, .fp32, .fp16, .fp16, .int8, .int8] && rows.map(\.threads) == [1, 2, 1, 2, 1, 2])
        #expect(outcome.skipped.isEmpty && stored.allSatisfy { $0 > 0 } && Set(stored).count == 6)
        let fp32 = rows[0]
        #expect(fp32.derivedFromSHA256 == nil && fp32.agreementWithFP32 == 1 && fp32.top1 == 1 && fp32.energySource == "simulated")
        for row in rows.dropFirst(2) {
            #expect(row.derivedFromSHA256 == fp32.variantSHA256 && row.origin == "built here from the FP32 file")
            #expect(row.agreementWithFP32 != nil)
        }
        #expect(rows.allSatisfy { ($0.peakRSSBytes ?? 0) > 0 }, "the high-water mark is reset and read per variant")
        #expect(rows[4].ranAs.hasPrefix("int8") || rows[4].ranAs == "fp32")
        let runs = try store.runs(model: "mnist-cntk/fp32.onnx")
        #expect(runs.count == 6)
        let int8 = try #require(runs.first { $0.precision == .int8 })
        #expect(int8.derivedFromSHA256 == fp32.variantSHA256 && int8.threads == 2 && int8.idleWatts.map { abs($0 - 3.5) < 0.1 } == true)
    }

    /// With no precision asked for, an INT8 file is measured as it is; one that cannot be had is
    /// skipped with the reason.
    @Test func aFileIsMeasuredAsItIsAndAPrecisionThatCannotBeHadIsSkipped() throws {
        let (session, energy) = try Self.session(store: nil)
        defer { energy.stop() }
        let asIs = try session.run(BenchRequest(models: [Self.mnist], settings: Self.settings))
        #expect(asIs.rows.map(\.precision) == [.fp32] && asIs.skipped.isEmpty)
        let noCalibration = try session.run(BenchRequest(models: [Self.mnist], precisions: [.int8], settings: Self.settings))
        #expect(noCalibration.rows.isEmpty && noCalibration.skipped.count == 1 && noCalibration.skipped[0].contains("needs calibration samples"))
    }

    @Test func badSettingsAndMissingFilesAreRefused() throws {
        let (session, energy) = try Self.session(store: nil)
        defer { energy.stop() }
        var settings = Self.settings
        settings.minSeconds = 0
        #expect { try session.run(BenchRequest(models: [Self.mnist], settings: settings)) } throws: { ($0 as? MeasureError)?.code == .settings }
        #expect { try session.run(BenchRequest(models: ["/nonexistent.onnx"], settings: Self.settings)) } throws: { error in
            guard let error = error as? MeasureError else { return false }
            return error.code == .variant && error.message.contains("/nonexistent.onnx")
        }
    }
}
