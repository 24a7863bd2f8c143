/// The BCH-protected words that tell a reader how to read the rest: the
/// format information (error correction level and mask) and, from version 7,
/// the version information.
enum FormatInformation {
    /// The 15 format bits: 2 level bits and 3 mask bits, 10 bits of the
    /// (15, 5) BCH code with generator x¹⁰+x⁸+x⁵+x⁴+x²+x+1, XORed with
    /// 101010000010010 so the word is never all light.
    static func formatBits(correction: QRCode.ErrorCorrection, mask: Int) -> Int {
        let data = correction.formatBits << 3 | mask
        return (data << 10 | remainder(data << 10, generator: 0b101_0011_0111)) ^ 0b101_0100_0001_0010
    }

    /// The 18 version bits: the 6-bit version number and 12 bits of the
    /// (18, 6) BCH code with generator x¹²+x¹¹+x¹⁰+x⁹+x⁸+x⁵+x²+1.
    static func versionBits(version: Int) -> Int {
        version << 12 | remainder(version << 12, generator: 0b1_1111_0010_0101)
    }

    /// `value` modulo `generator` as polynomials over GF(2).
    static func remainder(_ value: Int, generator: Int) -> Int {
        let degree = Int.bitWidth - 1 - generator.leadingZeroBitCount
        var value = value
        while value != 0 {
            let top = Int.bitWidth - 1 - value.leadingZeroBitCount
            if top < degree { break }
            value ^= generator << (top - degree)
        }
        return value
    }
}
