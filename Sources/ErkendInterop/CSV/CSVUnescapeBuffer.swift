/// Room for the cells of one record whose doubled quotes must be collapsed,
/// reused from record to record. Most cells have no quotes and are used where
/// they lie in the file; only these need bytes of their own.
struct CSVUnescapeBuffer {
    private var storage = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var used = 0

    /// Makes room for the cells of a record; what earlier records got is reused.
    mutating func prepare(for cells: [CSVScanner.Cell]) {
        used = 0
        var needed = 0
        for cell in cells where cell.hasDoubledQuotes { needed += cell.byteCount }
        guard needed > storage.count else { return }
        storage.deallocate()
        storage = .allocate(capacity: max(needed, 2 * storage.count))
    }

    /// The bytes of `range` with each doubled quote collapsed to one. The scanner
    /// guarantees every quote in the range is the first of a pair.
    mutating func collapsingQuotes(of range: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let start = used
        var index = 0
        while index < range.count {
            storage[used] = range[index]
            used += 1
            index += range[index] == CSVScanner.quote ? 2 : 1
        }
        return UnsafeBufferPointer(rebasing: storage[start..<used])
    }

    func deallocate() {
        storage.deallocate()
    }
}
