/// When the observed latency stays away from the measured one (throttling, a new power mode,
/// another process on the cores), the measurements no longer describe the board: after
/// `driftSeconds` the decision asks, once per drift, for the candidates to be measured again.
enum Drift {
    static func check(_ observation: Observation, settings: PolicySettings, state: inout PolicyState) -> String? {
        guard let slowdown = observation.slowdown, abs(slowdown - 1) * 100 > settings.driftPercent else {
            state.driftSince = nil
            state.remeasureAsked = false
            return nil
        }
        let since = state.driftSince ?? observation.time
        state.driftSince = since
        guard observation.time - since >= settings.driftSeconds, !state.remeasureAsked else { return nil }
        state.remeasureAsked = true
        return "observed latency is \(Format.fixed(slowdown, 2))× the measured one for \(Format.fixed(observation.time - since, 0)) s "
            + "(more than \(Format.fixed(settings.driftPercent, 0)) % off): measure the candidates again"
    }
}
