import Foundation

/// Searches over UTF-8 bytes eight at a time. Reading ESCO's skills file
/// looks for a handful of ASCII bytes (separators, quotes, line breaks) in
/// 9.5 MB; a byte-at-a-time loop spends most of its time on the bytes in between.
enum CSVBytes {
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// `byte` in every byte of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// The high bit of each byte of `word` that equals the byte of `pattern`
    /// (made by `broadcast`), and no other bit: exact, so bits can be counted.
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        return ~(((difference & lowBits) &+ lowBits) | difference | lowBits)
    }

    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
        // Little-endian, so the first byte in memory is the lowest of the word.
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// The offset of the first byte from `start` on that is one of `a`, `b`,
    /// `c`, `d` (repeat one to look for fewer), or `bytes.count` if there is none.
    /// Sixteen bytes at a time, then eight, then one.
    @inline(__always)
    static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, of a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8
    ) -> Int {
        let end = bytes.count
        var index = start
        if let base = bytes.baseAddress {
            let (laneA, laneB, laneC, laneD) = (
                SIMD16<UInt8>(repeating: a), SIMD16<UInt8>(repeating: b), SIMD16<UInt8>(repeating: c),
                SIMD16<UInt8>(repeating: d)
            )
            while index + 16 <= end {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                let found = (chunk .== laneA) .| (chunk .== laneB) .| (chunk .== laneC) .| (chunk .== laneD)
                // A lane that matches is all ones: the words tell where the first one is.
                let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
                if words.x != 0 { return index + words.x.trailingZeroBitCount >> 3 }
                if words.y != 0 { return index + 8 + words.y.trailingZeroBitCount >> 3 }
                index += 16
            }
        }
        let (patternA, patternB, patternC, patternD) = (broadcast(a), broadcast(b), broadcast(c), broadcast(d))
        if index + 8 <= end {
            let word = load(bytes, index)
            let found = matches(word, patternA) | matches(word, patternB) | matches(word, patternC) | matches(word, patternD)
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == a || byte == b || byte == c || byte == d { return index }
            index += 1
        }
        return end
    }

    /// The offset of the first `byte` from `start` on, or `bytes.count`.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress, let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// How many bytes of `range` are `a`, `b` and `c` (repeat one to count
    /// fewer), and whether all of them are ASCII: one pass for what a label
    /// list or a quoted cell needs to know.
    static func census(
        of a: UInt8, _ b: UInt8, _ c: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) -> (a: Int, b: Int, c: Int, isASCII: Bool) {
        guard let base = bytes.baseAddress else { return (0, 0, 0, true) }
        var index = range.lowerBound
        var counts = (a: 0, b: 0, c: 0)
        var seen = SIMD16<UInt8>()
        let (patternA, patternB, patternC) = (SIMD16<UInt8>(repeating: a), SIMD16<UInt8>(repeating: b), SIMD16<UInt8>(repeating: c))
        while index + 16 <= range.upperBound {
            var (lanesA, lanesB, lanesC) = (SIMD16<UInt8>(), SIMD16<UInt8>(), SIMD16<UInt8>())
            let stop = min(range.upperBound, index + 16 * 255)
            while index + 16 <= stop {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                lanesA &+= SIMD16<UInt8>().replacing(with: 1, where: chunk .== patternA)
                lanesB &+= SIMD16<UInt8>().replacing(with: 1, where: chunk .== patternB)
                lanesC &+= SIMD16<UInt8>().replacing(with: 1, where: chunk .== patternC)
                seen |= chunk
                index += 16
            }
            counts.a += sum(lanesA)
            counts.b += sum(lanesB)
            counts.c += sum(lanesC)
        }
        var tail: UInt8 = 0
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == a { counts.a += 1 }
            if byte == b { counts.b += 1 }
            if byte == c { counts.c += 1 }
            tail |= byte
            index += 1
        }
        return (counts.a, counts.b, counts.c, !hasHighBit(seen) && tail < 0x80)
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        var seen = SIMD16<UInt8>()
        while index + 16 <= bytes.count {
            seen |= UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            index += 16
        }
        var tail: UInt8 = 0
        while index < bytes.count {
            tail |= bytes[index]
            index += 1
        }
        return !hasHighBit(seen) && tail < 0x80
    }

    /// The offset of the first byte of `bytes` from `start` on that is not
    /// ASCII, or `bytes.count`; thirty-two bytes at a time.
    static func firstNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        while index + 32 <= bytes.count {
            let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD32<UInt8>.self)
            if hasHighBit(chunk.lowHalf | chunk.highHalf) { break }
            index += 32
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    // The reductions of `SIMD` (`max()`, `wrappedSum()`) are generic loops over
    // lanes, slower than the search they end; these look at the lanes as words.

    @inline(__always)
    private static func hasHighBit(_ lanes: SIMD16<UInt8>) -> Bool {
        let words = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        return (words.x | words.y) & highBits != 0
    }

    /// The sum of the lanes.
    @inline(__always)
    private static func sum(_ lanes: SIMD16<UInt8>) -> Int {
        let words = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        let evenBytes: UInt64 = 0x00FF_00FF_00FF_00FF
        // Bytes added pairwise into four 16-bit lanes per word, then the lanes
        // of both words into the top 16 bits (at most 16 × 255, which fits).
        let pairs = (words.x & evenBytes) &+ (words.x >> 8 & evenBytes) &+ (words.y & evenBytes) &+ (words.y >> 8 & evenBytes)
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    /// Whether the two byte ranges hold the same bytes.
    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
        return memcmp(left, right, lhs.count) == 0
    }
}
