import ArgumentParser
import Foundation

/// `edgepilot pin MODEL CANDIDATE` / `unpin MODEL`: hold a model on one candidate (the policy
/// still reports whether it fits) or let the policy choose again.
struct PinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pin", abstract: "Hold a model on one candidate (e.g. \"int8 ×1\"; see `status`).")
    @Argument(help: "The model.") var model: String
    @Argument(help: "The candidate, as GET /v1/models/MODEL/candidates names it.") var candidate: String
    @OptionGroup var socketOptions: SocketOptions

    func run() throws {
        let body = try JSONEncoder().encode(["candidate": candidate])
        _ = try socketOptions.client.call("POST", "/v1/models/\(PathComponent.escape(model))/pin", body: body)
        print("\(model) pinned to \(candidate)")
    }
}

struct UnpinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpin", abstract: "Let the policy choose a model's candidate again.")
    @Argument(help: "The model.") var model: String
    @OptionGroup var socketOptions: SocketOptions

    func run() throws {
        _ = try socketOptions.client.call("POST", "/v1/models/\(PathComponent.escape(model))/unpin", body: Data())
        print("\(model) unpinned")
    }
}

enum PathComponent {
    static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text }
}
