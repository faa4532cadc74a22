import ArgumentParser
import Basics
import Foundation
import Registry

/// `edgepilot models list | show | gc | rollback`: what the model store holds.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List, show, garbage-collect and roll back installed models.",
        subcommands: [List.self, Show.self, Path.self, GC.self, Rollback.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Installed models and versions (* = active).")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() throws {
            let store = try storeOptions.open()
            let models = try registry { try store.models().map { ($0, try store.versions($0), store.active($0)) } }
            if json {
                let rows: [[String: Any]] = models.map { name, versions, active in
                    ["name": name, "active": active.map { $0 as Any } ?? NSNull(),
                     "versions": versions.map { ["version": $0.version, "variants": $0.variants.map(\.id), "bytes": $0.blobs.reduce(0) { $0 + $1.size }] }]
                }
                print(String(decoding: try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
                return
            }
            if models.isEmpty { print("no models in \(store.root)") }
            for (name, versions, active) in models {
                let list = versions.map { "\($0.version == active ? "*" : "")v\($0.version)" }.joined(separator: " ")
                print("\(name)  \(list)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One installed version: variants, blobs, what was skipped.")
        @Argument(help: "Model name.") var name: String
        @Option(name: .long, help: "Version (default: the active one).") var version: Int?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let installed = try registry { try store.installed(name, version: version) }
            print("\(installed.name) v\(installed.version)\(store.active(name) == installed.version ? " (active)" : ""), installed \(ISO8601DateFormatter().string(from: installed.installedAt)), signed by key \(installed.keyID)")
            for blob in installed.blobs {
                let present = store.hasBlob(blob.sha256, size: blob.size) ? "" : "  MISSING"
                print("  \(blob.id) \(blob.precision?.rawValue ?? "data") \(byteCount(blob.size)) \(store.blobPath(blob.sha256))\(present)")
            }
            for skipped in installed.skipped { print("  skipped \(skipped.id): \(skipped.reason)") }
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the blob file of an installed variant (for `run`, `inspect`, `bench`).")
        @Argument(help: "Model name.") var name: String
        @Argument(help: "Variant or data id (default: the first variant).") var id: String?
        @Option(name: .long, help: "Version (default: the active one).") var version: Int?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let installed = try registry { try store.installed(name, version: version) }
            guard let blob = id.map({ id in installed.blobs.first { $0.id == id } }) ?? installed.variants.first else {
                throw CLIError("\(name) v\(installed.version) has no variant or data '\(id ?? "")' (has: \(installed.blobs.map(\.id).joined(separator: ", ")))")
            }
            guard store.hasBlob(blob.sha256, size: blob.size) else { throw CLIError("\(name) v\(installed.version) '\(blob.id)': blob missing from \(store.root)") }
            print(store.blobPath(blob.sha256))
        }
    }

    struct GC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc", abstract: "Drop old versions, unreferenced blobs and the partial downloads interrupted pulls left to resume.")
        @Option(name: .long, help: "Versions kept per model (the active one always).") var keep = 3
        @Option(name: .long, help: ArgumentHelp("Disk quota for blobs (e.g. 2G).", valueName: "bytes")) var quota: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
            let store = try storeOptions.open()
            let collected = try registry { try store.locked { try store.collect(keep: keep, quotaBytes: quota.flatMap(RegistryCLI.bytes), partials: true) } }
            print("removed \(collected.versions.count) version(s)\(collected.versions.isEmpty ? "" : " (\(collected.versions.joined(separator: ", ")))"), \(collected.blobs) blob(s), \(collected.partials) partial download(s), \(byteCount(collected.bytes))")
        }
    }

    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an older installed version active again.")
        @Argument(help: "Model name.") var name: String
        @Option(name: .long, help: "Version to activate (default: the newest one older than the active).") var to: Int?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            let target = try registry { try store.locked { try store.rollback(name, to: to) } }
            print("\(name): v\(target.version) is active")
        }
    }
}
