/// The last `capacity` samples, oldest first; appending past capacity drops the oldest.
struct SampleRing: Sendable {
    private var storage: [Sample] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(2, capacity)
        storage.reserveCapacity(self.capacity)
    }

    var count: Int { storage.count }
    var last: Sample? { storage.isEmpty ? nil : storage[(head + storage.count - 1) % storage.count] }

    mutating func append(_ sample: Sample) {
        if storage.count < capacity {
            storage.append(sample)
        } else {
            storage[head] = sample
            head = (head + 1) % capacity
        }
    }

    /// Samples with time in [from, to] plus the nearest one outside on each side.
    func around(from: UInt64, to: UInt64) -> [Sample] {
        let ordered = storage.count < capacity ? storage : Array(storage[head...] + storage[..<head])
        let first = ordered.lastIndex { $0.time < from } ?? 0
        let last = ordered.firstIndex { $0.time > to } ?? (ordered.count - 1)
        return ordered.isEmpty ? [] : Array(ordered[first...max(first, last)])
    }
}
