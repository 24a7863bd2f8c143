@testable import QRCode
import Testing

/// The version tables, checked against qrcode 8.0's block table and the
/// standard's own totals.
@Suite struct BlockLayoutTests {
    @Test("Blocks per version and level match qrcode's table", arguments: Golden.blocks)
    func matchesReference(_ golden: Golden.BlockCase) {
        let layout = SymbolVersion(golden.version).blockLayout(golden.correction)
        let blocks = (0..<layout.blockCount).map { index in
            [layout.dataCount(ofBlock: index), layout.dataCount(ofBlock: index) + layout.correctionPerBlock]
        }
        #expect(blocks == golden.blocks)
    }

    @Test("The golden block table covers all forty versions at every level")
    func coverage() {
        #expect(Golden.blocks.count == 160)
    }

    @Test("Codeword totals and remainder bits are those of the standard's version table")
    func totals() {
        // Total codewords of versions 1, 2, 7, 14, 21, 32 and 40 and the
        // remainder bits that are left over in each.
        let expected: [Int: (codewords: Int, remainder: Int)] = [
            1: (26, 0), 2: (44, 7), 7: (196, 0), 14: (581, 3), 21: (1_156, 4), 32: (2_465, 3), 40: (3_706, 0),
        ]
        for (version, facts) in expected {
            let symbol = SymbolVersion(version)
            #expect(symbol.codewordCount == facts.codewords, "version \(version)")
            #expect(symbol.dataModuleCount % 8 == facts.remainder, "version \(version)")
        }
    }

    @Test("Alignment pattern centres of a few versions are those of the standard's annex")
    func alignmentCentres() {
        #expect(SymbolVersion(1).alignmentCentres == [])
        #expect(SymbolVersion(2).alignmentCentres == [6, 18])
        #expect(SymbolVersion(7).alignmentCentres == [6, 22, 38])
        #expect(SymbolVersion(32).alignmentCentres == [6, 34, 60, 86, 112, 138])
        #expect(SymbolVersion(36).alignmentCentres == [6, 24, 50, 76, 102, 128, 154])
        #expect(SymbolVersion(40).alignmentCentres == [6, 30, 58, 86, 114, 142, 170])
    }
}
