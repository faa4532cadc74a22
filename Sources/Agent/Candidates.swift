import Basics
import Policy
import Store

/// Stage 7 — the agent core that both executables call between the store and the policy:
/// candidates from stored runs, the board's power modes from its profile, decisions as records.
///
/// The candidates of one model: the newest stored run of each variant file × thread count ×
/// power mode, with what the policy needs (latency, idle watts, dynamic J/inference with its
/// uncertainty, accuracy in percent, memory). Runs lacking an energy figure are left out and
/// listed.
public enum Candidates {
    public struct Found: Sendable {
        public var model: String
        /// The board profile whose runs they are (nil: runs that name none).
        public var profile: String?
        public var candidates: [Candidate]
        /// `run N: why`, for runs that cannot be candidates.
        public var leftOut: [String]
    }

    /// The candidates of `model` (may be omitted when the store holds one model) on boards of
    /// `profile` (default: the board of the newest run), from the runs stored in `store`.
    public static func stored(in store: ResultStore, model: String?, profile: String?) throws -> Found {
        let runs = try store.runs(limit: 100_000, model: model)
        let models = Set(runs.map(\.model))
        guard models.count == 1 else {
            throw StoreError(.read, models.isEmpty ? "\(store.path): no stored runs\(model.map { " of \($0)" } ?? "")"
                : "\(store.path) holds runs of several models; name one: \(models.sorted().joined(separator: ", "))")
        }
        let found = from(runs, profile: profile ?? runs.first?.profile)
        guard !found.candidates.isEmpty else {
            throw StoreError(.read, "\(store.path): no run of \(found.model) on \(found.profile ?? "this board") has the energy figures a candidate needs")
        }
        return found
    }

    /// `runs` newest first (as the store returns them), all of one model; with `profile`, only
    /// the runs made on boards of that profile (a store may hold runs of several boards).
    public static func from(_ runs: [StoredRun], profile: String? = nil) -> Found {
        var seen = Set<String>()
        var chosen: [StoredRun] = [], leftOut: [String] = []
        for run in runs where profile == nil || run.profile == profile {
            let key = "\(run.variantSHA256) \(run.threads ?? 1) \(run.powerMode ?? "-")"
            guard seen.insert(key).inserted else { continue }
            guard run.idleWatts != nil, run.dynamicJoulesPerInference != nil else {
                leftOut.append("run \(run.id) (\(run.precision.rawValue)): no idle watts or dynamic J/inference stored")
                continue
            }
            chosen.append(run)
        }
        // A precision measured from several files gets the file's digest in its label.
        let files = Dictionary(grouping: chosen, by: \.precision).mapValues { Set($0.map(\.variantSHA256)).count }
        let candidates = chosen.reversed().map { run in
            let label = run.precision.rawValue + ((files[run.precision] ?? 1) > 1 ? " #\(run.variantSHA256.prefix(8))" : "")
            return Candidate(variant: label, precision: run.precision, threads: run.threads ?? 1, powerMode: run.powerMode, p50Ms: run.p50Ms,
                             p99Ms: run.p99Ms, idleWatts: run.idleWatts!, dynamicJoulesPerInference: max(0, run.dynamicJoulesPerInference!),
                             energyUncertaintyPercent: run.energyUncertaintyPercent ?? 50, top1: run.top1.map { $0 * 100 },
                             agreementWithFP32: run.agreementWithFP32.map { $0 * 100 }, memoryBytes: run.peakRSSBytes,
                             variantSHA256: run.variantSHA256)
        }
        return Found(model: runs.first?.model ?? "", profile: profile, candidates: candidates, leftOut: leftOut)
    }
}
