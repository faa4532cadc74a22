import ArgumentParser
import Foundation

/// `edgepilot budget set WATTS` / `budget clear`: the power budget the daemon chooses under.
struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: "Set or clear the daemon's power budget.",
                                                    subcommands: [Set.self, Clear.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Choose under WATTS from now on (until cleared or the daemon restarts).")
        @Argument(help: "Board watts, averaged.") var watts: Double
        @OptionGroup var socketOptions: SocketOptions

        func validate() throws {
            guard watts.isFinite, watts > 0 else { throw ValidationError("WATTS must be a positive number") }
        }

        func run() throws {
            _ = try socketOptions.client.call("PUT", "/v1/budget", body: Data("{\"watts\": \(watts)}".utf8))
            print("budget set to \(watts) W; `edgepilot status` shows the decision it led to")
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return to the config's budget (or its schedule).")
        @OptionGroup var socketOptions: SocketOptions

        func run() throws {
            let response = try socketOptions.client.call("PUT", "/v1/budget", body: Data("{\"watts\": null}".utf8))
            print("budget back to the config's: " + String(decoding: response.body, as: UTF8.self).filter { !$0.isWhitespace })
        }
    }
}
