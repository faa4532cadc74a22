import Crypto
import FaultServer
import Basics
import Foundation
import Testing
@testable import Registry

/// Whole pulls: verify, download, install, keep, roll back — and nothing lost on any failure.
@Suite(.serialized) struct PullerTests {
    let fp32 = TestRegistry.blob(1, size: 120_000)
    let int8 = TestRegistry.blob(2, size: 40_000)

    @Test func aPullInstallsActivatesAndASecondPullIsANoOp() throws {
        let registry = try TestRegistry()
        let blobs = [("fp32", fp32), ("int8", int8)]
        let url = try registry.publish(registry.manifest(version: 1, blobs: blobs), blobs: blobs)
        let report = try registry.puller().pull(url)
        #expect(report.installed.variants.map(\.id) == ["fp32", "int8"] && report.downloadedBytes == Int64(fp32.count + int8.count))
        let store = try ModelStore(root: registry.storeDirectory)
        #expect(store.active("demo") == 1)
        #expect(FileManager.default.contents(atPath: store.blobPath(TestRegistry.sha256(fp32))) == fp32)
        let again = try registry.puller().pull(url)
        #expect(again.alreadyInstalled && again.downloadedBytes == 0)
    }

    @Test func wrongBytesInstallNothingAndKeepThePreviousVersionActive() throws {
        let registry = try TestRegistry()
        let v1 = [("fp32", fp32)]
        try registry.publish(registry.manifest(version: 1, blobs: v1), blobs: v1)
        _ = try registry.puller().pull(registry.server.url("/m.json"))
        let newer = TestRegistry.blob(3, size: 50_000)
        let v2 = [("fp32", newer)]
        let url = try registry.publish(registry.manifest(version: 2, blobs: v2), blobs: v2)
        registry.server.inject("/blobs/demo-v2-fp32", [.wrongBytes])
        do {
            _ = try registry.puller().pull(url)
            Issue.record("wrong bytes were installed")
        } catch let error as RegistryError {
            #expect(error.code == .integrity && error.message.contains("sha256") && error.message.contains("nothing installed"), "\(error.message)")
        }
        let store = try ModelStore(root: registry.storeDirectory)
        #expect(store.active("demo") == 1)
        #expect(try store.versions("demo").map(\.version) == [1])
        #expect(registry.visibleBlobs().count == 1)
        #expect(!FileManager.default.fileExists(atPath: store.partialPath(TestRegistry.sha256(newer))))
        // The next pull gets the right bytes.
        #expect(try registry.puller().pull(url).installed.version == 2)
    }

    @Test func trustIsEnforcedBeforeAnythingIsDownloaded() throws {
        let registry = try TestRegistry()
        let blobs = [("fp32", fp32)]
        let document = registry.manifest(version: 1, blobs: blobs)
        let unsigned = try registry.publish(document, blobs: blobs, path: "/unsigned.json", sign: false)
        let stranger = try registry.publish(document, blobs: blobs, path: "/stranger.json", signer: .init())
        for (url, message) in [(unsigned, "is unsigned"), (stranger, "which is not trusted")] {
            do {
                _ = try registry.puller().pull(url)
                Issue.record("\(url) was accepted")
            } catch let error as RegistryError {
                #expect(error.code == .signature && error.message.contains(message), "\(error.message)")
            }
        }
        // A signed manifest changed afterwards.
        let url = try registry.publish(document, blobs: blobs, path: "/tampered.json")
        let bytes = try JSONSerialization.data(withJSONObject: registry.manifest(version: 9, blobs: blobs), options: [.sortedKeys])
        registry.server.put("/tampered.json", bytes)
        #expect(throws: RegistryError.self) { try registry.puller().pull(url) }
        #expect(registry.server.requests.allSatisfy { !$0.path.hasPrefix("/blobs/") }, "no blob was fetched")
        #expect(registry.visibleBlobs().isEmpty)
    }

