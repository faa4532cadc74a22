/// Whether a new version of a model may replace the one serving: a new version is a candidate,
/// not a winner. Each version's best candidate under the constraints in force and at the
/// observed rate (the policy's own choice) is compared; the new one is refused when it loses
/// more accuracy, or adds more p99 latency or energy per inference, than the margins allow.
public enum Promotion {
    public struct Margins: Sendable, Equatable, Codable {
        public var accuracyDropPoints: Double
        public var p99IncreasePercent: Double
        public var energyIncreasePercent: Double

        /// Defaults wide enough for the run-to-run noise of a few seconds' measurement on a busy
        /// machine (re-measuring the same file here varied by up to a third): a regression of
        /// half again is caught, noise is not.
        public init(accuracyDropPoints: Double = 0.5, p99IncreasePercent: Double = 50, energyIncreasePercent: Double = 50) {
            self.accuracyDropPoints = accuracyDropPoints
            self.p99IncreasePercent = p99IncreasePercent
            self.energyIncreasePercent = energyIncreasePercent
        }
    }

    public struct Verdict: Sendable, Equatable {
        public var promote: Bool
        /// The two best candidates and the numbers compared, in words.
        public var reason: String
        public var newBest: Candidate
    }

    public static func judge(serving: [Candidate], new: [Candidate], constraints: Constraints, rateHz: Double,
                             margins: Margins = Margins()) throws(PolicyError) -> Verdict {
        let observation = Observation(time: 0, rateHz: rateHz)
        let old = try Policy.decide(serving, constraints: constraints, observation: observation, state: PolicyState()).decision.chosen
        let best = try Policy.decide(new, constraints: constraints, observation: observation, state: PolicyState()).decision.chosen
        var worse: [String] = []
        if let a = old.accuracy, let b = best.accuracy, a - b > margins.accuracyDropPoints {
            worse.append("accuracy \(Format.fixed(b, 2)) % vs \(Format.fixed(a, 2)) % (more than \(Format.fixed(margins.accuracyDropPoints, 2)) points lower)")
        }
        if best.p99Ms > old.p99Ms * (1 + margins.p99IncreasePercent / 100) {
            worse.append("p99 \(Format.ms(best.p99Ms)) vs \(Format.ms(old.p99Ms)) (more than \(Format.fixed(margins.p99IncreasePercent, 0)) % slower)")
        }
        if best.dynamicJoulesPerInference > old.dynamicJoulesPerInference * (1 + margins.energyIncreasePercent / 100) {
            worse.append("\(Format.fixed(best.dynamicJoulesPerInference * 1000, 3)) mJ/inference vs \(Format.fixed(old.dynamicJoulesPerInference * 1000, 3)) "
                + "(more than \(Format.fixed(margins.energyIncreasePercent, 0)) % more)")
        }
        let pair = "new best \(best.id) against serving best \(old.id)"
        return worse.isEmpty
            ? Verdict(promote: true, reason: "\(pair): within the margins (p99 \(Format.ms(best.p99Ms)) vs \(Format.ms(old.p99Ms)))", newBest: best)
            : Verdict(promote: false, reason: "\(pair): " + worse.joined(separator: "; "), newBest: best)
    }
}
