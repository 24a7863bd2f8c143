/// How a symbol's codewords divide into Reed–Solomon blocks.
///
/// Every block carries the same number of error correction codewords; when
/// the data does not divide evenly, the later blocks each hold one data
/// codeword more than the earlier ("short") ones.
struct BlockLayout: Sendable, Hashable {
    /// All codewords of the symbol, data and error correction.
    let codewordCount: Int
    /// The number of blocks.
    let blockCount: Int
    /// Error correction codewords in each block.
    let correctionPerBlock: Int

    /// The data codewords of the whole symbol.
    var dataCodewordCount: Int { codewordCount - blockCount * correctionPerBlock }

    /// How many blocks are short (hold one data codeword fewer).
    var shortBlockCount: Int { blockCount - codewordCount % blockCount }

    /// Data codewords in a short block.
    var shortBlockDataCount: Int { codewordCount / blockCount - correctionPerBlock }

    /// Data codewords in block `index` (0-based, in symbol order).
    func dataCount(ofBlock index: Int) -> Int {
        shortBlockDataCount + (index < shortBlockCount ? 0 : 1)
    }
}
