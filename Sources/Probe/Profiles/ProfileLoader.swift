/// Loads every `*.yaml` in a profiles directory; one bad file fails the load with its
/// file, line and problem (STYLE §7: a typo fails CI, not a board in the field).
public enum ProfileLoader {
    public static func load(directory: String, reader: any FileSystemReading = PosixFileReader()) throws(YAMLFileError) -> [BoardProfile] {
        let names: [String]
        do {
            names = try reader.listDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
        } catch {
            throw YAMLFileError(file: directory, message: "cannot list profiles: \(error.reason)")
        }
        if names.isEmpty { throw YAMLFileError(file: directory, message: "no *.yaml profiles in this directory") }
        var profiles: [BoardProfile] = []
        for name in names {
            let path = directory + "/" + name
            let text: String
            do {
                text = try reader.readFile(atPath: path)
            } catch {
                throw YAMLFileError(file: path, message: "cannot read: \(error.reason)")
            }
            profiles.append(try ProfileParser(file: path).parse(text, expectedId: String(name.dropLast(5))))
        }
        return profiles
    }

    /// Where `profiles/` is looked for when no directory is given, in order: `$EDGEPILOT_PROFILES`,
    /// `<prefix>/share/edgepilot/profiles` beside the executable, /etc/edgepilot/profiles,
    /// /usr/share/edgepilot/profiles, then the source tree this binary was built from.
    public static func defaultDirectories(executablePath: String?, environment: [String: String]) -> [String] {
        var candidates: [String] = []
        if let fromEnvironment = environment["EDGEPILOT_PROFILES"], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        if let executablePath {
            let binDir = executablePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            candidates.append(binDir + "/../share/edgepilot/profiles")
        }
        candidates += ["/etc/edgepilot/profiles", "/usr/share/edgepilot/profiles"]
        // Sources/Probe/Profiles/ProfileLoader.swift → the repository's profiles/.
        let sourceTree = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")
        candidates.append(sourceTree + "/profiles")
        return candidates
    }

}
