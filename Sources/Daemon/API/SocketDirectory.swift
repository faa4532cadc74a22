import Foundation

/// The socket's directory: created if missing, mode 0750 and the socket group when it exists
/// (systemd's RuntimeDirectory= makes it on a board); a stale socket file from a crash is removed.
enum SocketDirectory {
    static func prepare(_ socket: String, group: String?) throws(DaemonError) {
        let directory = (socket as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw DaemonError(.socket, "cannot create the socket directory \(directory): \(error.localizedDescription)")
            }
            if let group, let gid = PeerCredentials.groupID(group) { _ = chown(directory, uid_t.max, gid) }
        } else if !isDirectory.boolValue {
            throw DaemonError(.socket, "\(directory) is not a directory")
        }
        guard socket.utf8.count < 108 else { throw DaemonError(.socket, "socket path \(socket) is longer than a Unix socket address allows (107 bytes)") }
        if FileManager.default.fileExists(atPath: socket) { try? FileManager.default.removeItem(atPath: socket) }
    }
}
