import ArgumentParser
import Foundation
import Registry

/// `edgepilot manifest keygen | sign | verify`: the publisher's side of the registry.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest", abstract: "Publisher tools: make a key pair, sign a manifest, verify one.",
        subcommands: [Keygen.self, Sign.self, Verify.self])

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an Ed25519 key pair (the private file is mode 0600; nothing is overwritten).")
        @Option(name: .long, help: ArgumentHelp("Private key file to create.", valueName: "file")) var `private`: String
        @Option(name: .long, help: ArgumentHelp("Public key file to create (copy it into devices' key directories).", valueName: "file")) var `public`: String

        func run() throws {
            let id = try registry { try SigningKey.generate(privatePath: `private`, publicPath: `public`) }
            print("key \(id): private \(`private`), public \(`public`)")
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a manifest and write its detached signature to MANIFEST.sig.")
        @Argument(help: "Manifest file.") var manifest: String
        @Option(name: .long, help: ArgumentHelp("Private key file.", valueName: "file")) var key: String

        func run() throws {
            guard let bytes = FileManager.default.contents(atPath: manifest) else { throw CLIError("cannot read \(manifest)") }
            let parsed = try registry { try Manifest.parse(bytes) }
            let signature = try registry { try SigningKey.sign(bytes, with: try SigningKey.loadPrivate(key)) }
            do { try signature.write(toFile: manifest + ".sig", atomically: true, encoding: .utf8) } catch {
                throw CLIError("cannot write \(manifest).sig: \(error.localizedDescription)")
            }
            print("signed \(parsed.name) v\(parsed.version): \(manifest).sig")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify a manifest's signature against trusted keys and check its content.")
        @Argument(help: "Manifest file.") var manifest: String
        @Option(name: .long, help: ArgumentHelp("Directory of trusted public keys (*.pub).", valueName: "dir")) var keys = RegistryCLI.defaultKeys

        func run() throws {
            guard let bytes = FileManager.default.contents(atPath: manifest) else { throw CLIError("cannot read \(manifest)") }
            let signature = FileManager.default.contents(atPath: manifest + ".sig")
            let (keyID, parsed) = try registry {
                let keyID = try TrustedKeys(directory: keys).verify(manifest: bytes, signature: signature, source: manifest)
                return (keyID, try Manifest.parse(bytes))
            }
            print("ok: \(parsed.name) v\(parsed.version), signed by key \(keyID), expires \(parsed.expires), \(parsed.variants.count) variant(s)")
        }
    }
}
