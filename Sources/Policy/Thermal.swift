/// How hot the board is against its passive trip point (where the kernel starts throttling).
struct Thermal {
    enum Level { case normal, near, atTrip }

    var level = Level.normal
    var text = "normal"

    /// `near`: within `margin` °C of the trip point (no move to a candidate that draws more);
    /// `atTrip`: at or over it (move to the least-power candidate that fits).
    init(_ observation: Observation, margin: Double) {
        guard let celsius = observation.temperatureC, let trip = observation.passiveTripC else { return }
        if celsius >= trip {
            level = .atTrip
            text = "hottest zone \(Format.fixed(celsius, 1)) °C reached the passive trip point \(Format.fixed(trip, 1)) °C"
        } else if celsius >= trip - margin {
            level = .near
            text = "hottest zone \(Format.fixed(celsius, 1)) °C is within \(Format.fixed(margin, 0)) °C of the passive trip point \(Format.fixed(trip, 1)) °C"
        }
    }
}
