/// The product version, shown by `edgepilot version` and `edgepilotd --version`.
public enum EdgePilotVersion {
    public static let string = "0.1.0"
}