    @Test func downgradesAreRefusedUnlessAskedAndRollbackNeedsNoNetwork() throws {
        let registry = try TestRegistry()
        let a = [("fp32", fp32)], b = [("fp32", int8)]
        let v2 = try registry.publish(registry.manifest(version: 2, blobs: a), blobs: a, path: "/v2.json")
        let v1 = try registry.publish(registry.manifest(version: 1, blobs: b), blobs: b, path: "/v1.json")
        _ = try registry.puller().pull(v2)
        #expect(throws: RegistryError(.downgrade, "demo v1 is older than the installed v2; refusing a downgrade (use --allow-downgrade or `edgepilot models rollback`)")) {
            try registry.puller().pull(v1)
        }
        var puller = try registry.puller()
        puller.allowDowngrade = true
        _ = try puller.pull(v1)
        let store = try ModelStore(root: registry.storeDirectory)
        #expect(store.active("demo") == 1)
        registry.server.stop()
        #expect(try store.rollback("demo", to: 2).version == 2)
        #expect(store.active("demo") == 2)
        #expect(try store.rollback("demo").version == 1)
        #expect(throws: RegistryError.self) { try store.rollback("demo") }  // nothing older than v1
        #expect(throws: RegistryError.self) { try store.rollback("other") }
    }

    @Test func oldVersionsAreCollectedButTheLastNStay() throws {
        let registry = try TestRegistry()
        var puller = try registry.puller()
        puller.keep = 2
        for version in 1...4 {
            let blobs = [("fp32", TestRegistry.blob(UInt8(version), size: 10_000 + version))]
            let url = try registry.publish(registry.manifest(version: version, blobs: blobs), blobs: blobs, path: "/v\(version).json")
            let report = try puller.pull(url)
            #expect(report.collected.versions == (version > 2 ? ["demo v\(version - 2)"] : []))
        }
        let store = try ModelStore(root: registry.storeDirectory)
        #expect(try store.versions("demo").map(\.version) == [3, 4])
        #expect(registry.visibleBlobs().count == 2)
        // The active version survives collection even when it is not among the newest N.
        _ = try store.rollback("demo", to: 3)
        let collected = try store.collect(keep: 1)
        #expect(collected.versions.isEmpty && store.active("demo") == 3)
        #expect(try store.versions("demo").map(\.version) == [3, 4])
    }

    @Test func aDerivedVariantJoinsTheRecordAndIsKeptByCollection() throws {
        let registry = try TestRegistry()
        let blobs = [("fp32", fp32)]
        let document = registry.manifest(version: 1, blobs: blobs) { document in
            document["variants"] = (document["variants"] as! [[String: Any]]) + [["id": "fp16", "precision": "fp16", "derive": ["from": "fp32"]]]
        }
        let report = try registry.puller().pull(try registry.publish(document, blobs: blobs))
        #expect(report.installed.skipped.map(\.id) == ["fp16"])
        let store = try ModelStore(root: registry.storeDirectory)
        let built = Data("an fp16 file built here".utf8)
        let record = try store.addDerived("demo", version: 1, id: "fp16", precision: .fp16, from: "fp32", bytes: built)
        #expect(record.skipped.isEmpty && record.variants.map(\.id) == ["fp32", "fp16"] && record.variants[1].derivedFrom == "fp32")
        #expect(try store.installed("demo").variants.count == 2)
        _ = try store.collect(keep: 1)
        #expect(FileManager.default.contents(atPath: store.blobPath(TestRegistry.sha256(built))) == built)
    }

    @Test func explicitCollectionAlsoDropsInterruptedDownloads() throws {
        let registry = try TestRegistry()
        let store = try ModelStore(root: registry.storeDirectory)
        try Data(repeating: 1, count: 500).write(to: URL(fileURLWithPath: store.partialPath(String(repeating: "a", count: 64))))
        try Data("\"etag\"".utf8).write(to: URL(fileURLWithPath: store.partialPath(String(repeating: "a", count: 64)) + ".validator"))
        #expect(try store.collect(keep: 3).partials == 0, "a pull's own collection keeps them to resume")
        let collected = try store.collect(keep: 3, partials: true)
        #expect(collected.partials == 1 && collected.bytes == 500)
        #expect(try FileManager.default.contentsOfDirectory(atPath: registry.storeDirectory + "/partial").isEmpty)
    }

    @Test func variantsTheBoardCannotRunAreSkippedWithTheReason() throws {
        let registry = try TestRegistry()
        let blobs = [("fp32", fp32), ("vnni", int8), ("big", TestRegistry.blob(4, size: 100))]
        let document = registry.manifest(version: 1, blobs: blobs) { document in
            var variants = document["variants"] as! [[String: Any]]
            variants[1]["precision"] = "int8"
            variants[1]["requires"] = ["arch": ["x86_64"], "isa": ["avx512_vnni"]]
            variants[2]["requires"] = ["memoryBytes": Int64(1) << 40]
            document["variants"] = variants
        }
        let url = try registry.publish(document, blobs: blobs)
        let report = try registry.puller(device: .init(arch: "x86_64", features: ["avx2"], memoryBytes: 1 << 30)).pull(url)
        #expect(report.installed.variants.map(\.id) == ["fp32"])
        #expect(report.installed.skipped.map(\.id) == ["vnni", "big"])
        #expect(report.installed.skipped[0].reason == "needs CPU feature(s) avx512_vnni, which this board lacks")
        #expect(report.installed.skipped[1].reason.contains("bytes of memory"))
        #expect(registry.server.requests("/blobs/demo-v1-vnni").isEmpty)
        #expect(throws: RegistryError.self) {
            try registry.puller(device: .init(arch: "riscv64", features: [], memoryBytes: nil)).pull(registry.publish(
                registry.manifest(version: 2, blobs: [("fp32", fp32)]) { d in
                    var v = d["variants"] as! [[String: Any]]; v[0]["requires"] = ["arch": ["aarch64"]]; d["variants"] = v
                }, blobs: [("fp32", fp32)], path: "/arm.json"))
        }
    }

    @Test func aFailingDiskWriteLeavesTheStoreIntact() throws {
        let registry = try TestRegistry()
        let v1 = [("fp32", fp32)]
        try registry.publish(registry.manifest(version: 1, blobs: v1), blobs: v1)
        _ = try registry.puller().pull(registry.server.url("/m.json"))
        let v2 = [("fp32", TestRegistry.blob(5, size: 200_000))]
        let url = try registry.publish(registry.manifest(version: 2, blobs: v2), blobs: v2)
        do {
            _ = try registry.puller { $0.injectWriteFailureAfterBytes = 100_000 }.pull(url)
            Issue.record("the disk-full write went unnoticed")
        } catch let error as RegistryError {
            #expect(error.code == .store && error.message.contains("No space left"), "\(error.message)")
        }
        let store = try ModelStore(root: registry.storeDirectory)
        let versions = try store.versions("demo").map(\.version)
        #expect(store.active("demo") == 1 && versions == [1])
        #expect(FileManager.default.contents(atPath: store.blobPath(TestRegistry.sha256(fp32))) == fp32)
        #expect(registry.visibleBlobs().count == 1)
    }

    @Test func theQuotaIsKept() throws {
        let registry = try TestRegistry()
        var puller = try registry.puller()
        puller.quotaBytes = 150_000
        let v1 = [("fp32", fp32)]
        _ = try puller.pull(try registry.publish(registry.manifest(version: 1, blobs: v1), blobs: v1, path: "/v1.json"))
        // 120 kB active + 100 kB new > 150 kB: v1 cannot be removed while active… but v2 replaces it, so
        // the new blob alone must fit. It does not: refused before downloading, store unchanged.
        let v2 = [("fp32", TestRegistry.blob(6, size: 100_000))]
        do {
            _ = try puller.pull(try registry.publish(registry.manifest(version: 2, blobs: v2), blobs: v2, path: "/v2.json"))
            Issue.record("the quota was exceeded")
        } catch let error as RegistryError {
            #expect(error.code == .quota, "\(error.message)")
        }
        #expect(registry.server.requests("/blobs/demo-v2-fp32").isEmpty)
        #expect(try ModelStore(root: registry.storeDirectory).active("demo") == 1)
    }

    @Test func anExpiredManifestIsRefused() throws {
        let registry = try TestRegistry()
        let blobs = [("fp32", fp32)]
        let url = try registry.publish(registry.manifest(version: 1, blobs: blobs, expires: "2026-06-01T00:00:00Z"), blobs: blobs)
        #expect(throws: RegistryError(.expired, "manifest demo v1 expired at 2026-06-01T00:00:00Z")) {
            try registry.puller().pull(url, now: ISO8601DateFormatter().date(from: "2026-07-01T00:00:00Z")!)
        }
    }
}
