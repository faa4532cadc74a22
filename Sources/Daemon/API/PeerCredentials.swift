import Foundation
import Hummingbird
import NIOCore

/// Who is at the other end of a Unix-socket connection (SO_PEERCRED, socket(7)): root, the
/// daemon's own user and members of the socket's group are let in; anyone else gets 403.
struct PeerCredentials: Sendable, Equatable {
    /// `struct ucred` (pid, uid, gid) — Glibc hides it behind _GNU_SOURCE, so it is spelled out here.
    struct UCred { var pid: Int32 = 0, uid: UInt32 = 0, gid: UInt32 = 0 }

    var pid: Int32
    var uid: uid_t
    var gid: gid_t

    static func read(_ channel: any Channel) async throws -> PeerCredentials? {
        try await reading(channel)?.get()
    }

    /// The read as a future (for channel handlers); nil when the channel is not a socket.
    static func reading(_ channel: any Channel) -> EventLoopFuture<PeerCredentials>? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        return provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            .map { (credentials: UCred) in PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid) }
    }

    /// Root, the daemon's user, or a member of `group` (primary or supplementary).
    func allowed(group: gid_t?) -> Bool {
        if uid == 0 || uid == getuid() { return true }
        guard let group else { return false }
        if gid == group { return true }
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return false }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        guard getgrouplist(name, entry.pointee.pw_gid, &groups, &count) >= 0 else { return false }
        return groups.prefix(Int(count)).contains(group)
    }

    /// The group id of `name`, nil when there is no such group.
    static func groupID(_ name: String) -> gid_t? { getgrnam(name).map { $0.pointee.gr_gid } }
}

/// Refuses connections from other users before any route runs.
struct PeerCheck: RouterMiddleware {
    typealias Context = ControlContext
    let group: gid_t?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let peer = try await PeerCredentials.read(context.channel) else { return try await next(request, context) }
        guard peer.allowed(group: group) else {
            throw APIError(.forbidden, "forbidden", "uid \(peer.uid) is not root, the daemon's user or in the socket's group")
        }
        return try await next(request, context)
    }
}
