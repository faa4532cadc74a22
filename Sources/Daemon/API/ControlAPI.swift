import Agent
import Basics
import Energy
import Fleet
import Foundation
import Bench
import HTTPTypes
import Hummingbird
import Measure
import NIOCore
import Policy
import Probe
import Store

/// The control API, HTTP/1.1 + JSON on the Unix socket (docs/api.md): status, models and
/// their candidates, decisions, the budget, pins, and inference served by the active variant.
struct ControlAPI {
    let state: DaemonState
    let workers: [String: InferenceWorker]
    let store: ResultStore
    let energy: EnergySetup
    let version: String
    /// Wakes the policy loop (a budget change or a pin takes effect at once).
    let wake: @Sendable () -> Void

    func router(group: gid_t?) -> Router<ControlContext> {
        let router = Router(context: ControlContext.self)
        router.add(middleware: ErrorMapping())
        router.add(middleware: PeerCheck(group: group))
        router.get("/v1/status") { _, _ in try await status() }
        router.get("/v1/models") { _, _ in try await models() }
        router.get("/v1/models/:name/candidates") { _, context in try await candidates(try context.parameters.require("name")) }
        router.get("/v1/decisions") { request, _ in try decisions(request) }
        router.put("/v1/budget") { request, context in try await budget(request, context) }
        router.post("/v1/models/:name/pin") { request, context in try await pin(request, context) }
        router.post("/v1/models/:name/unpin") { _, context in
            try await state.pin(try context.parameters.require("name"), candidate: nil)
            wake()
            return try JSONBody.response(["pinned": nil as String?])
        }
        router.post("/v1/models/:name/infer") { request, context in try await infer(request, context) }
        router.get("/v1/report") { _, _ in try await report() }
        return router
    }

    func status() async throws -> Response {
        let config = await state.config
        let budget = await state.budget()
        var models: [StatusReport.Model] = []
        for model in config.models {
            let entry = try await state.model(model.name)
            let worker = workers[model.name]
            let active = worker?.active?.candidate
            models.append(.init(name: model.name, version: entry.version, versionNote: entry.versionNote, phase: entry.phase, failure: entry.failure, active: active?.id, precision: active?.precision,
                                threads: active?.threads, pinned: entry.pinned, candidates: entry.measured?.candidates.count ?? 0,
                                waitingRequests: worker?.waitingRequests ?? 0, predictedWatts: entry.last?.predictedWatts,
                                lastDecision: entry.last.map { decision in
                                    .init(at: entry.lastAt ?? Date(), code: decision.code, reason: decision.reason, feasible: decision.feasible,
                                          rateHz: decision.rateHz, remeasure: decision.remeasure)
                                }))
        }
        let now = MonotonicClock.now()
        let window = energy.meter.window(from: now - 1_000_000_000, to: now, cpuSeconds: 0)
        let board = await state.board
        return try JSONBody.response(StatusReport(
            version: version, board: board.boardName, profile: board.profile, powerMode: board.powerMode,
            lastPowerModeSwitch: await state.lastModeSwitch, budgetWatts: budget.watts, budgetSource: budget.source, sloP99Ms: config.sloP99Ms,
            measuredWatts: window.samples > 0 || window.source == .estimated ? window.meanWatts : nil, energySource: energy.meter.description,
            models: models))
    }

    func report() async throws -> Response {
        let config = await state.config.report
        let targets = [config.remoteWrite, config.events].compactMap { $0.map { ReportStatus.Target(name: $0.name, url: $0.displayURL) } }
        return try JSONBody.response(ReportStatus(device: ReportingService.deviceID(config.deviceId), metricsAddress: config.metrics?.description,
                                                  sampleSeconds: config.sampleSeconds, targets: targets, outbox: try store.outboxStatus()))
    }

