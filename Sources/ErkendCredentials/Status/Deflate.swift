import Foundation

/// DEFLATE (RFC 1951) with its GZIP (RFC 1952) and ZLIB (RFC 1950) wrappers,
/// as the Bitstring Status List (GZIP) and the Token Status List (ZLIB) need.
///
/// Written here because Foundation on Linux has no compression API and no
/// package in the mirror offers one; status lists are long runs of equal
/// bytes, so the compressor only looks for runs (fixed Huffman codes, matches
/// at distance 1). The decompressor is complete (stored, fixed and dynamic
/// blocks) so that lists made by other issuers can be read.
public enum Deflate {
    // MARK: compressing

    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)  // BFINAL
        writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman codes
        var index = 0
        while index < input.count {
            let byte = input[index]
            writer.writeLiteral(Int(byte))
            index += 1
            // Repeat the byte just written as long as the run goes on (distance 1).
            var run = 0
            while index + run < input.count, input[index + run] == byte, run < 258 { run += 1 }
            if run >= 3 {
                writer.writeLength(run)
                writer.writeHuffman(0, length: 5)  // distance code 0 = distance 1
                index += run
            }
        }
        writer.writeLiteral(256)  // end of block
        return writer.finish()
    }

    // MARK: decompressing

    /// Inflates raw DEFLATE data; `limit` stops a small input from expanding without bound.
    public static func decompress(_ input: [UInt8], limit: Int = 64 << 20) throws(CredentialError) -> [UInt8] {
        var reader = BitReader(bytes: input)
        var output: [UInt8] = []
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let length = try reader.bits(16)
                let complement = try reader.bits(16)
                guard length == ~complement & 0xFFFF else { throw .malformed("compressed data: stored block length check failed") }
                for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
            case 1:
                try inflate(&reader, into: &output, literals: fixedLiterals, distances: fixedDistances, limit: limit)
            case 2:
                let (literals, distances) = try readDynamicTables(&reader)
                try inflate(&reader, into: &output, literals: literals, distances: distances, limit: limit)
            default:
                throw .malformed("compressed data: invalid block type")
            }
            guard output.count <= limit else { throw .malformed("compressed data expands beyond \(limit) bytes") }
        }
        return output
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    static let fixedLiterals: Huffman = {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return Huffman(lengths: lengths)
    }()
    static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))

    private static func inflate(_ reader: inout BitReader, into output: inout [UInt8], literals: Huffman, distances: Huffman,
                                limit: Int) throws(CredentialError) {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < lengthBase.count else { throw .malformed("compressed data: invalid length code") }
                let length = lengthBase[lengthIndex] + (try reader.bits(lengthExtra[lengthIndex]))
                let distanceCode = try distances.decode(&reader)
                guard distanceCode < distanceBase.count else { throw .malformed("compressed data: invalid distance code") }
                let distance = distanceBase[distanceCode] + (try reader.bits(distanceExtra[distanceCode]))
                guard distance <= output.count else { throw .malformed("compressed data refers back before its start") }
                guard output.count + length <= limit else { throw .malformed("compressed data expands beyond \(limit) bytes") }
                let start = output.count - distance
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }
    }

    private static func readDynamicTables(_ reader: inout BitReader) throws(CredentialError) -> (Huffman, Huffman) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .malformed("compressed data: too many codes") }
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[order[index]] = try reader.bits(3) }
        let codeLengths = Huffman(lengths: codeLengthLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengths.decode(&reader)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw .malformed("compressed data: repeat with nothing before") }
                lengths += [Int](repeating: previous, count: 3 + (try reader.bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw .malformed("compressed data: code lengths overrun") }
        return (Huffman(lengths: Array(lengths[..<literalCount])), Huffman(lengths: Array(lengths[literalCount...])))
    }

    // MARK: wrappers

    /// GZIP member (RFC 1952) around DEFLATE data, without name or time.
    public static func gzip(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        out += compress(input)
        out += littleEndian(CRC32.checksum(input))
        out += littleEndian(UInt32(truncatingIfNeeded: input.count))
        return out
    }

    public static func gunzip(_ input: [UInt8], limit: Int = 64 << 20) throws(CredentialError) -> [UInt8] {
        guard input.count >= 18, input[0] == 0x1F, input[1] == 0x8B, input[2] == 8 else { throw .malformed("not GZIP data") }
        let flags = input[3]
        var position = 10
        if flags & 4 != 0 {  // FEXTRA
            guard position + 2 <= input.count else { throw .malformed("GZIP header is cut short") }
            position += 2 + Int(input[position]) + Int(input[position + 1]) << 8
        }
        for flag in [UInt8(8), 16] where flags & flag != 0 {  // FNAME, FCOMMENT
            while position < input.count, input[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 2 != 0 { position += 2 }  // FHCRC
        guard position < input.count - 8 else { throw .malformed("GZIP header is cut short") }
        let output = try decompress(Array(input[position..<(input.count - 8)]), limit: limit)
        let trailer = Array(input.suffix(8))
        guard Array(littleEndian(CRC32.checksum(output))) == Array(trailer[0..<4]) else { throw .malformed("GZIP checksum does not match") }
        return output
    }

    /// ZLIB stream (RFC 1950) around DEFLATE data.
    public static func zlib(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        out += compress(input)
        let adler = Adler32.checksum(input)
        out += [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    public static func unzlib(_ input: [UInt8], limit: Int = 64 << 20) throws(CredentialError) -> [UInt8] {
        guard input.count >= 6, input[0] & 0x0F == 8, (Int(input[0]) << 8 | Int(input[1])) % 31 == 0, input[1] & 0x20 == 0 else {
            throw .malformed("not ZLIB data")
        }
        let output = try decompress(Array(input[2..<(input.count - 4)]), limit: limit)
        let adler = Adler32.checksum(output)
        let trailer = Array(input.suffix(4))
        guard trailer == [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)] else {
            throw .malformed("ZLIB checksum does not match")
        }
        return output
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}

/// A canonical Huffman code, decoded bit by bit (counts per length, symbols in code order).
struct Huffman: Sendable {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []

    init(lengths: [Int]) {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    func decode(_ reader: inout BitReader) throws(CredentialError) -> Int {
        var code = 0, first = 0, index = 0
        for length in 1..<16 {
            code |= try reader.bits(1)
            let count = counts[length]
            if code - count < first { return symbols[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw .malformed("compressed data: invalid Huffman code")
    }
}

struct BitReader {
    let bytes: [UInt8]
    var position = 0
    var buffer = 0
    var count = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func bits(_ needed: Int) throws(CredentialError) -> Int {
        while count < needed {
            guard position < bytes.count else { throw .malformed("compressed data is cut short") }
            buffer |= Int(bytes[position]) << count
            position += 1
            count += 8
        }
        let value = buffer & ((1 << needed) - 1)
        buffer >>= needed
        count -= needed
        return value
    }

    mutating func alignToByte() {
        buffer = 0
        count = 0
    }
}

struct BitWriter {
    var bytes: [UInt8] = []
    var buffer: UInt32 = 0
    var count = 0

    mutating func write(_ value: Int, bits: Int) {
        buffer |= UInt32(value) << UInt32(count)
        count += bits
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }

    /// Huffman codes go most significant bit first.
    mutating func writeHuffman(_ code: Int, length: Int) {
        var reversed = 0
        for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
        write(reversed, bits: length)
    }

    mutating func writeLiteral(_ symbol: Int) {
        switch symbol {
        case 0..<144: writeHuffman(0x30 + symbol, length: 8)
        case 144..<256: writeHuffman(0x190 + symbol - 144, length: 9)
        case 256..<280: writeHuffman(symbol - 256, length: 7)
        default: writeHuffman(0xC0 + symbol - 280, length: 8)
        }
    }

    mutating func writeLength(_ length: Int) {
        var index = Deflate.lengthBase.count - 1
        while Deflate.lengthBase[index] > length { index -= 1 }
        writeLiteral(257 + index)
        write(length - Deflate.lengthBase[index], bits: Deflate.lengthExtra[index])
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        return bytes
    }
}

enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

enum Adler32 {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }
}
