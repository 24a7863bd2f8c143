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
    @inline(__always)
    static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, of a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8
    ) -> Int {
        let end = bytes.count
        var index = start
        let (patternA, patternB, patternC, patternD) = (broadcast(a), broadcast(b), broadcast(c), broadcast(d))
        while index + 8 <= end {
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

    /// How many bytes of `range` are `byte`.
    static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var index = range.lowerBound
        var count = 0
        let pattern = broadcast(byte)
        while index + 8 <= range.upperBound {
            count += matches(load(bytes, index), pattern).nonzeroBitCount
            index += 8
        }
        while index < range.upperBound {
            if bytes[index] == byte { count += 1 }
            index += 1
        }
        return count
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= bytes.count {
            seen |= load(bytes, index)
            index += 8
        }
        var tail: UInt8 = 0
        while index < bytes.count {
            tail |= bytes[index]
            index += 1
        }
        return seen & highBits == 0 && tail & 0x80 == 0
    }

    /// Whether the two byte ranges hold the same bytes.
    @inline(__always)
    static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
        return memcmp(left, right, lhs.count) == 0
    }
}
