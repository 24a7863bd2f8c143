/// A growing sequence of bits, most significant bit of each appended value first.
struct BitBuffer: Sendable {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    /// Appends the low `width` bits of `value`, highest first; `value` must fit in `width` bits.
    mutating func append(_ value: Int, width: Int) {
        precondition(width >= 0 && width <= 31 && value >> width == 0, "value does not fit its width")
        for shift in stride(from: width - 1, through: 0, by: -1) {
            bits.append((value >> shift) & 1 == 1)
        }
    }

    /// The bits packed into bytes, first bit in the highest place; `count`
    /// must be a multiple of 8.
    var bytes: [UInt8] {
        precondition(count % 8 == 0, "bit buffer is not byte aligned")
        var result = [UInt8](repeating: 0, count: count / 8)
        for (index, bit) in bits.enumerated() where bit {
            result[index / 8] |= 0x80 >> UInt8(index % 8)
        }
        return result
    }
}
