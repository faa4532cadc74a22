import Basics
import Engine
import Foundation
import Policy
import Testing
import Variants
@testable import Daemon

/// One model's serving queue: requests run in order on whichever variant is installed when
/// their turn comes; a switch lands between two requests and fails none.
@Suite struct InferenceWorkerTests {
    static let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")

    static func variant(_ name: String, precision: Precision) throws -> LoadedVariant {
        let file = try ModelFile.load(root + "/examples/models/mnist-cntk/fp32.onnx")
        let candidate = Candidate(variant: name, precision: precision, threads: 1, powerMode: nil, p50Ms: 0.1, p99Ms: 0.2, idleWatts: 3,
                                  dynamicJoulesPerInference: 0.001, energyUncertaintyPercent: 1, top1: 99)
        return try LoadedVariant(candidate: candidate, compiled: try Compiler.compile(file.graph))
    }

    static let digit: [UInt8] = Array(FileManager.default.contents(atPath: root + "/examples/data/mnist-16x1x28x28.f32")!.prefix(3136))

    @Test func aSwitchLandsBetweenRequestsAndFailsNone() async throws {
        let worker = InferenceWorker(name: "mnist", limit: 1000, activity: nil)
        await #expect(throws: DaemonError.self) { try await worker.infer(Self.digit) }  // nothing installed yet
        let a = try Self.variant("a", precision: .fp32), b = try Self.variant("b", precision: .fp16)
        worker.install(a)
        #expect(try await worker.infer(Self.digit).candidate == "a ×1")
        worker.install(b)
        let after = try await worker.infer(Self.digit)
        #expect(after.candidate == "b ×1" && after.precision == .fp16 && after.shape == [1, 10])
        // 200 concurrent requests while the variant switches 20 times: none fails.
        let ran = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<200 {
                if index % 10 == 0 { worker.install(index % 20 == 0 ? a : b) }
                group.addTask { try await worker.infer(Self.digit).candidate }
            }
            var ran: [String] = []
            for try await candidate in group { ran.append(candidate) }
            return ran
        }
        #expect(ran.count == 200)
        let stats = worker.takeStats()
        #expect(stats.requests == 202 && stats.p50Ms != nil)
        #expect(worker.takeStats().requests == 0)
    }

    @Test func aWrongSizeIsARequestErrorAndAFullQueueIsBusy() async throws {
        let worker = InferenceWorker(name: "mnist", limit: 1, activity: nil)
        worker.install(try Self.variant("a", precision: .fp32))
        await #expect { try await worker.infer([1, 2, 3]) } throws: { ($0 as? DaemonError)?.code == .request }
        let outcomes = await withTaskGroup(of: DaemonError.Code?.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    do {
                        _ = try await worker.infer(Self.digit)
                        return nil as DaemonError.Code?
                    } catch let error as DaemonError {
                        return error.code
                    } catch {
                        return nil
                    }
                }
            }
            var codes: [DaemonError.Code?] = []
            for await code in group { codes.append(code) }
            return codes
        }
        let served = outcomes.filter { $0 == nil }.count, busy = outcomes.filter { $0 == .busy }.count
        #expect(served > 0 && served + busy == 64, "\(outcomes)")
    }
}
