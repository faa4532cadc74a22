import ArgumentParser
import Daemon
import Foundation
import Store

/// `edgepilot report status`: where the daemon reports, what waits in its outbox, and each
/// endpoint's last success and failure.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Fleet reporting of the running daemon.",
                                                    subcommands: [Status.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status",
                                                        abstract: "Show the outbox's depth and oldest entry, and each endpoint's last success and failure.")
        @Flag(name: .long, help: "Print JSON.") var json = false
        @OptionGroup var socketOptions: SocketOptions

        func run() throws {
            let response = try socketOptions.client.call("GET", "/v1/report")
            if json {
                print(String(decoding: response.body, as: UTF8.self), terminator: "")
                return
            }
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let status = try decoder.decode(ReportStatus.self, from: response.body)
            print("device \(status.device); a metrics snapshot every \(Int(status.sampleSeconds)) s; /metrics "
                + (status.metricsAddress.map { "on http://\($0)/metrics" } ?? "off"))
            if status.targets.isEmpty { print("no endpoints configured (report.remoteWrite, report.events): nothing is sent") }
            for target in status.targets { print("\(target.name) → \(target.url)") }
            let now = Date()
            func ago(_ date: Date?) -> String { date.map { "\(Int(now.timeIntervalSince($0).rounded())) s ago" } ?? "never" }
            for backlog in status.outbox.backlog {
                print("outbox \(backlog.kind): \(backlog.depth) waiting (\(backlog.bytes) bytes), oldest \(ago(backlog.oldest))"
                    + (backlog.foldedRows + backlog.droppedRows > 0 ? "; bounds folded \(backlog.foldedRows), dropped \(backlog.droppedRows)" : ""))
            }
            for endpoint in status.outbox.endpoints {
                print("\(endpoint.name): \(endpoint.delivered) delivered, \(endpoint.rejected) refused; last success \(ago(endpoint.lastSuccessAt)), "
                    + "last failure \(ago(endpoint.lastFailureAt))" + (endpoint.lastError.map { ": \($0)" } ?? ""))
            }
        }
    }
}
