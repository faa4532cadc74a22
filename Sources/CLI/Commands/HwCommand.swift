import ArgumentParser
import Foundation
import Probe

/// `edgepilot hw`: the hardware probe's report.
struct HwCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hw",
        abstract: "Show what this board is: cores and ISA, memory, GPU, thermal zones, power rails, power mode.",
        discussion: """
            Reads /proc, /sys and /etc under --root. Items that cannot be read are listed with their \
            path and reason; the rest is still reported. --json prints the stable document described \
            in docs/hw-json.md.
            """)

    @Option(name: .long, help: ArgumentHelp("Read the board's files under this directory.", valueName: "dir"))
    var root = "/"

    @Flag(name: .long, help: "Print the stable JSON document instead of the summary.")
    var json = false

    @OptionGroup var profileOptions: ProfileOptions

    func run() throws {
        let info = try profileOptions.probe(root: root)
        if json {
            print(String(decoding: try info.jsonData(), as: UTF8.self))
        } else {
            print("EdgePilot hardware probe of \(root == "/" ? "this machine" : root)\n")
            print(info.summary(), terminator: "")
        }
    }
}
