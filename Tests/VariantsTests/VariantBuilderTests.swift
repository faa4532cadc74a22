import Basics
import Engine
import Foundation
import Testing
@testable import Variants

/// The one builder: what it writes records the FP32 file it came from, and it refuses to build
/// from anything but FP32.
@Suite struct VariantBuilderTests {
    @Test func anFP16VariantRecordsTheFileItWasBuiltFrom() throws {
        let scratch = try Scratch()
        let source = try ModelFile.load(Repository.mnist)
        let built = try VariantBuilder.build(.fp16, from: source, options: .init(), producer: "test")
        #expect(built.precision == .fp16 && built.float16Tensors > 0 && built.summary.hasPrefix("fp16: "))
        let path = scratch.path + "/fp16.onnx"
        try built.file.write(to: URL(fileURLWithPath: path))
        let reloaded = try ModelFile.load(path)
        #expect(reloaded.precision == .fp16 && reloaded.derivedFromSHA256 == source.sha256)
        let variant = Variant(built: built, from: source)
        #expect(variant.builtHere && variant.derivedFromSHA256 == source.sha256 && variant.sha256 == reloaded.sha256)
        #expect(Variant(file: reloaded).origin.contains("built by EdgePilot from sha256:\(source.sha256.prefix(12))"))
    }

    @Test func anINT8VariantCalibratesOnTheGivenSamples() throws {
        let source = try ModelFile.load(Repository.mnist)
        var lines: [String] = []
        let built = try VariantBuilder.build(.int8(calibration: Repository.digits, method: .minMax, measureCost: false), from: source,
                                             options: .init(), producer: "test") { lines.append($0) }
        #expect(built.precision == .int8 && built.quantized.count == 2, "\(built.summary)")
        #expect(built.keptFloat.map(\.node) == ["'Times212' (MatMul)"])
        #expect(lines.contains { $0.contains("calibrating on 16 sample(s)") }, "\(lines)")
    }

    @Test func variantsAreBuiltFromFP32FilesOnly() throws {
        let source = try ModelFile.load(Repository.mnist)
        var fp16 = source
        fp16.precision = .fp16
        #expect { try VariantBuilder.build(.fp16, from: fp16, options: .init(), producer: "test") } throws: {
            ($0 as? VariantsError)?.message.contains("variants are built from FP32 files; this one is already fp16") == true
        }
        #expect { try VariantBuilder.build(.int8(calibration: "/nonexistent"), from: source, options: .init(), producer: "test") } throws: {
            ($0 as? VariantsError)?.message.contains("cannot read /nonexistent") == true
        }
    }
}
