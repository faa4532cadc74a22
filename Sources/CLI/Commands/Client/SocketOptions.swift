import ArgumentParser

/// Where the daemon's control socket is.
struct SocketOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The daemon's control socket ($EDGEPILOT_SOCKET sets the default).", valueName: "path"))
    var socket = DaemonClient.defaultSocket

    var client: DaemonClient { DaemonClient(socket: socket) }
}
