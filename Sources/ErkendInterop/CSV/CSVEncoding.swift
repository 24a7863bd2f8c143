/// Checks on the bytes of a whole CSV file before parsing: empty, UTF-16, a
/// UTF-8 byte order mark; and, after parsing fails to decode a cell, where
/// exactly the invalid UTF-8 is. Spreadsheet programs save CSV as UTF-16 or
/// Windows-1252 unless told otherwise, so these are the mistakes people make.
enum CSVEncoding {
    enum Finding {
        /// Text starts at this offset (after a UTF-8 byte order mark, if any).
        case utf8(bodyStart: Int)
        case empty
        case utf16
    }

    /// How many leading bytes are sampled for NUL bytes.
    private static let sampleSize = 4096

    static func inspect(_ bytes: UnsafeBufferPointer<UInt8>) -> Finding {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            return .utf16
        }
        // UTF-16 without a byte order mark: ASCII text becomes every other byte NUL.
        // Text never holds NUL, so a quarter of the sample is far beyond chance.
        let sample = min(bytes.count, sampleSize)
        var nulCount = 0
        for index in 0..<sample where bytes[index] == 0 { nulCount += 1 }
        if sample > 0, nulCount * 4 >= sample { return .utf16 }

        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                index += 1
            default:
                return .utf8(bodyStart: start)
            }
        }
        return .empty
    }

    /// The offset (within `bytes`) of the first byte that does not belong to a
    /// valid UTF-8 sequence, or `nil` if all of `bytes` is valid. Runs over the
    /// whole body of every file, so runs of ASCII are skipped at once.
    static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let end = bytes.count
        var index = 0
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index = CSVBytes.firstNonASCII(in: bytes, from: index)
                continue
            }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF4: length = 4; second = 0x80...0x8F
            case 0xF1...0xF3: length = 4
            default: return index
            }
            guard index + length <= end, second.contains(bytes[index + 1]) else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
