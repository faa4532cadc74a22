import Engine
import EngineIR
import Foundation

/// `--eval DIR`: `inputs.bin` (samples back to back, the `run --input` format) and
/// `labels.txt` (one class index per sample, whitespace-separated).
struct EvalSet {
    var samples: [[Tensor]]
    var labels: [Int]

    static func load(_ directory: String, compiled: CompiledModel, batch: Int) throws -> EvalSet {
        let samples = try SampleReader.samples(compiled: compiled, inputFile: directory, batch: batch)
        let text: String
        do {
            text = try String(contentsOfFile: directory + "/labels.txt", encoding: .utf8)
        } catch {
            throw CLIError("--eval \(directory): cannot read labels.txt: \(error.localizedDescription)")
        }
        var labels: [Int] = []
        for (index, word) in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).enumerated() {
            guard let label = Int(word), label >= 0 else { throw CLIError("--eval \(directory)/labels.txt: entry \(index + 1) '\(word.prefix(20))' is not a class index") }
            labels.append(label)
        }
        guard labels.count == samples.count * batch else {
            throw CLIError("--eval \(directory): \(labels.count) labels for \(samples.count * batch) samples")
        }
        return EvalSet(samples: samples, labels: labels)
    }

    /// Top-1 class of every sample (first output, one row per sample).
    func predictions(_ compiled: CompiledModel) throws -> [Int] {
        var predicted: [Int] = []
        for sample in samples {
            let output = try compiled.run(sample)[0].floats
            let rows = labels.count / samples.count, classes = output.count / max(1, rows)
            for r in 0..<rows {
                let row = output[(r * classes)..<((r + 1) * classes)]
                predicted.append(row.indices.max { row[$0] < row[$1] }! - r * classes)
            }
        }
        return predicted
    }
}
