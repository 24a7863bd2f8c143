/// The input in the one mode it will be encoded in: what the data bit stream
/// is made from.
struct Payload: Sendable, Hashable {
    let mode: QRCode.Mode
    /// The input bytes (UTF-8 for text); in numeric and alphanumeric mode
    /// every byte is one of that mode's ASCII characters.
    let bytes: [UInt8]

    /// Every mode that can represent `bytes`, most compact first.
    static func modes(for bytes: [UInt8]) -> [QRCode.Mode] {
        if bytes.allSatisfy(isDigit) { return [.numeric, .alphanumeric, .byte] }
        if bytes.allSatisfy({ alphanumericValue($0) != nil }) { return [.alphanumeric, .byte] }
        return [.byte]
    }

    /// The number of bits of mode indicator, character count and characters
    /// at `version` (without terminator or padding).
    func bitCount(version: Int) -> Int {
        4 + mode.countBits(version: version) + mode.payloadBits(count: bytes.count)
    }

    /// Whether the character count can be written at `version` at all
    /// (counts are limited by their bit width).
    func countFits(version: Int) -> Bool {
        bytes.count < 1 << mode.countBits(version: version)
    }

    /// The data codewords for a symbol of `version` holding `capacity` data
    /// bits: the payload, a terminator of up to four zero bits, zero bits to
    /// the byte boundary, then alternating pad bytes 0xEC and 0x11.
    /// `bitCount(version:)` must not exceed `capacity`.
    func dataCodewords(version: Int, capacity: Int) -> [UInt8] {
        var buffer = BitBuffer()
        buffer.append(mode.indicator, width: 4)
        buffer.append(bytes.count, width: mode.countBits(version: version))
        appendCharacters(to: &buffer)
        precondition(buffer.count <= capacity, "payload exceeds the symbol's capacity")
        buffer.append(0, width: min(4, capacity - buffer.count))
        buffer.append(0, width: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < capacity / 8 {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    private func appendCharacters(to buffer: inout BitBuffer) {
        switch mode {
        case .numeric:
            var start = 0
            while start < bytes.count {
                let group = bytes[start..<min(start + 3, bytes.count)]
                let value = group.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                buffer.append(value, width: [0, 4, 7, 10][group.count])
                start += 3
            }
        case .alphanumeric:
            var start = 0
            while start < bytes.count {
                let first = Self.alphanumericValue(bytes[start])!
                if start + 1 < bytes.count {
                    buffer.append(first * 45 + Self.alphanumericValue(bytes[start + 1])!, width: 11)
                } else {
                    buffer.append(first, width: 6)
                }
                start += 2
            }
        case .byte:
            for byte in bytes { buffer.append(Int(byte), width: 8) }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The character's value in alphanumeric mode (0–44), or nil if the mode
    /// has no such character.
    static func alphanumericValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        case UInt8(ascii: " "): 36
        case UInt8(ascii: "$"): 37
        case UInt8(ascii: "%"): 38
        case UInt8(ascii: "*"): 39
        case UInt8(ascii: "+"): 40
        case UInt8(ascii: "-"): 41
        case UInt8(ascii: "."): 42
        case UInt8(ascii: "/"): 43
        case UInt8(ascii: ":"): 44
        default: nil
        }
    }
}
