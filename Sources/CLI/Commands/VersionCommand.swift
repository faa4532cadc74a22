import ArgumentParser
import CCurl
import CEngineBLAS
import CSQLite
import Probe

/// `edgepilot version`: this build and the system libraries it runs on — including which
/// OpenBLAS kernel loaded, since 0.3.21 silently falls back to a slow one on CPUs it does not
/// know (TOOLCHAIN.md §1).
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Show the EdgePilot version and the versions of the system libraries it uses.")

    func run() {
        print("edgepilot \(EdgePilotVersion.string)")
        print("libcurl   \(String(cString: curl_version()))")
        print("SQLite    \(String(cString: sqlite3_libversion())) (threadsafe=\(sqlite3_threadsafe()))")
        print("OpenBLAS  \(String(cString: openblas_get_config())); core \(String(cString: openblas_get_corename())); \(openblas_get_num_threads()) threads")
    }
}
