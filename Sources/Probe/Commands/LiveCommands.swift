import Foundation

/// Runs board tools on the live system, from the usual system directories only (never
/// `$PATH`), with a time limit: `vcgencmd` goes through the firmware mailbox and can stall.
public struct LiveCommands: CommandRunning {
    static let directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/opt/vc/bin"]
    public var timeoutSeconds: Double

    public init(timeoutSeconds: Double = 3) { self.timeoutSeconds = timeoutSeconds }

    public func output(of arguments: [String]) -> Result<String, ReadFailure>? {
        guard let tool = arguments.first,
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
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        if finished.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            return .failure(ReadFailure(.busy, "\(executable) did not finish within \(timeoutSeconds) s"))
        }
        guard process.terminationStatus == 0 else {
            return .failure(ReadFailure(.ioError, "\(executable) exited with status \(process.terminationStatus)"))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}
