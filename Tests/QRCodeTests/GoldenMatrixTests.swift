import QRCode
import Testing

/// Symbols compared module for module with those of qrcode 8.0, an
/// independent implementation, at the same version, level and mask.
@Suite struct GoldenMatrixTests {
    @Test("A symbol forced to qrcode's version and mask equals qrcode's, module for module", arguments: Golden.matrices)
    func matchesReference(_ golden: Golden.MatrixCase) throws {
        let code: QRCode
        if golden.mode == "byte" {
            code = try QRCode(
                bytes: Array(golden.text.utf8), correction: golden.correction, version: golden.version, mask: golden.mask
            )
        } else {
            code = try QRCode(
                encoding: golden.text, correction: golden.correction, version: golden.version, mask: golden.mask
            )
        }

        #expect(code.mode == Golden.mode(golden.mode))
        #expect(code.version == golden.version && code.mask == golden.mask && code.correction == golden.correction)
        let difference = MatrixDifference(code.rows, golden.modules)
        #expect(difference.isEmpty, "\(difference)")
    }

    @Test("The golden cases cover every level, every mask and the versions asked for")
    func coverage() {
        let cases = Golden.matrices
        for level in QRCode.ErrorCorrection.allCases {
            for mask in 0...7 {
                #expect(cases.contains { $0.correction == level && $0.mask == mask && $0.version == 1 })
                #expect(cases.contains { $0.correction == level && $0.mask == mask && $0.version == 7 })
            }
        }
        for version in [1, 2, 5, 7, 10, 20, 40] {
            #expect(Set(cases.filter { $0.version == version }.map(\.mask)) == Set(0...7), "version \(version)")
        }
        #expect(Set(cases.map(\.version)) == Set(1...40))
        #expect(cases.contains { $0.text.isEmpty })
        #expect(cases.contains { $0.text == "Bekwaamverklaring — één" })
        #expect(cases.contains { $0.text.utf8.count == 77 && $0.text.hasPrefix("https://erkend.example.nl/signoff/") })
        #expect(Set(cases.map(\.mode)) == ["byte", "numeric", "alphanumeric"])
    }
}
