@testable import QRCode

/// Reads a symbol back the way a decoder would, to check that what the
/// encoder drew carries the data: format and version information with their
/// BCH checks, unmasking, codeword order, block de-interleaving, a
/// Reed–Solomon syndrome check of every block and the data bit stream.
/// Errors are not corrected: the encoder's output must be exact.
struct SymbolReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What was read.
    struct Content: Equatable {
        var correction: QRCode.ErrorCorrection
        var mask: Int
        var version: Int
        var mode: QRCode.Mode
        var bytes: [UInt8]
    }

    let code: QRCode

    func read() throws(Failure) -> Content {
        let (correction, mask) = try formatInformation()
        try checkVersionInformation()
        let version = SymbolVersion(code.version)
        let layout = version.blockLayout(correction)
        let codewords = readCodewords(version: version, mask: mask, count: layout.codewordCount)
        let blocks = deinterleave(codewords, layout: layout)
        for (index, block) in blocks.enumerated() {
            let syndromes = Self.syndromes(block, count: layout.correctionPerBlock)
            guard syndromes.allSatisfy({ $0 == 0 }) else {
                throw Failure(description: "block \(index) has non-zero syndromes \(syndromes)")
            }
        }
        let data = blocks.flatMap { $0.prefix($0.count - layout.correctionPerBlock) }
        let (mode, bytes) = try parse(data, version: code.version)
        return Content(correction: correction, mask: mask, version: code.version, mode: mode, bytes: bytes)
    }

    // MARK: - Format and version information

    /// The positions of format bits 14 (first) down to 0 in each copy,
    /// written out from the standard's figure rather than computed.
    private var formatPositions: [[(x: Int, y: Int)]] {
        let n = code.size
        let nearTopLeft = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                           (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        let split = [(8, n - 1), (8, n - 2), (8, n - 3), (8, n - 4), (8, n - 5), (8, n - 6), (8, n - 7),
                     (n - 8, 8), (n - 7, 8), (n - 6, 8), (n - 5, 8), (n - 4, 8), (n - 3, 8), (n - 2, 8), (n - 1, 8)]
        return [nearTopLeft.map { (x: $0.0, y: $0.1) }, split.map { (x: $0.0, y: $0.1) }]
    }

    private func formatInformation() throws(Failure) -> (QRCode.ErrorCorrection, Int) {
        let words = formatPositions.map { positions in
            positions.reduce(0) { $0 << 1 | (code.isDark(x: $1.x, y: $1.y) ? 1 : 0) }
        }
        guard words[0] == words[1] else { throw Failure(description: "the two format copies differ") }
        let word = words[0] ^ 0b101_0100_0001_0010
        guard Self.gf2Remainder(word, generator: 0b101_0011_0111) == 0 else {
            throw Failure(description: "format information fails its BCH check")
        }
        guard code.isDark(x: 8, y: code.size - 8) else { throw Failure(description: "the dark module is light") }
        let levels: [Int: QRCode.ErrorCorrection] = [0b01: .low, 0b00: .medium, 0b11: .quartile, 0b10: .high]
        return (levels[word >> 13]!, (word >> 10) & 0b111)
    }

    private func checkVersionInformation() throws(Failure) {
        guard code.version >= 7 else { return }
        let n = code.size
        var upperRight = 0, lowerLeft = 0
        for index in (0..<18).reversed() {
            upperRight = upperRight << 1 | (code.isDark(x: n - 11 + index % 3, y: index / 3) ? 1 : 0)
            lowerLeft = lowerLeft << 1 | (code.isDark(x: index / 3, y: n - 11 + index % 3) ? 1 : 0)
        }
        guard upperRight == lowerLeft else { throw Failure(description: "the two version copies differ") }
        guard Self.gf2Remainder(upperRight, generator: 0b1_1111_0010_0101) == 0 else {
            throw Failure(description: "version information fails its BCH check")
        }
        guard upperRight >> 12 == code.version else {
            throw Failure(description: "version information says \(upperRight >> 12)")
        }
    }

    static func gf2Remainder(_ value: Int, generator: Int) -> Int {
        var value = value
        let degree = Int.bitWidth - 1 - generator.leadingZeroBitCount
        for shift in stride(from: Int.bitWidth - 1 - degree, through: 0, by: -1) where value & (1 << (shift + degree)) != 0 {
            value ^= generator << shift
        }
        return value
    }

    // MARK: - Codewords

    private func readCodewords(version: SymbolVersion, mask: Int, count: Int) -> [UInt8] {
        let positions = ModuleGrid(version: version).dataPositions
        var codewords = [UInt8](repeating: 0, count: count)
        for (index, position) in positions.prefix(count * 8).enumerated() {
            let (x, y) = (position.x, position.y)
            // The mask conditions as the standard states them, i = row, j = column.
            let (i, j) = (y, x)
            let flip = switch mask {
            case 0: (i + j) % 2 == 0
            case 1: i % 2 == 0
            case 2: j % 3 == 0
            case 3: (i + j) % 3 == 0
            case 4: (i / 2 + j / 3) % 2 == 0
            case 5: (i * j) % 2 + (i * j) % 3 == 0
            case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
            default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
            }
            if code.isDark(x: x, y: y) != flip { codewords[index / 8] |= 0x80 >> UInt8(index % 8) }
        }
        return codewords
    }

    /// The blocks in symbol order, each its data then its error correction codewords.
    private func deinterleave(_ codewords: [UInt8], layout: BlockLayout) -> [[UInt8]] {
        var blocks = (0..<layout.blockCount).map { _ in [UInt8]() }
        var next = 0
        for column in 0..<(layout.shortBlockDataCount + 1) {
            for index in 0..<layout.blockCount where column < layout.dataCount(ofBlock: index) {
                blocks[index].append(codewords[next]); next += 1
            }
        }
        for _ in 0..<layout.correctionPerBlock {
            for index in 0..<layout.blockCount { blocks[index].append(codewords[next]); next += 1 }
        }
        return blocks
    }

    /// The block polynomial (first codeword highest) evaluated at α⁰…αⁿ⁻¹,
    /// by Horner's rule; a valid codeword gives all zeros.
    static func syndromes(_ block: [UInt8], count: Int) -> [UInt8] {
        (0..<count).map { power in
            let point = GaloisField.power(power)
            return block.reduce(0) { GaloisField.multiply($0, point) ^ $1 }
        }
    }

    // MARK: - Data bits

    private func parse(_ data: [UInt8], version: Int) throws(Failure) -> (QRCode.Mode, [UInt8]) {
        var position = 0
        func take(_ width: Int) throws(Failure) -> Int {
            guard position + width <= data.count * 8 else { throw Failure(description: "data ends early") }
            var value = 0
            for _ in 0..<width {
                value = value << 1 | Int(data[position / 8] >> (7 - UInt8(position % 8)) & 1)
                position += 1
            }
            return value
        }
        let modes: [Int: QRCode.Mode] = [0b0001: .numeric, 0b0010: .alphanumeric, 0b0100: .byte]
        guard let mode = modes[try take(4)] else { throw Failure(description: "unknown mode indicator") }
        let sizeClass = version <= 9 ? 0 : version <= 26 ? 1 : 2
        let countWidth = switch mode {
        case .numeric: [10, 12, 14][sizeClass]
        case .alphanumeric: [9, 11, 13][sizeClass]
        case .byte: [8, 16, 16][sizeClass]
        }
        let count = try take(countWidth)
        var bytes: [UInt8] = []
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
        while bytes.count < count {
            switch mode {
            case .byte:
                bytes.append(UInt8(try take(8)))
            case .numeric:
                let digits = min(3, count - bytes.count)
                let value = try take([0, 4, 7, 10][digits])
                bytes += String(value).leftPadded(to: digits).utf8
            case .alphanumeric:
                if count - bytes.count >= 2 {
                    let value = try take(11)
                    bytes += [alphabet[value / 45], alphabet[value % 45]]
                } else {
                    bytes.append(alphabet[try take(6)])
                }
            }
        }
        // Terminator and bit padding are zero; pad codewords alternate EC, 11.
        let terminator = min(4, data.count * 8 - position)
        guard try take(terminator) == 0 else { throw Failure(description: "non-zero terminator") }
        guard try take((8 - position % 8) % 8) == 0 else { throw Failure(description: "non-zero bit padding") }
        for (index, byte) in data[(position / 8)...].enumerated() where byte != (index % 2 == 0 ? 0xEC : 0x11) {
            throw Failure(description: "pad codeword \(index) is \(byte)")
        }
        return (mode, bytes)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
