/// The error correction table of ISO/IEC 18004 (number of blocks and error
/// correction codewords per block for every version and level). The rest of
/// the table — codeword totals and block lengths — follows from these two
/// numbers and the version's size, so only they are written down.
enum BlockTable {
    /// One entry of the table.
    struct Row: Sendable, Hashable {
        let blocks: Int
        let correctionPerBlock: Int
    }

    /// The entry for `version` (1...40) at `correction`.
    static func row(version: Int, correction: QRCode.ErrorCorrection) -> Row {
        let index = version - 1
        switch correction {
        case .low: return Row(blocks: blocksLow[index], correctionPerBlock: perBlockLow[index])
        case .medium: return Row(blocks: blocksMedium[index], correctionPerBlock: perBlockMedium[index])
        case .quartile: return Row(blocks: blocksQuartile[index], correctionPerBlock: perBlockQuartile[index])
        case .high: return Row(blocks: blocksHigh[index], correctionPerBlock: perBlockHigh[index])
        }
    }

    // Columns of the table, versions 1 to 40, ten to a line.

    private static let blocksLow = [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4,
        4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
        8, 9, 9, 10, 12, 12, 12, 13, 14, 15,
        16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ]
    private static let blocksMedium = [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5,
        5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29,
        31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ]
    private static let blocksQuartile = [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8,
        8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
        23, 23, 25, 27, 29, 34, 34, 35, 38, 40,
        43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ]
    private static let blocksHigh = [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8,
        11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
        25, 34, 30, 32, 35, 37, 40, 42, 45, 48,
        51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ]
    private static let perBlockLow = [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18,
        20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
        28, 28, 30, 30, 26, 28, 30, 30, 30, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let perBlockMedium = [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26,
        30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ]
    private static let perBlockQuartile = [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24,
        28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
        28, 30, 30, 30, 30, 28, 30, 30, 30, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
    private static let perBlockHigh = [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28,
        24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
        30, 24, 30, 30, 30, 30, 30, 30, 30, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ]
}
