import Foundation

/// Writes that survive a crash or power loss at any point: temp file in the same directory,
/// fsync, rename over the target, fsync the directory. A reader sees the old file or the new one.
enum DurableFile {
    static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectory(directory)
        let temp = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw failure("create \(temp)") }
        let written = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written, fsync(fd) == 0 else {
            let error = failure("write \(temp)")
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        try rename(temp, to: path)
    }

    /// Renames and makes the rename durable.
    static func rename(_ from: String, to path: String) throws {
        guard Foundation.rename(from, path) == 0 else {
            let error = failure("rename \(from) to \(path)")
            unlink(from)
            throw error
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    static func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw failure("open directory \(directory)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync directory \(directory)") }
    }

    static func makeDirectory(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw RegistryError(.store, "cannot create directory \(path): \(error.localizedDescription)")
        }
    }

    static func failure(_ what: String) -> RegistryError {
        RegistryError(.store, "cannot \(what): \(String(cString: strerror(errno)))")
    }
}
