import Foundation

/// Runs board tools on the live system, from the usual system directories only (never
/// `$PATH`), with a time limit: `vcgencmd` goes through the firmware mailbox and can stall.
public struct LiveCommands: CommandRunning {
    static let directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/opt/vc/bin"]
    public var timeoutSeconds: Double

    public init(timeoutSeconds: Double = 3) { self.timeoutSeconds = timeoutSeconds }

    public func output(of arguments: [String]) -> Result<String, ReadFailure>? {
        guard let tool = arguments.first, !tool.contains("/"),
            let executable = Self.directories.map({ $0 + "/" + tool }).first(where: FileManager.default.isExecutableFile)
        else { return nil }
        let run = TimedCommand.run(executable, Array(arguments.dropFirst()), timeoutSeconds: timeoutSeconds)
        if let failure = run.failure { return .failure(ReadFailure(.ioError, failure)) }
        if run.timedOut { return .failure(ReadFailure(.busy, "\(executable) did not finish within \(timeoutSeconds) s")) }
        guard run.status == 0 else { return .failure(ReadFailure(.ioError, "\(executable) exited with status \(run.status ?? -1)")) }
        return .success(run.output)
    }
}
