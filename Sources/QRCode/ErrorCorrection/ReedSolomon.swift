/// Reed–Solomon error correction codewords for one block, as ISO/IEC 18004
/// defines them: the block's data, read as a polynomial with the first
/// codeword as the highest coefficient, times x^n, modulo the generator
/// polynomial (x − α⁰)(x − α¹)…(x − αⁿ⁻¹).
struct ReedSolomon: Sendable {
    /// The number of error correction codewords this encoder appends.
    let degree: Int

    /// The generator's coefficients below the leading 1, highest power first.
    private let generator: [UInt8]

    /// An encoder producing `degree` error correction codewords; `degree` is
    /// in 1...255.
    init(degree: Int) {
        precondition((1...255).contains(degree), "Reed–Solomon degree out of range")
        self.degree = degree
        // Multiply out the factors one at a time; `coefficients` holds the
        // product so far with the highest power first and the leading 1 implied.
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // (p(x)·x + p(x)·root): shift left by one coefficient, add root·p.
            for index in 0..<degree {
                coefficients[index] = GaloisField.multiply(coefficients[index], root)
                if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
            }
            root = GaloisField.multiply(root, 2)
        }
        generator = coefficients
    }

    /// The `degree` error correction codewords for `data`.
    func remainder(of data: some Sequence<UInt8>) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            if factor == 0 { continue }
            for index in 0..<degree {
                remainder[index] ^= GaloisField.multiply(generator[index], factor)
            }
        }
        return remainder
    }
}
