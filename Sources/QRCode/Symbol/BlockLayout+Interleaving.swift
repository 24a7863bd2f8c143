extension BlockLayout {
    /// The data codewords cut into blocks, in symbol order; `data` must hold
    /// exactly `dataCodewordCount` codewords.
    func dataBlocks(_ data: [UInt8]) -> [ArraySlice<UInt8>] {
        precondition(data.count == dataCodewordCount, "wrong number of data codewords")
        var blocks: [ArraySlice<UInt8>] = []
        var start = 0
        for index in 0..<blockCount {
            let end = start + dataCount(ofBlock: index)
            blocks.append(data[start..<end])
            start = end
        }
        return blocks
    }

    /// The final codeword sequence placed in the symbol: each block's error
    /// correction codewords computed, then the data codewords interleaved
    /// (the first of every block, then the second, …, short blocks running
    /// out one earlier), then the error correction codewords interleaved the
    /// same way.
    func interleavedCodewords(data: [UInt8]) -> [UInt8] {
        let blocks = dataBlocks(data)
        let encoder = ReedSolomon(degree: correctionPerBlock)
        let corrections = blocks.map { encoder.remainder(of: $0) }
        var result: [UInt8] = []
        result.reserveCapacity(codewordCount)
        for column in 0...shortBlockDataCount {
            for block in blocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<correctionPerBlock {
            for correction in corrections { result.append(correction[column]) }
        }
        return result
    }
}
