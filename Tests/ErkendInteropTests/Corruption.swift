import Foundation

/// Ways a file gets damaged on its way to an importer — a bad copy, a cut-off
/// download, a spreadsheet's idea of quoting, a binary pasted in — applied at
/// positions chosen by a seeded generator, so a failing case can be replayed.
enum Corruption: String, CaseIterable {
    case flipBytes, truncate, insertQuote, insertNewline, insertNUL, insertInvalidUTF8, duplicateLine, deleteLine, swapLines, hugeCell

    /// `bytes` damaged this way, at places `random` picks.
    func apply(to bytes: Data, using random: inout some RandomNumberGenerator) -> Data {
        var bytes = bytes
        guard !bytes.isEmpty else { return bytes }
        func position() -> Int { Int.random(in: 0...bytes.count, using: &random) }
        /// The line (with its newline) around a random position; found by scanning
        /// from there, since splitting a whole file per case is slow in debug builds.
        func line() -> Range<Int> {
            let at = Int.random(in: 0..<bytes.count, using: &random)
            var start = at, end = at
            while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            return start..<min(end + 1, bytes.count)
        }
        switch self {
        case .flipBytes:
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] ^= UInt8.random(in: 1...255, using: &random)
            }
        case .truncate:
            bytes.removeSubrange(position()...)
        case .insertQuote:
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes.insert(UInt8(ascii: "\""), at: position()) }
        case .insertNewline:
            bytes.insert(contentsOf: Bool.random(using: &random) ? [13, 10] : [10], at: position())
        case .insertNUL:
            bytes.insert(contentsOf: [UInt8](repeating: 0, count: Int.random(in: 1...4, using: &random)), at: position())
        case .insertInvalidUTF8:
            bytes.insert(contentsOf: [0xFF, 0xC3, 0x28, 0xE2, 0x82], at: position())
        case .duplicateLine:
            let range = line()
            bytes.insert(contentsOf: bytes.subdata(in: range), at: range.lowerBound)
        case .deleteLine:
            bytes.removeSubrange(line())
        case .swapLines:
            let (one, other) = (line(), line())
            guard one.upperBound <= other.lowerBound || other.upperBound <= one.lowerBound else { break }
            let (first, second) = one.lowerBound < other.lowerBound ? (one, other) : (other, one)
            bytes = bytes.subdata(in: 0..<first.lowerBound) + bytes.subdata(in: second) + bytes.subdata(in: first.upperBound..<second.lowerBound)
                + bytes.subdata(in: first) + bytes.subdata(in: second.upperBound..<bytes.count)
        case .hugeCell:
            // Past the CSV reader's 1 MiB cell limit, and a YAML scalar larger than any real one.
            bytes.insert(contentsOf: Self.oversizedCell, at: position())
        }
        return bytes
    }

    private static let oversizedCell = Data(repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
}
