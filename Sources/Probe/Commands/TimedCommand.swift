import Foundation

/// One run of an executable with a time limit: its exit status, its output (stdout, and stderr
/// when asked for), and whether it was killed at the limit. The tool runs in a process group of
/// its own, so at the limit the whole group is killed — a shell script's `sleep` included — and
/// a grandchild left holding the output pipe cannot hold the caller past the limit.
public struct TimedCommand: Sendable, Equatable {
    /// The exit status; nil when the tool was killed (at the limit or by a signal) or did not start.
    public var status: Int32?
    public var output: String
    public var timedOut: Bool
    public var seconds: Double
    /// Why it could not be started, or the signal that ended it (nil: it exited).
    public var failure: String?

    /// Runs `executable` (an absolute path) with `arguments`; stdin is /dev/null.
    public static func run(_ executable: String, _ arguments: [String], timeoutSeconds: Double, includeStderr: Bool = false) -> TimedCommand {
        let started = DispatchTime.now().uptimeNanoseconds
        let elapsed = { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        var result = TimedCommand(status: nil, output: "", timedOut: false, seconds: 0, failure: nil)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            result.failure = "could not run \(executable): no pipe (errno \(errno))"
            return result
        }
        fds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
        var pid: pid_t = 0
        let spawned = spawn(executable, arguments, stdout: fds[1], includeStderr: includeStderr, pid: &pid)
        close(fds[1])
        defer { close(fds[0]) }
        guard spawned == 0 else {
            result.failure = "could not run \(executable): \(String(cString: strerror(spawned)))"
            return result
        }
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        let deadline = started + UInt64(max(0, timeoutSeconds) * 1e9)
        var output = [UInt8]()
        var waitStatus: Int32 = 0
        var open = true
        while true {
            if waitpid(pid, &waitStatus, WNOHANG) == pid {
                if open { _ = drain(fds[0], into: &output, waitMs: 0) }
                break
            }
            if open { open = drain(fds[0], into: &output, waitMs: 10) } else { usleep(10_000) }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &waitStatus, 0)
                result.timedOut = true
                break
            }
        }
        result.output = String(decoding: output, as: UTF8.self)
        result.seconds = elapsed()
        if !result.timedOut {
            let signal = waitStatus & 0x7f
            if signal == 0 { result.status = (waitStatus >> 8) & 0xff } else { result.failure = "\(executable) was killed by signal \(signal)" }
        }
        return result
    }

    /// `exit 0`, `exit 3`, `killed after 20.0 s (time limit)`, or why it did not start.
    public var outcome: String {
        if timedOut { return "killed after \(String(format: "%.1f", seconds)) s (time limit)" }
        if let failure { return failure }
        return "exit \(status ?? -1)"
    }

    private static func spawn(_ executable: String, _ arguments: [String], stdout: Int32, includeStderr: Bool, pid: inout pid_t) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        if includeStderr {
            posix_spawn_file_actions_adddup2(&actions, stdout, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        return posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    }

    /// Reads what the pipe holds, waiting up to `waitMs` for the first byte; false at end of file.
    private static func drain(_ fd: Int32, into output: inout [UInt8], waitMs: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&poller, 1, waitMs)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                if output.count < 1 << 20 { output += buffer[0..<count] }
                continue
            }
            return count < 0 && (errno == EAGAIN || errno == EINTR)
        }
    }
}
