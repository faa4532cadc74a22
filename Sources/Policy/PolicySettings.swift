/// The policy's own knobs: how it avoids flapping and when it asks for a re-measurement.
public struct PolicySettings: Sendable, Equatable, Codable {
    /// A candidate is kept at least this long before the policy moves to a better one (a move
    /// forced by a violated constraint is never delayed).
    public var dwellSeconds: Double
    /// A move to a candidate of equal accuracy that draws less (back to a cheaper candidate once
    /// a burst has passed) waits this long instead: it risks no budget, only flapping on latency.
    public var savingDwellSeconds: Double
    /// A better candidate is taken only if it stays this far inside every limit (%): predicted
    /// watts ≤ budget × (1 − h), p99 ≤ SLO × (1 − h), load ≤ 1 − h.
    public var headroomPercent: Double
    /// A move to a candidate of equal accuracy must save at least this share of power (%).
    public var minimumSavingPercent: Double
    /// Observed latency this far from the measured one (%) …
    public var driftPercent: Double
    /// … for this long asks for the candidates to be measured again.
    public var driftSeconds: Double
    /// Within this many °C of the passive trip point, the policy does not move to a candidate
    /// that draws more; at the trip point it takes the least-power candidate that fits.
    public var thermalMarginC: Double

    public init(dwellSeconds: Double = 15, savingDwellSeconds: Double = 5, headroomPercent: Double = 5, minimumSavingPercent: Double = 2,
                driftPercent: Double = 15, driftSeconds: Double = 10, thermalMarginC: Double = 5) {
        self.dwellSeconds = dwellSeconds
        self.savingDwellSeconds = savingDwellSeconds
        self.headroomPercent = headroomPercent
        self.minimumSavingPercent = minimumSavingPercent
        self.driftPercent = driftPercent
        self.driftSeconds = driftSeconds
        self.thermalMarginC = thermalMarginC
    }
}

/// What the policy remembers between decisions (returned with each decision, passed back in).
public struct PolicyState: Sendable, Equatable, Codable {
    /// The active candidate's id, and since when it is active.
    public var active: String?
    public var activeSince: Double
    /// Since when the observed latency has drifted, and whether a re-measurement was asked for
    /// in this drift.
    public var driftSince: Double?
    public var remeasureAsked: Bool
    /// The active candidate was chosen before any request rate was observed: the first
    /// observation may replace it without waiting for the dwell time.
    public var chosenBlind: Bool

    public init(active: String? = nil, activeSince: Double = 0, driftSince: Double? = nil, remeasureAsked: Bool = false, chosenBlind: Bool = false) {
        self.active = active
        self.activeSince = activeSince
        self.driftSince = driftSince
        self.remeasureAsked = remeasureAsked
        self.chosenBlind = chosenBlind
    }
}
