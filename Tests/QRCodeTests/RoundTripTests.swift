@testable import QRCode
import Testing

/// Symbols read back by `SymbolReader`: every block passes its Reed–Solomon
/// syndrome check and the data decodes to the input.
@Suite struct RoundTripTests {
    /// Inputs drawn from a seeded generator: lengths from empty to the
    /// largest versions, characters from each mode's alphabet and from
    /// multi-byte UTF-8.
    static let inputs: [(text: String, correction: QRCode.ErrorCorrection)] = {
        var random = SeededRandom(seed: 0x5EED_C0DE)
        let alphabets: [[Character]] = [
            Array("0123456789"),
            Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"),
            Array("abcdefghijklmnopqrstuvwxyz-_/:.?=&"),
            Array("aeëéèiïoóuüEÉ — ✓🎓ĳ"),
        ]
        var inputs: [(String, QRCode.ErrorCorrection)] = []
        for index in 0..<48 {
            let alphabet = alphabets[index % alphabets.count]
            // Mostly short, as sign-off links are, with some (at level L, so
            // that even four-byte characters fit) up to the largest symbols.
            let long = index % 8 == 7
            let correction = long ? .low : QRCode.ErrorCorrection.allCases.randomElement(using: &random)!
            let length = long ? Int.random(in: 300...700, using: &random) : Int.random(in: 0...120, using: &random)
            inputs.append((String((0..<length).map { _ in alphabet.randomElement(using: &random)! }), correction))
        }
        return inputs
    }()

    @Test("Generated inputs read back unchanged, every block with zero syndromes", arguments: 0..<inputs.count)
    func readsBack(_ index: Int) throws {
        let (text, correction) = Self.inputs[index]
        let code = try QRCode(encoding: text, correction: correction)
        let content = try SymbolReader(code: code).read()
        #expect(content.bytes == Array(text.utf8))
        #expect(content.correction == correction && content.mask == code.mask && content.mode == code.mode)
    }

    @Test("Every mask reads back at every level, in versions around each change of layout", arguments: [1, 2, 6, 7, 9, 10, 26, 27, 40])
    func everyMask(_ version: Int) throws {
        for correction in QRCode.ErrorCorrection.allCases {
            // As much of the sentence as the smallest symbols hold.
            let capacity = SymbolVersion(version).dataCapacity(correction)
            var text = "Bekwaamverklaring — één"
            while Payload(mode: .byte, bytes: Array(text.utf8)).bitCount(version: version) > capacity { text.removeLast() }
            for mask in 0...7 {
                let code = try QRCode(bytes: Array(text.utf8), correction: correction, version: version, mask: mask)
                let content = try SymbolReader(code: code).read()
                #expect(content == .init(correction: correction, mask: mask, version: version, mode: .byte, bytes: Array(text.utf8)))
            }
        }
    }

    @Test("A symbol filled to capacity in each mode reads back", arguments: QRCode.Mode.allCases)
    func fullSymbol(_ mode: QRCode.Mode) throws {
        let fill = switch mode {
        case .numeric: "8"
        case .alphanumeric: "Q"
        case .byte: "q"
        }
        let capacity = SymbolVersion(40).dataCapacity(.low)
        let count = mode.maximumCount(capacity: capacity, version: 40)
        let code = try QRCode(encoding: String(repeating: fill, count: count), correction: .low)
        #expect(code.version == 40 && code.mode == mode)
        #expect(try SymbolReader(code: code).read().bytes.count == count)
    }
}

/// Reed–Solomon and the data bit stream against the worked example of
/// ISO/IEC 18004 ("01234567" in a 1-M symbol) and against syndromes.
@Suite struct ReedSolomonTests {
    @Test("The standard's worked example gives its data and error correction codewords")
    func workedExample() {
        let payload = Payload(mode: .numeric, bytes: Array("01234567".utf8))
        let layout = SymbolVersion(1).blockLayout(.medium)
        let data = payload.dataCodewords(version: 1, capacity: layout.dataCodewordCount * 8)
        #expect(data == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(ReedSolomon(degree: 10).remainder(of: data) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("Data followed by its error correction codewords has zero syndromes, for every block length in use")
    func syndromesVanish() {
        var random = SeededRandom(seed: 18004)
        for degree in Set(SymbolVersion.range.flatMap { v in QRCode.ErrorCorrection.allCases.map { SymbolVersion(v).blockLayout($0).correctionPerBlock } }) {
            let encoder = ReedSolomon(degree: degree)
            for _ in 0..<20 {
                let data = (0..<Int.random(in: 1...122, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                var block = data + encoder.remainder(of: data)
                #expect(SymbolReader.syndromes(block, count: degree).allSatisfy { $0 == 0 }, "degree \(degree)")
                block[Int.random(in: 0..<block.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
                #expect(!SymbolReader.syndromes(block, count: degree).allSatisfy { $0 == 0 }, "a changed codeword goes unnoticed")
            }
        }
    }

    @Test("Format and version words are the standard's for a few known values")
    func bchWords() {
        // Level M with mask 5, and level L with mask 0, as the standard lists them.
        #expect(FormatInformation.formatBits(correction: .medium, mask: 5) == 0b100_0000_1100_1110)
        #expect(FormatInformation.formatBits(correction: .low, mask: 0) == 0b111_0111_1100_0100)
        // Version 7's version information.
        #expect(FormatInformation.versionBits(version: 7) == 0b00_0111_1100_1001_0100)
        #expect(FormatInformation.versionBits(version: 40) == 0b10_1000_1100_0110_1001)
    }
}
