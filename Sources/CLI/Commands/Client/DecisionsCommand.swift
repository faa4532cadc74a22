import ArgumentParser
import Foundation
import Store

/// `edgepilot decisions`: the daemon's stored decisions, newest first, with their reasons.
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decisions", abstract: "List the daemon's decisions with their reasons, newest first.")
    @Option(name: .long, help: "At most this many.") var limit = 20
    @Option(name: .long, help: "Only this model's.") var model: String?
    @Flag(name: .long, help: "Print JSON.") var json = false
    @OptionGroup var socketOptions: SocketOptions

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1…10000") }
    }

    func run() throws {
        let query = "limit=\(limit)" + (model.map { "&model=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0)" } ?? "")
        let response = try socketOptions.client.call("GET", "/v1/decisions?" + query)
        if json {
            print(String(decoding: response.body, as: UTF8.self), terminator: "")
            return
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let formatter = ISO8601DateFormatter()
        for decision in try decoder.decode([DecisionRecord].self, from: response.body) {
            // A power-mode switch names no candidate: the tool's run is the whole story.
            let figures = decision.candidate.isEmpty ? ""
                : "\(decision.candidate)  " + String(format: "%.2f W / %.2f W budget, %.1f req/s  ", decision.predictedWatts, decision.budgetWatts, decision.rateHz)
            print("\(formatter.string(from: decision.createdAt))  \(decision.model)  \(figures)\(decision.code): \(decision.reason)")
        }
    }
}
