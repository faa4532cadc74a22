/// Chooses the profile for a board: a `compatible` match first (the most specific entry,
/// then the longest pattern), then a model match, then the generic profile of the CPU
/// architecture. BOARDS.md §2.2: identify by `compatible`, not by the model text, which
/// changes across releases and carriers.
enum ProfileMatcher {
    struct Choice {
        var profile: BoardProfile
        var reason: String
    }

    static func match(_ info: HardwareInfo, among profiles: [BoardProfile]) -> (Choice?, [String]) {
        var candidates: [(rank: (Int, Int, Int), choice: Choice)] = []
        for profile in profiles where !profile.isGeneric {
            if let (index, pattern) = compatibleMatch(profile, info.compatible) {
                candidates.append(((0, index, -pattern.count),
                    Choice(profile: profile, reason: "compatible '\(info.compatible[index])' contains '\(pattern)'")))
            } else if let model = info.model, let pattern = profile.match.model.filter(model.contains).max(by: { $0.count < $1.count }) {
                candidates.append(((1, 0, -pattern.count), Choice(profile: profile, reason: "model '\(model)' contains '\(pattern)'")))
            }
        }
        candidates.sort { $0.rank < $1.rank }
        if let best = candidates.first {
            var warnings: [String] = []
            let ties = candidates.filter { $0.rank == best.rank }.map(\.choice.profile.id)
            if ties.count > 1 {
                warnings.append("profiles \(ties.joined(separator: ", ")) match equally well; using \(best.choice.profile.id)")
            }
            return (best.choice, warnings)
        }
        if let architecture = info.architecture,
            let generic = profiles.first(where: { $0.isGeneric && $0.match.architecture == architecture })
        {
            let what = info.model.map { "no profile matches '\($0)'" } ?? "no board identity"
            return (Choice(profile: generic, reason: "\(what); generic \(architecture) profile"), [])
        }
        return (nil, ["no profile matches this board (architecture \(info.architecture ?? "unknown"))"])
    }

    private static func compatibleMatch(_ profile: BoardProfile, _ compatible: [String]) -> (Int, String)? {
        for (index, entry) in compatible.enumerated() {
            if let pattern = profile.match.compatible.filter(entry.contains).max(by: { $0.count < $1.count }) {
                return (index, pattern)
            }
        }
        return nil
    }
}
