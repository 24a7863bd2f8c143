/// The fixed facts of one QR code version (1–40): its size, where its
/// alignment patterns go, how many codewords it holds and how an error
/// correction level splits them into blocks.
struct SymbolVersion: Sendable, Hashable {
    /// The version number, 1...40.
    let number: Int

    /// `number` must be in 1...40.
    init(_ number: Int) {
        precondition(Self.range.contains(number), "QR code version out of range")
        self.number = number
    }

    /// The versions the standard defines.
    static let range = 1...40

    /// Modules per side: 21 for version 1, four more for each version after.
    var size: Int { number * 4 + 17 }

    /// Row and column coordinates of alignment pattern centres; patterns sit
    /// at every pair of them except the three that would overlap a finder.
    var alignmentCentres: [Int] {
        if number == 1 { return [] }
        let count = number / 7 + 2
        let last = size - 7
        // The spacing is even and the same between all centres after the
        // first (always 6); version 32 is the one the formula misses.
        let spacing = number == 32 ? 26 : 2 * ((last - 6 + 2 * (count - 1) - 1) / (2 * (count - 1)))
        var centres = [6]
        for index in stride(from: count - 2, through: 0, by: -1) {
            centres.append(last - index * spacing)
        }
        return centres
    }

    /// Modules left for codewords once every function pattern, the format
    /// information and (from version 7) the version information are placed.
    var dataModuleCount: Int {
        var count = size * size
        count -= 3 * 64 + 2 * (size - 16) + 31 // finders with separators, timing, format, dark module
        let alignments = alignmentCentres.count
        if alignments > 0 {
            let patterns = alignments * alignments - 3
            // Patterns on row or column 6 share 5 modules with the timing pattern.
            count -= patterns * 25 - 2 * (alignments - 2) * 5
        }
        if number >= 7 { count -= 36 }
        return count
    }

    /// Codewords (data and error correction) the symbol holds; the modules
    /// left over (0–7 of them) are remainder bits.
    var codewordCount: Int { dataModuleCount / 8 }

    /// How `correction` splits this version's codewords into blocks.
    func blockLayout(_ correction: QRCode.ErrorCorrection) -> BlockLayout {
        let row = BlockTable.row(version: number, correction: correction)
        return BlockLayout(
            codewordCount: codewordCount, blockCount: row.blocks, correctionPerBlock: row.correctionPerBlock
        )
    }

    /// The number of data bits the symbol holds at `correction`.
    func dataCapacity(_ correction: QRCode.ErrorCorrection) -> Int {
        blockLayout(correction).dataCodewordCount * 8
    }
}
