import QRCode
import Testing

/// Automatic choices compared with qrcode 8.0's `make(fit=True)`.
@Suite struct FitTests {
    @Test("The automatic version is the one qrcode chooses, or both refuse the text", arguments: Golden.fits)
    func versionMatchesReference(_ golden: Golden.FitCase) throws {
        // The mask is fixed only to skip scoring eight masks per case: the
        // version is chosen before the mask and does not depend on it.
        let encode = {
            golden.byteMode
                ? try QRCode(bytes: Array(golden.input.utf8), correction: golden.correction, mask: 0)
                : try QRCode(encoding: golden.input, correction: golden.correction, mask: 0)
        }
        guard let version = golden.version else {
            let error = #expect(throws: QRCodeError.self) { try encode() }
            #expect(error?.code == .dataTooLong)
            #expect(error?.maximumLength == golden.maximum)
            #expect(error?.mode == Golden.mode(golden.mode))
            #expect(error?.description.contains("at most \(golden.maximum!) ") == true, "\(error?.description ?? "")")
            return
        }
        let code = try encode()
        #expect(code.version == version)
        // qrcode calls the empty text alphanumeric; byte mode is a bit shorter.
        if !golden.input.isEmpty { #expect(code.mode == Golden.mode(golden.mode)) }
    }

    @Test("The fit cases include both sides of every version's byte capacity at every level")
    func coverage() {
        for level in QRCode.ErrorCorrection.allCases {
            let versions = Golden.fits.filter { $0.correction == level && $0.fill == "x" }.compactMap(\.version)
            #expect(Set(versions) == Set(1...40))
            #expect(Golden.fits.contains { $0.correction == level && $0.fill == "x" && $0.version == nil })
        }
    }
}
