import Foundation

/// The built `edgepilotd` on a temporary config: a copy-free board tree with a simulated rail,
/// its state and socket in a scratch directory, systemd's notify socket stood in for.
final class RunningDaemon: @unchecked Sendable {
    let directory: String
    /// Whether this one made the directory (and removes it when it goes).
    private let owns: Bool
    var socket: String { directory + "/run/edgepilot.sock" }
    var configPath: String { directory + "/config.yaml" }
    let notify: NotifySocket
    let process = Process()
    let log: String

    /// `metrics`: the `/metrics` address; off unless a test asks (parallel daemons would share the default port).
    static func config(_ directory: String, budget: Double = 9, extra: String = "", models: String, board: String, metrics: String? = nil) -> String {
        """
        metrics: "\(metrics ?? "")"
        boardRoot: \(board)
        profiles: \(Repository.root)/profiles
        stateDirectory: \(directory)/state
        socket: \(directory)/run/edgepilot.sock
        socketGroup: null
        budget: \(budget)
        threads: [1]
        measureSeconds: 0.3
        idleSeconds: 0.2
        policyIntervalSeconds: 0.2
        simulatePower: "3.5:9.0"
        \(extra)
        models:
        \(models)
        """
    }

    static let mnist = """
          - name: mnist
            files: [\(Repository.root)/examples/models/mnist-cntk/fp32.onnx]
            derive: [fp16]
            eval: \(Repository.root)/examples/eval/mnist-16
        """

    /// `board`: the tree to run on (default: the Orin Nano fixture itself; a test that changes
    /// the tree passes a copy).
    init(budget: Double = 9, extra: String = "", models: String = RunningDaemon.mnist, board: String = Repository.fixture("jetson-orin-nano"),
         metrics: String? = nil, binary: BuiltBinary = BuiltBinary("edgepilotd")) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgepilotd-\(UUID().uuidString.prefix(8))").path
        owns = true
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.config(directory, budget: budget, extra: extra, models: models, board: board, metrics: metrics).write(toFile: directory + "/config.yaml", atomically: true, encoding: .utf8)
        notify = try NotifySocket(directory: directory)
        log = directory + "/edgepilotd.log"
        try launch(binary)
    }

    /// Another daemon on an existing one's directory: its config, state and socket (after a kill, say).
    init(reusing directory: String, binary: BuiltBinary = BuiltBinary("edgepilotd")) throws {
        self.directory = directory
        owns = false
        notify = try NotifySocket(directory: directory)
        log = directory + "/edgepilotd.log"
        try launch(binary)
    }

    private func launch(_ binary: BuiltBinary) throws {
        FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary.path)
        process.arguments = ["--config", directory + "/config.yaml"]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment["WATCHDOG_USEC"] = "400000"
        environment["WATCHDOG_PID"] = nil
        process.environment = environment
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        if owns { try? FileManager.default.removeItem(atPath: directory) }
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Waits for READY=1 (the socket listens and a first decision is made).
    func waitUntilReady(seconds: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline && process.isRunning {
            if notify.wait(for: "READY=1", seconds: 0.2) { return true }
        }
        return false
    }

    /// `curl` on the socket: status code and body.
    func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let result = try Shell.run("/usr/bin/curl", ["-s", "-o", "-", "-w", "\n%{http_code}", "--unix-socket", socket] + arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// SIGTERM, then waits; the exit status and the seconds it took.
    func stop() -> (status: Int32, seconds: Double) {
        let start = Date()
        process.terminate()
        process.waitUntilExit()
        return (process.terminationStatus, Date().timeIntervalSince(start))
    }
}

/// Polls `condition` every 0.1 s until it holds or `seconds` pass.
func eventually(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(100_000)
    }
    return condition()
}

enum Shell {
    static func run(_ executable: String, _ arguments: [String]) throws -> BuiltBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
