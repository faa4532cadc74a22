import Engine
import EngineIR
import Foundation

/// Prints outputs: top-K for classifier-shaped outputs, else shape and summary.
enum OutputPrinter {
    static func describe(_ outputs: [Tensor], ports: [String], sample: Int, batch: Int, top: Int) -> String {
        var lines: [String] = []
        for (tensor, name) in zip(outputs, ports) {
            let values = tensor.floats
            // [N, K], [K] or [N, K, 1, 1]: one score per class.
            let perSample = tensor.shape.dropFirst(tensor.shape.count > 1 ? 1 : 0)
            let classes = perSample.reduce(1, *)
            let classifier = perSample.filter({ $0 > 1 }).count == 1 && values.count == batch * classes
            if classifier {
                for row in 0..<batch {
                    let slice = values[row * classes..<(row + 1) * classes]
                    let best = slice.indices.sorted { slice[$0] > slice[$1] }.prefix(top)
                    let listing = best.map { "\($0 - slice.startIndex): \(format(slice[$0]))" }.joined(separator: ", ")
                    lines.append("sample \(sample * batch + row) \(name): top-\(min(top, classes)) \(listing)")
                }
            } else {
                let preview = values.prefix(8).map(format).joined(separator: ", ")
                let low = values.min() ?? 0, high = values.max() ?? 0
                lines.append("sample \(sample) \(name): \(tensor.dtype) \(tensor.shape) [\(preview)\(values.count > 8 ? ", …" : "")] min \(format(low)) max \(format(high))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Float) -> String { String(format: "%.6g", value) }
}

/// Latency of repeated runs, measured with the monotonic clock.
struct Timing {
    var nanoseconds: [UInt64]

    static func measure(compiled: CompiledModel, sample: [Tensor], warmup: Int, runs: Int) -> Timing {
        let sources = sample.map { tensor -> UnsafeMutableRawPointer in
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(1, tensor.byteCount), alignment: 64)
            TensorMemory.write(tensor, to: buffer)
            return buffer
        }
        let targets = compiled.outputs.map { UnsafeMutableRawPointer.allocate(byteCount: max(1, $0.type.count * $0.type.dtype.byteSize), alignment: 64) }
        defer { (sources + targets).forEach { $0.deallocate() } }
        let inputs = sources.map { UnsafeRawPointer($0) }
        for _ in 0..<warmup { compiled.run(inputs: inputs, outputs: targets) }
        var times: [UInt64] = []
        times.reserveCapacity(runs)
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            compiled.run(inputs: inputs, outputs: targets)
            times.append(DispatchTime.now().uptimeNanoseconds - start)
        }
        return Timing(nanoseconds: times.sorted())
    }

    func quantile(_ q: Double) -> Double { Double(nanoseconds[min(nanoseconds.count - 1, Int(Double(nanoseconds.count) * q))]) / 1e6 }

    var text: String {
        "latency over \(nanoseconds.count) runs (ms): min \(f(quantile(0))) median \(f(quantile(0.5))) p90 \(f(quantile(0.9))) max \(f(quantile(1)))"
    }

    private func f(_ value: Double) -> String { String(format: "%.4f", value) }
}
