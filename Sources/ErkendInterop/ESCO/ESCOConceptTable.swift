/// The concept URIs an import has stated so far, each with what the batch
/// builder needs to know of it. The URIs themselves are not kept: the caller
/// keeps them (in the statements) and says whether an entry is the one it
/// looks for.
///
/// Written by hand rather than a `Dictionary` because looking up every URI of
/// the skills file was an eighth of reading it: `Dictionary` compares whole
/// keys on every probe (ESCO URIs share a 33-byte prefix) and its buckets of
/// key and value overflow the cache. Here a probe compares part of the hash
/// in an 8-byte slot, and keys are compared only when that matches.
struct ESCOConceptTable<Value> {
    private(set) var entries: [(hash: Int, value: Value)] = []
    /// Open addressing with linear probing: 0 is empty, otherwise the upper 32
    /// bits of the hash and, below them, the entry's index plus one.
    private var slots: [UInt64] = []

    var count: Int { entries.count }

    /// Makes room for `capacity` entries in all, so none of them moves the table.
    mutating func reserveCapacity(_ capacity: Int) {
        entries.reserveCapacity(capacity)
        // At most half full, so a probe for a new key ends after a slot or two.
        var size = 16
        while size < 2 * capacity { size *= 2 }
        if size > slots.count { rehash(size: size) }
    }

    /// The index of the entry whose key has `hash` and for which `isKey`
    /// holds, adding one made by `value` if there is none; and whether it was added.
    mutating func findOrAdd(hash: Int, isKey: (Value) -> Bool, _ value: () -> Value) -> (index: Int, isNew: Bool) {
        if 2 * (entries.count + 1) > slots.count { rehash(size: max(16, 2 * slots.count)) }
        let tag = Self.tag(hash)
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let found = slots[slot]
            if found & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(found & 0xFFFF_FFFF) - 1
                if isKey(entries[index].value) { return (index, false) }
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = tag | UInt64(entries.count + 1)
        entries.append((hash, value()))
        return (entries.count - 1, true)
    }

    subscript(index: Int) -> Value {
        get { entries[index].value }
        set { entries[index].value = newValue }
    }

    private static func tag(_ hash: Int) -> UInt64 {
        UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000
    }

    private mutating func rehash(size: Int) {
        precondition(size <= 1 << 32, "over four billion concepts")
        slots = Array(repeating: 0, count: size)
        let mask = size - 1
        for (index, entry) in entries.enumerated() {
            var slot = entry.hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.tag(entry.hash) | UInt64(index + 1)
        }
    }
}
