import ArgumentParser
import Basics
import Foundation
import Store

/// Where results are stored unless `--db` says otherwise: $EDGEPILOT_DB, else
/// $XDG_DATA_HOME/edgepilot/results.db (~/.local/share/edgepilot/results.db).
enum ResultsLocation {
    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["EDGEPILOT_DB"], !path.isEmpty { return path }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
        return data + "/edgepilot/results.db"
    }
}

/// `edgepilot results`: the stored benchmark runs, newest first.
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "results", abstract: "List stored benchmark runs, newest first.")

    @Option(name: .long, help: ArgumentHelp("Results database.", valueName: "path")) var db = ResultsLocation.defaultPath
    @Option(name: .long, help: "At most this many runs.") var limit = 50
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "Check the database (SQLite integrity, every run whole) instead of listing; exit 1 on a problem.") var check = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw CLIError("no results database at \(db) (run `edgepilot bench` first, or give --db)") }
        let runs: [StoredRun]
        do {
            let store = try ResultStore(path: db)
            if check {
                let problems = try store.check()
                guard problems.isEmpty else { throw CLIError("\(db): " + problems.joined(separator: "; ")) }
                print("ok: \(db) passes SQLite's integrity check and every run is whole")
                return
            }
            runs = try store.runs(limit: limit)
        } catch let error as StoreError {
            throw CLIError(error.description)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(runs), as: UTF8.self))
            return
        }
        let widths = [5, -20, -28, -5, 9, 10, 11, -12]
        print(Column.row(["id", "when (UTC)", "model", "prec", "p50 ms", "inf/s", "J/inf", "energy source"], widths: widths))
        let formatter = ISO8601DateFormatter()
        for run in runs {
            print(Column.row(["\(run.id)", formatter.string(from: run.createdAt), String(run.model.suffix(28)), run.precision.rawValue,
                              String(format: "%.3f", run.p50Ms), String(format: "%.1f", run.throughputPerSec),
                              run.joulesPerInference.map { String(format: "%.5f", $0) } ?? "—", run.energySource], widths: widths))
        }
    }
}
