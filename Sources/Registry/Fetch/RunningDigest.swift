import Crypto
import Foundation

/// SHA-256 of a file that grows: fed the bytes as they are written, and able to catch up by
/// reading what is already on disk (a partial file left by an earlier attempt or process).
struct RunningDigest {
    private var hasher = SHA256()
    private(set) var length: Int64 = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        length += Int64(bytes.count)
    }

    /// Makes the digest cover exactly the first `length` bytes of `path`.
    mutating func catchUp(path: String, length target: Int64) throws {
        guard length != target else { return }
        self = RunningDigest()
        guard target > 0 else { return }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RegistryError(.store, "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while length < target {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, min($0.count, Int(target - length))) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw RegistryError(.store, "cannot read \(path): \(n < 0 ? String(cString: strerror(errno)) : "shorter than expected")") }
            buffer.withUnsafeBytes { update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    var hex: String { Self.hex(hasher.finalize()) }

    /// SHA-256 of `data` in lowercase hex, as manifests and the store name blobs.
    static func hex(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    private static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
