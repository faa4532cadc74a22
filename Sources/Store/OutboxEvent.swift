import Basics
import Foundation

/// An event as the outbox keeps it: one JSON object `{"type", "time", "data"}`; the sender adds
/// the device and the entry's id when it delivers it.
public enum OutboxEvent {
    public static func json<Body: Encodable>(type: String, at date: Date, _ body: Body) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(Envelope(type: type, time: date, data: body))
        return String(decoding: data, as: UTF8.self)
    }

    struct Envelope<Body: Encodable>: Encodable {
        var type: String
        var time: Date
        var data: Body
    }

    /// What a stored measurement run says to the fleet.
    struct Measurement: Encodable {
        var model: String, precision: String, variantSHA256: String, threads: Int, powerMode: String?
        var p50Ms: Double, p99Ms: Double, joulesPerInference: Double?, dynamicJoulesPerInference: Double?
        var energySource: String, energyUncertaintyPercent: Double?, top1: Double?

        init(_ run: RunRecord) {
            model = run.modelName
            precision = run.precision.rawValue
            variantSHA256 = run.variantSHA256
            threads = run.threads
            powerMode = run.powerMode
            p50Ms = run.p50Ms
            p99Ms = run.p99Ms
            joulesPerInference = run.joulesPerInference
            dynamicJoulesPerInference = run.dynamicJoulesPerInference
            energySource = run.energySource
            energyUncertaintyPercent = run.energyUncertaintyPercent
            top1 = run.top1
        }
    }
}
