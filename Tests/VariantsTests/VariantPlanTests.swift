import Basics
import Engine
import Foundation
import Testing
@testable import Variants

/// What bench measures of a file: with no precision asked for, the file as it is — whatever its
/// precision; otherwise each precision asked for, or the reason it cannot be had.
@Suite struct VariantPlanTests {
    static func int8File() throws -> (ModelFile, Scratch) {
        let scratch = try Scratch()
        let built = try VariantBuilder.build(.int8(calibration: Repository.digits, measureCost: false), from: try ModelFile.load(Repository.mnist),
                                             options: .init(), producer: "test")
        try built.file.write(to: URL(fileURLWithPath: scratch.path + "/int8.onnx"))
        return (try ModelFile.load(scratch.path + "/int8.onnx"), scratch)
    }

    @Test func withoutPrecisionsAFileIsMeasuredAsItIs() throws {
        let (int8, scratch) = try Self.int8File()
        let plan = VariantPlan(int8, precisions: nil, calibration: nil)
        #expect(plan.items == [.asGiven] && plan.skipped.isEmpty)
        let variant = try plan.variant(.asGiven, options: .init(), producer: "test")
        #expect(variant.precision == .int8 && !variant.builtHere && variant.derivedFromSHA256 != nil)
        _ = scratch
    }

    @Test func eachPrecisionAskedForIsPlannedOrSkippedWithItsReason() throws {
        let fp32 = try ModelFile.load(Repository.mnist)
        let plan = VariantPlan(fp32, precisions: [.fp32, .fp16, .int8], calibration: nil)
        #expect(plan.items == [.asGiven, .build(.fp16)])
        #expect(plan.skipped == ["mnist-cntk/fp32.onnx int8: needs calibration samples (--calib FILE|DIR: the `run --input` format, or an eval-set directory)"])
        let calibrated = VariantPlan(fp32, precisions: [.int8], calibration: "c.bin")
        #expect(calibrated.items == [.build(.int8(calibration: "c.bin"))])
        let (int8, scratch) = try Self.int8File()
        let fromInt8 = VariantPlan(int8, precisions: [.fp32, .int8], calibration: nil)
        #expect(fromInt8.items == [.asGiven])
        #expect(fromInt8.skipped.first?.contains("fp32: the file is already int8; variants are built from FP32 files") == true)
        _ = scratch
    }
}