    func models() async throws -> Response {
        struct Entry: Encodable { var name: String, phase: DaemonState.Phase, active: String?, candidates: [String] }
        var entries: [Entry] = []
        for model in await state.config.models {
            let entry = try await state.model(model.name)
            entries.append(Entry(name: model.name, phase: entry.phase, active: workers[model.name]?.active?.candidate.id,
                                 candidates: entry.measured?.candidates.map(\.id) ?? []))
        }
        return try JSONBody.response(entries)
    }

    func candidates(_ name: String) async throws -> Response {
        let entry = try await state.model(name)
        return try JSONBody.response(entry.measured?.candidates ?? [])
    }

    func decisions(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let limit = query["limit"].map { Int(String($0)) } ?? 50
        guard let limit, (1...10_000).contains(limit) else { throw APIError(.badRequest, "request", "limit must be a whole number 1…10000") }
        return try JSONBody.response(try store.decisions(limit: limit, model: query["model"].map(String.init)))
    }

    func budget(_ request: Request, _ context: ControlContext) async throws -> Response {
        struct Body: Codable { var watts: Double? }
        var request = request
        let body = try JSONBody.decode(Body.self, try await request.collectBody(upTo: 4096), what: "PUT /v1/budget")
        if let watts = body.watts, !(watts.isFinite && watts > 0 && watts < 100_000) {
            throw APIError(.badRequest, "request", "watts must be a positive number (or null to return to the config's budget)")
        }
        await state.setBudget(body.watts)
        wake()
        let budget = await state.budget()
        return try JSONBody.response(["watts": budget.watts])
    }

    func pin(_ request: Request, _ context: ControlContext) async throws -> Response {
        struct Body: Codable { var candidate: String }
        var request = request
        let body = try JSONBody.decode(Body.self, try await request.collectBody(upTo: 4096), what: "POST …/pin")
        try await state.pin(try context.parameters.require("name"), candidate: body.candidate)
        wake()
        return try JSONBody.response(["pinned": body.candidate])
    }

    /// Raw little-endian float32 in and out (`application/octet-stream`), or JSON
    /// `{"input": [numbers]}` in and `{"output": [...], "shape": [...]}` out; the headers say what ran.
    func infer(_ request: Request, _ context: ControlContext) async throws -> Response {
        let name = try context.parameters.require("name")
        // The workers, not the state actor: a hop to the actor and back costs more than a small inference.
        guard let worker = workers[name] else { throw APIError(.notFound, "model", "no model '\(name.prefix(64))' (models: \(workers.keys.sorted().joined(separator: ", ")))") }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let json = request.headers[.contentType]?.hasPrefix("application/json") == true
        let input: [UInt8]
        if json {
            struct Input: Decodable { var input: [Float] }
            input = try JSONBody.decode(Input.self, body, what: "infer").input.withUnsafeBytes { Array($0) }
        } else {
            input = Array(body.readableBytesView)
        }
        let result = try await worker.infer(input)
        var headers = result.headerFields
        if json || request.headers[.accept]?.contains("application/json") == true {
            struct Output: Encodable { var output: [Float], shape: [Int], variant: String, precision: Precision, latencyMs: Double }
            let floats = result.output.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            var response = try JSONBody.response(Output(output: floats, shape: result.shape, variant: result.candidate, precision: result.precision,
                                                        latencyMs: Double(result.nanoseconds) / 1e6))
            response.headers.append(contentsOf: headers)
            return response
        }
        headers[.contentType] = "application/octet-stream"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: result.output)))
    }
}

/// Every error leaves as JSON with a status: the daemon's own errors mapped, anything else a 500
/// that names it — a bad request never takes the daemon down.
struct ErrorMapping: RouterMiddleware {
    typealias Context = ControlContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as DaemonError {
            throw APIError(error)
        } catch let error as StoreError {
            throw APIError(.internalServerError, "store", error.message)
        } catch let error as HTTPError {
            throw APIError(error.status, "request", error.body ?? "\(error.status)")
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "request", "the body is larger than the \(ControlContext.uploadLimit >> 20) MiB a request may carry")
        } catch {
            throw APIError(.badRequest, "request", "\(error)")
        }
    }
}
