import Engine
import Foundation
import Testing
@testable import Variants

/// Sample and eval files that do not fit the model are refused with the file and the sizes.
@Suite struct SamplesTests {
    @Test func samplesAndEvalSetsThatDoNotFitAreRefused() throws {
        let scratch = try Scratch()
        let compiled = try Compiler.compile(try ModelFile.load(Repository.mnist).graph)
        try Data(count: 1000).write(to: URL(fileURLWithPath: scratch.path + "/short.bin"))
        #expect { try Samples.read(scratch.path + "/short.bin", for: compiled, batch: 1) } throws: {
            ($0 as? VariantsError)?.message.contains("1000 bytes is not a whole number of inferences of 3136 bytes") == true
        }
        let set = try EvalSet.load(Repository.digits, for: compiled, batch: 1)
        let predicted = try set.predictions(compiled)
        #expect(set.samples.count == 16 && set.top1(predicted) == 1)
        let eval = scratch.path + "/eval"
        try FileManager.default.createDirectory(atPath: eval, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.root + "/examples/data/mnist-16x1x28x28.f32", toPath: eval + "/inputs.bin")
        try "7 2 one".write(toFile: eval + "/labels.txt", atomically: true, encoding: .utf8)
        #expect { try EvalSet.load(eval, for: compiled, batch: 1) } throws: {
            ($0 as? VariantsError)?.message.contains("labels.txt: entry 3 'one' is not a class index") == true
        }
        try "7 2 1".write(toFile: eval + "/labels.txt", atomically: true, encoding: .utf8)
        #expect { try EvalSet.load(eval, for: compiled, batch: 1) } throws: {
            ($0 as? VariantsError)?.message.contains("3 labels for 16 samples") == true
        }
        #expect(EvalSet.agreement([1, 2, 3, 4], [1, 2, 0, 4]) == 0.75)
    }
}
