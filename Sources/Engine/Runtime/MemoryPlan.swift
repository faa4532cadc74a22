/// Places every runtime value in one arena, reusing bytes whose value is dead: each value
/// lives from the step that writes it to the last step that reads it, and takes the best-fitting
/// free block (64-byte aligned), or grows the arena. An aliased value (a Concat input written
/// straight into its slice of the output) takes no block of its own: it sits at its root's
/// offset plus its own, and the root lives as long as any of its members.
public struct MemoryPlan: Sendable, Equatable {
    public struct Interval: Sendable, Equatable {
        public var name: String
        public var bytes: Int
        /// First and last step that touch the value (inputs: -1; outputs: past the last step).
        public var first: Int
        public var last: Int
    }

    public private(set) var offsets: [String: Int] = [:]
    public private(set) var arenaBytes = 0
    /// What the values would take without reuse.
    public private(set) var naiveBytes = 0

    static func aligned(_ bytes: Int) -> Int { (bytes + 63) / 64 * 64 }

    /// A value placed inside another: `root`'s bytes from `offset` on.
    public struct Alias: Sendable, Equatable {
        public var root: String
        public var offset: Int
    }

    public init(_ intervals: [Interval], aliases: [String: Alias] = [:]) {
        var roots: [String: Interval] = [:]
        for value in intervals where aliases[value.name] == nil { roots[value.name] = value }
        for value in intervals {
            guard let alias = aliases[value.name], var root = roots[alias.root] else { continue }
            root.first = min(root.first, value.first)
            root.last = max(root.last, value.last)
            roots[alias.root] = root
        }
        self.init(placing: Array(roots.values))
        for (name, alias) in aliases {
            if let base = offsets[alias.root] { offsets[name] = base + alias.offset }
        }
    }

    private init(placing intervals: [Interval]) {
        var free: [(offset: Int, bytes: Int)] = []
        var active: [(last: Int, offset: Int, bytes: Int)] = []
        for value in intervals.sorted(by: { ($0.first, $0.name) < ($1.first, $1.name) }) {
            let size = Self.aligned(max(value.bytes, 1))
            naiveBytes += size
            // Release blocks whose values died before this one starts.
            for block in active where block.last < value.first { free.append((block.offset, block.bytes)) }
            active.removeAll { $0.last < value.first }
            free = Self.coalesce(free)
            if let slot = free.indices.filter({ free[$0].bytes >= size }).min(by: { free[$0].bytes < free[$1].bytes }) {
                let block = free.remove(at: slot)
                offsets[value.name] = block.offset
                if block.bytes > size { free.append((block.offset + size, block.bytes - size)) }
            } else {
                offsets[value.name] = arenaBytes
                arenaBytes += size
            }
            active.append((value.last, offsets[value.name]!, size))
        }
    }

    private static func coalesce(_ blocks: [(offset: Int, bytes: Int)]) -> [(offset: Int, bytes: Int)] {
        var merged: [(offset: Int, bytes: Int)] = []
        for block in blocks.sorted(by: { $0.offset < $1.offset }) {
            if let last = merged.last, last.offset + last.bytes == block.offset {
                merged[merged.count - 1].bytes += block.bytes
            } else {
                merged.append(block)
            }
        }
        return merged
    }
}
