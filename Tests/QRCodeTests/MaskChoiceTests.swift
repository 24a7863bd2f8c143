@testable import QRCode
import Testing

/// The automatic mask is the one with the lowest penalty; the penalty rules
/// themselves are checked against qrcode 8.0's scores.
@Suite struct MaskChoiceTests {
    static let texts = [
        "", "hello", "Bekwaamverklaring — één", "12345678901234567890", "HTTPS://ERKEND.EXAMPLE.NL/X",
        "https://erkend.example.nl/signoff/q7Vb2kX9_RmT0pLw-8ZcYd3NfHs6JaUe1gKoBiEyQtM",
        String(repeating: "Praktijkverklaring, leerbedrijf De Zorgboog. ", count: 12),
    ]

    static func penalty(_ code: QRCode, lightBorder: Int = 4) -> MaskPenalty {
        MaskPenalty(size: code.size, lightBorder: lightBorder) { code.isDark(x: $0, y: $1) }
    }

    @Test("The automatic mask has the lowest penalty of all eight, the lowest reference on a tie", arguments: texts)
    func lowestPenalty(_ text: String) throws {
        for correction in QRCode.ErrorCorrection.allCases {
            let chosen = try QRCode(encoding: text, correction: correction)
            let penalties = try (0...7).map { mask in
                Self.penalty(try QRCode(encoding: text, correction: correction, version: chosen.version, mask: mask)).total
            }
            #expect(chosen.mask == penalties.firstIndex(of: penalties.min()!), "\(correction): \(penalties)")
            let same = try QRCode(encoding: text, correction: correction, version: chosen.version, mask: chosen.mask)
            #expect(same == chosen)
        }
    }

    @Test("Each penalty rule scores a golden symbol as qrcode does, finder-like patterns counted inside the symbol", arguments: Golden.matrices)
    func rulesMatchReference(_ golden: Golden.MatrixCase) {
        let modules = golden.modules
        let penalty = MaskPenalty(size: modules.count, lightBorder: 0) { modules[$1][$0] }
        #expect([penalty.runs, penalty.blocks, penalty.finderLike, penalty.balance] == golden.penalty)
    }

    @Test("A finder-like pattern at the edge counts when its light side is the quiet zone")
    func quietZoneCountsAsLight() {
        let core: [Bool] = [true, false, true, true, true, false, true]
        let line = core + [true, false, true, false, true, false, true, false, true, false, true, false, true, false]
        #expect(MaskPenalty.finderLikePenalty(line, lightBorder: 0) == 0)
        #expect(MaskPenalty.finderLikePenalty(line, lightBorder: 4) == 40)
        let framed = [false, false, false, false] + core + [false, false, false, false]
        #expect(MaskPenalty.finderLikePenalty(framed, lightBorder: 0) == 80)
    }

    @Test("Runs score 3 for five modules and one more per extra module")
    func runs() {
        #expect(MaskPenalty.runPenalty([true, true, true, true, false]) == 0)
        #expect(MaskPenalty.runPenalty([true, true, true, true, true]) == 3)
        #expect(MaskPenalty.runPenalty(Array(repeating: false, count: 8) + [true]) == 6)
    }
}
