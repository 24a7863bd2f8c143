import QRCode
import Testing

/// What the encoder refuses, and what it says.
@Suite struct ErrorTests {
    @Test("Text too long for version 40 is refused with the most it may be at that level")
    func tooLongForAnyVersion() {
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: String(repeating: "x", count: 2_332), correction: .medium)
        }
        #expect(error?.code == .dataTooLong)
        #expect(error?.maximumLength == 2_331)
        #expect(error?.mode == .byte)
        #expect(error?.description == "The data is 2332 bytes long in byte mode, but a QR code (version 40, the largest) "
            + "at error correction level M holds at most 2331 bytes. Shorten the data. A lower error correction level holds more.")
        #expect(throws: Never.self) { try QRCode(encoding: String(repeating: "x", count: 2_331)) }
    }

    @Test("Digits are measured in digits, at the level asked for")
    func tooManyDigits() {
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: String(repeating: "1", count: 3_058), correction: .high)
        }
        #expect(error?.maximumLength == 3_057 && error?.mode == .numeric)
        #expect(error?.description.contains("at most 3057 digits") == true)
    }

    @Test("A fixed version too small for the text is refused with that version's limit")
    func tooLongForFixedVersion() {
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: RenderingTests.signoff, correction: .medium, version: 1)
        }
        #expect(error?.code == .dataTooLong && error?.maximumLength == 14)
        #expect(error?.description.contains("a version 1 QR code at error correction level M holds at most 14 bytes") == true)
    }

    @Test("Versions outside 1–40 and masks outside 0–7 are refused", arguments: [(0, nil), (41, nil), (nil, -1), (nil, 8)] as [(Int?, Int?)])
    func outOfRange(_ version: Int?, _ mask: Int?) {
        let error = #expect(throws: QRCodeError.self) { try QRCode(encoding: "x", version: version, mask: mask) }
        #expect(error?.code == (version == nil ? .maskOutOfRange : .versionOutOfRange))
    }

    @Test("Bytes are always encoded in byte mode, text in the most compact mode")
    func modes() throws {
        #expect(try QRCode(bytes: Array("0123".utf8)).mode == .byte)
        #expect(try QRCode(encoding: "0123").mode == .numeric)
        #expect(try QRCode(encoding: "ERKEND 2025").mode == .alphanumeric)
        #expect(try QRCode(encoding: "Erkend 2025").mode == .byte)
        #expect(try QRCode(encoding: "").mode == .byte)
        #expect(try QRCode(encoding: "").version == 1)
    }
}
