import ArgumentParser
import Basics
import Daemon
import Foundation
import Policy

/// `edgepilot status`: what the daemon runs now, under which budget, and why.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status",
                                                    abstract: "Show what edgepilotd runs for each model, the budget in force and the last decision.")

    @Flag(name: .long, help: "Print the daemon's JSON (GET /v1/status; docs/api.md).") var json = false
    @OptionGroup var socketOptions: SocketOptions

    func run() throws {
        let response = try socketOptions.client.call("GET", "/v1/status")
        if json {
            print(String(decoding: response.body, as: UTF8.self), terminator: "")
            return
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let status = try decoder.decode(StatusReport.self, from: response.body)
        print("edgepilotd \(status.version) on \(status.board ?? "an unknown board")\(status.profile.map { " (\($0))" } ?? "")"
            + (status.powerMode.map { ", power mode \($0)" } ?? ""))
        if let switched = status.lastPowerModeSwitch { print("last power-mode switch: \(switched)") }
        print(String(format: "budget %.2f W (%@)", status.budgetWatts, status.budgetSource)
            + (status.sloP99Ms.map { String(format: ", p99 SLO %.1f ms", $0) } ?? "")
            + (status.measuredWatts.map { String(format: "; board now %.2f W", $0) } ?? "") + " — \(status.energySource)")
        for model in status.models {
            var line = "\(model.name)" + (model.version.map { " v\($0)" } ?? "") + ": \(model.phase.rawValue)"
            if let active = model.active {
                line += ", running \(active)" + (model.precision.map { " (\($0.rawValue))" } ?? "")
                    + (model.predictedWatts.map { String(format: ", %.2f W predicted", $0) } ?? "")
            }
            if let pinned = model.pinned { line += ", pinned to \(pinned)" }
            if let failure = model.failure { line += ": \(failure)" }
            print(line + ", \(model.candidates) candidate(s), \(model.waitingRequests) waiting")
            if let last = model.lastDecision { print("  last decision (\(last.code.rawValue)): \(last.reason)") }
            if let note = model.versionNote { print("  versions: \(note)") }
            if let remeasure = model.lastDecision?.remeasure { print("  \(remeasure)") }
        }
    }
}
