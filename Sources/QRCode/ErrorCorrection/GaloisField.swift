/// Arithmetic in GF(2⁸) as QR codes use it: elements are bytes, addition is
/// XOR, and multiplication is modulo the primitive polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D), whose root α = 2 generates the field.
enum GaloisField {
    /// `exponents[i]` is αⁱ for i in 0..<255, repeated once more so that a sum
    /// of two logarithms indexes it without a modulo.
    static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// `logarithms[v]` is the i with αⁱ = v, for v ≠ 0; `logarithms[0]` is unused.
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exponents[power])] = power }
        return table
    }()

    /// The product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// αⁿ for any n ≥ 0.
    static func power(_ n: Int) -> UInt8 {
        exponents[n % 255]
    }
}
