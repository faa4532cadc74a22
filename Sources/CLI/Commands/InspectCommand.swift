import ArgumentParser
import Engine
import EngineIR
import EngineONNX
import Foundation
import Variants

/// `edgepilot inspect MODEL`: what a model is and what compiling it takes.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a model's inputs and outputs, ops, parameters, MACs, memory plan and unsupported items.")

    @Argument(help: "An ONNX model file.") var model: String
    @Flag(name: .long, help: "Print JSON (keys: ops, parameters, macs, fileBytes, arenaBytes, naiveBytes, unsupported, …).") var json = false
    @Flag(name: .long, help: "Show what each graph pass changed.") var passes = false
    @OptionGroup var engine: EngineOptions

    func validate() throws { _ = try engine.singleThreadCount() }

    func run() throws {
        let host = HostCPU.preparingOpenBLAS(HostCPU(try HostCPU.probeThisMachine()))
        let loaded = try engine.loadONNX(model)
        let graph = loaded.graph
        var report = InspectReport(model: model, fileBytes: loaded.fileBytes, producer: loaded.producer, graph: graph)
        do {
            let compiled = try Compiler.compile(graph, options: try engine.compilerOptions(host: host))
            report.add(summary: ModelSummary(graph: graph, typed: compiled.graph), compiled: compiled)
        } catch let error as EngineError where error.code == .unsupported {
            report.unsupported = error.items
            report.problem = error.message
        } catch let error as EngineError {
            report.problem = error.description
        }
        if json {
            print(String(decoding: try report.jsonData(), as: UTF8.self))
        } else {
            print(report.text(passes: passes), terminator: "")
        }
        if report.problem != nil { throw ExitCode(1) }
    }
}
