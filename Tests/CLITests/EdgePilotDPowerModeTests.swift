import Foundation
import Testing

/// Power modes on a copied Orin Nano tree with a simulated nvpmodel (Tests/Fixtures/bin): the
/// daemon measures its candidates in each mode, chooses the mode with the rest of the decision,
/// sets it with the tool under a time limit and records every run; a tool that hangs is killed
/// at the limit, recorded, and serving goes on in the mode the board is in.
@Suite(.serialized) struct EdgePilotDPowerModeTests {
    static let tool = Repository.root + "/Tests/Fixtures/bin/sim-nvpmodel"

    /// A copy of the Orin Nano tree, put in mode `id` by the simulated tool.
    static func board(inMode id: Int) throws -> String {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("orin-nano-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.copyItem(atPath: Repository.fixture("jetson-orin-nano"), toPath: tree)
        let set = try Shell.run(tool, ["--root", tree, "-m", String(id)])
        try #require(set.status == 0, "\(set.stderr)")
        return tree
    }

    static func extra(tree: String, toolArguments: String = "", timeout: Double = 5) -> String {
        """
        allowPowerModeSwitching: true
        nvpmodel: {command: [\(tool), --root, \(tree)\(toolArguments)], timeoutSeconds: \(timeout), measureModes: [25W, 15W]}
        simulatePowerModes: {25W: "6.0:14.0"}
        """
    }

    func decisions(_ daemon: RunningDaemon) throws -> [[String: Any]] {
        let result = try daemon.curl(["http://d/v1/decisions?limit=50"])
        return (try JSONSerialization.jsonObject(with: Data(result.body.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func measuresEachModeAndSetsTheOneItChooses() throws {
        let tree = try Self.board(inMode: 1)  // 25W
        defer { try? FileManager.default.removeItem(atPath: tree) }
        let daemon = try RunningDaemon(extra: Self.extra(tree: tree), board: tree)
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")

        // Candidates in both modes; at the same speed 15W draws less (3.5 W idle against 6), so it is chosen and set.
        let candidates = try daemon.curl(["http://d/v1/models/mnist/candidates"]).body
        #expect(candidates.contains("\"powerMode\" : \"25W\"") && candidates.contains("\"powerMode\" : \"15W\""), "\(candidates)")
        #expect(eventually { (try? String(contentsOfFile: tree + "/var/lib/nvpmodel/status", encoding: .utf8))?.hasPrefix("pmode:0000") == true },
                "\(daemon.output)")
        #expect(eventually { (try? daemon.curl(["http://d/v1/status"]).body.contains("\"powerMode\" : \"15W\"")) == true })
        let status = try daemon.curl(["http://d/v1/status"]).body
        #expect(status.contains("@15W") && status.contains("-m 0 (25W → 15W): exit 0"), "\(status)")

        // Every run of the tool stored: to measure 15W, back to 25W, then the decision's switch to 15W.
        let runs = try decisions(daemon).filter { $0["code"] as? String == "powerMode" }
        #expect(runs.count == 3, "\(runs)")
        let last = try #require(runs.first)
        #expect(last["powerMode"] as? String == "15W" && (last["reason"] as? String)?.contains("exit 0") == true, "\(last)")
        #expect((last["inputsJSON"] as? String ?? "").contains("POWER_MODEL: ID=0 NAME=15W"), "\(last)")
        #expect(daemon.stop().status == 0)
    }

    @Test func aHangingToolIsKilledAtItsLimitAndServingGoesOn() throws {
        let tree = try Self.board(inMode: 1)
        defer { try? FileManager.default.removeItem(atPath: tree) }
        let daemon = try RunningDaemon(extra: Self.extra(tree: tree, toolArguments: ", --delay, 30", timeout: 0.5), board: tree)
        try #require(daemon.waitUntilReady(), "no READY=1:\n\(daemon.output)")
        let failed = try #require(try decisions(daemon).first { $0["code"] as? String == "powerModeFailed" }, "\(daemon.output)")
        #expect((failed["reason"] as? String)?.contains("killed after 0.5 s (time limit)") == true, "\(failed)")
        // Nothing measured in 15W: the board stays in 25W and serves there.
        let candidates = try daemon.curl(["http://d/v1/models/mnist/candidates"]).body
        #expect(candidates.contains("\"powerMode\" : \"25W\"") && !candidates.contains("\"powerMode\" : \"15W\""), "\(candidates)")
        #expect(try String(contentsOfFile: tree + "/var/lib/nvpmodel/status", encoding: .utf8).hasPrefix("pmode:0001"))
        let digit = try EdgePilotDTests.firstDigit(in: daemon.directory)
        let infer = try daemon.curl(["-X", "POST", "--data-binary", "@" + digit, "http://d/v1/models/mnist/infer"])
        #expect(infer.status == 200, "\(infer.body)")
        #expect(daemon.stop().status == 0)
    }
}
