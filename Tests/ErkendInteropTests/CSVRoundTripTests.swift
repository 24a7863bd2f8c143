import ErkendCore
import ErkendInterop
import Foundation
import Testing

/// Property-style: random tables written the RFC 4180 way read back the same.
/// The generator is seeded, so a failure repeats; the seed is in the message.
@Suite("CSV reader round trip")
struct CSVRoundTripTests {

    /// Pieces chosen to hit every branch of the scanner: separators, quotes,
    /// each kind of line break, multi-byte UTF-8, and ESCO's ` | `.
    private static let pieces = [
        "a", "b", "skill", " ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "é", "€", "🙂", " | ", "x,y", "'",
    ]

    private func randomCell(_ generator: inout SplitMix64) -> String {
        let length = Int.random(in: 0...6, using: &generator)
        return (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
    }

    /// Writes a cell as RFC 4180 says, quoting when needed and sometimes when not.
    private func field(_ cell: String, soleCell: Bool, _ generator: inout SplitMix64) -> String {
        let needsQuotes = cell.utf8.contains(where: { [UInt8(ascii: ","), UInt8(ascii: "\""), 13, 10].contains($0) })
            || (soleCell && cell.isEmpty)
        guard needsQuotes || Bool.random(using: &generator) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func lineBreaks(in text: String) -> Int {
        let bytes = Array(text.utf8)
        var count = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 10 || (byte == 13 && (index + 1 == bytes.count || bytes[index + 1] != 10)) { count += 1 }
        }
        return count
    }

    @Test("Random tables of cells with quotes, commas and line breaks read back unchanged, with their lines")
    func randomTables() throws {
        for seed in UInt64(1)...300 {
            var generator = SplitMix64(seed: seed)
            let columnCount = Int.random(in: 1...6, using: &generator)
            let rowCount = Int.random(in: 0...12, using: &generator)
            let names = (0..<columnCount).map { "column\($0)" }
            let rows = (0..<rowCount).map { _ in (0..<columnCount).map { _ in randomCell(&generator) } }
            let ending = Bool.random(using: &generator) ? "\n" : "\r\n"
            var text = names.map { field($0, soleCell: false, &generator) }.joined(separator: ",") + ending
            var expectedLines: [Int] = []
            for row in rows {
                expectedLines.append(lineBreaks(in: text) + 1)
                text += row.map { field($0, soleCell: columnCount == 1, &generator) }.joined(separator: ",")
                text += ending
            }
            if Bool.random(using: &generator), text.hasSuffix(ending) { text.removeLast(ending.count) }

            let reader = try CSVReader(data: Data(text.utf8), source: "random-\(seed).csv")
            let records = try reader.records()

            let columns = try names.map { try #require(reader.header.column(named: $0), "seed \(seed)") }
            #expect(reader.header.names == names, "seed \(seed)")
            #expect(records.map { record in columns.map { record[$0] } } == rows, "seed \(seed)")
            #expect(records.map(\.line) == expectedLines, "seed \(seed)")
        }
    }
}
