/// Board tools whose output the probe reads when no file holds the same fact: `nvpmodel -q`
/// (Jetson power mode) and `vcgencmd pmic_read_adc` (the Pi 5 PMIC, readable only through
/// the firmware). Injected, so fixture trees can supply recorded output.
public protocol CommandRunning: Sendable {
    /// The command's standard output; nil when the tool does not exist on this board (not an
    /// error); a failure when it exists but could not be run or failed.
    func output(of arguments: [String]) -> Result<String, ReadFailure>?
}

/// Output recorded in a fixture tree: `<root>/_cmd/<arguments joined by _>.stdout`
/// (e.g. `_cmd/nvpmodel_-q.stdout`), as ../shared/fixtures/sysfs records it.
public struct RecordedCommands: CommandRunning {
    public let directory: String
    let reader: any FileSystemReading

    public init(directory: String, reader: any FileSystemReading = PosixFileReader()) {
        self.directory = directory
        self.reader = reader
    }

    public func output(of arguments: [String]) -> Result<String, ReadFailure>? {
        do {
            return .success(try reader.readFile(atPath: directory + "/" + arguments.joined(separator: "_") + ".stdout"))
        } catch {
            return error.kind == .missing ? nil : .failure(error)
        }
    }
}

/// No board tools (a root that is neither `/` nor a fixture tree with `_cmd/`).
public struct NoCommands: CommandRunning {
    public init() {}
    public func output(of arguments: [String]) -> Result<String, ReadFailure>? { nil }
}
