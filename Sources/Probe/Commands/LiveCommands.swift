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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return .failure(ReadFailure(.ioError, "could not run \(executable): \(error.localizedDescription)"))
        }
        // Read while waiting, so neither a full pipe nor a stalled tool blocks past the limit.
        let output = OutputBox()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { output.data = stdout.fileHandleForReading.readDataToEndOfFile() }
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            // SIGKILL: a child inherits an ignored SIGTERM from its parent (test runners do that).
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            reading.wait()
            return .failure(ReadFailure(.busy, "\(executable) did not finish within \(timeoutSeconds) s"))
        }
        reading.wait()
        guard process.terminationStatus == 0 else {
            return .failure(ReadFailure(.ioError, "\(executable) exited with status \(process.terminationStatus)"))
        }
        return .success(String(decoding: output.data, as: UTF8.self))
    }
}

/// Written once by the reading task, read after `DispatchGroup.wait()`.
private final class OutputBox: @unchecked Sendable {
    var data = Data()
}
