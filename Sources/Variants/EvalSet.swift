import Engine
import EngineIR
import Foundation

/// An eval set: `DIR/inputs.bin` (samples back to back, the `run --input` format) and
/// `DIR/labels.txt` (one class index per sample, whitespace-separated). Gives a variant's top-1
/// and its agreement with another variant's predictions.
public struct EvalSet: Sendable {
    public var directory: String
    public var samples: [[Tensor]]
    public var labels: [Int]

    public static func load(_ directory: String, for compiled: CompiledModel, batch: Int) throws(VariantsError) -> EvalSet {
        let samples = try Samples.read(directory, for: compiled, batch: batch)
        guard let data = FileManager.default.contents(atPath: directory + "/labels.txt") else {
            throw VariantsError(.samples, "eval set \(directory): cannot read labels.txt")
        }
        let text = String(decoding: data, as: UTF8.self)
        var labels: [Int] = []
        for (index, word) in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).enumerated() {
            guard let label = Int(word), label >= 0 else {
                throw VariantsError(.samples, "eval set \(directory)/labels.txt: entry \(index + 1) '\(word.prefix(20))' is not a class index")
            }
            labels.append(label)
        }
        guard labels.count == samples.count * batch else {
            throw VariantsError(.samples, "eval set \(directory): \(labels.count) labels for \(samples.count * batch) samples")
        }
        return EvalSet(directory: directory, samples: samples, labels: labels)
    }

    /// The top-1 class of every sample (first output, one row per sample).
    public func predictions(_ compiled: CompiledModel) throws(VariantsError) -> [Int] {
        var predicted: [Int] = []
        for sample in samples {
            let output: [Float]
            do {
                output = try compiled.run(sample)[0].floats
            } catch {
                throw VariantsError(.samples, "eval set \(directory): \(error.description)")
            }
            let rows = labels.count / samples.count, classes = output.count / max(1, rows)
            guard classes > 0 else { throw VariantsError(.samples, "eval set \(directory): the model's first output is empty") }
            for r in 0..<rows {
                let row = output[(r * classes)..<((r + 1) * classes)]
                predicted.append(row.indices.max { row[$0] < row[$1] }! - r * classes)
            }
        }
        return predicted
    }

    /// Share of predictions equal to the labels, 0…1.
    public func top1(_ predicted: [Int]) -> Double { Self.agreement(predicted, labels) }

    /// Share of equal entries, 0…1.
    public static func agreement(_ a: [Int], _ b: [Int]) -> Double {
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(max(1, min(a.count, b.count)))
    }
}
