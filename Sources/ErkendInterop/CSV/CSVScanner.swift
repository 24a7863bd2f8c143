import Foundation

/// The RFC 4180 state machine over raw bytes. It only finds where cells begin
/// and end; turning cells into strings (and checking UTF-8) happens after, so
/// the hot loop touches each byte once and compares it with four ASCII values.
/// Multi-byte UTF-8 sequences never contain those ASCII bytes, which is what
/// makes scanning bytes instead of Characters correct.
struct CSVScanner {
    /// A cell as a byte range of the buffer, without its surrounding quotes.
    struct Cell {
        var start: Int
        var end: Int
        /// Inside the range every quote is doubled and must be collapsed.
        var hasDoubledQuotes: Bool
        var byteCount: Int { end - start }
    }

    enum Failure: Error {
        case unterminatedQuote(line: Int)
        case strayQuote(line: Int)
        case textAfterClosingQuote(line: Int)
        case cellTooLarge(line: Int, cellIndex: Int, bytes: Int)
    }

    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    let bytes: UnsafeBufferPointer<UInt8>
    let maxCellBytes: Int
    /// The offset of the next unread byte.
    private(set) var position: Int
    /// The physical line (1-based) of the next unread byte.
    private(set) var line: Int
    /// Where the record returned last begins.
    private(set) var recordStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int, line: Int, maxCellBytes: Int) {
        self.bytes = bytes
        self.position = position
        self.line = line
        self.maxCellBytes = maxCellBytes
    }

    /// Reads the next record into `cells` and returns the physical line it
    /// starts on, or `nil` at the end of the input. Empty lines between records
    /// are skipped: no ESCO file has a single column, so an empty line is never data.
    mutating func nextRecord(into cells: inout [Cell]) throws(Failure) -> Int? {
        cells.removeAll(keepingCapacity: true)
        let end = bytes.count
        while position < end, bytes[position] == Self.lineFeed || bytes[position] == Self.carriageReturn {
            consumeLineBreak()
        }
        guard position < end else { return nil }
        recordStart = position
        let startLine = line
        while true {
            let cellLine = line
            let cell: Cell
            if bytes[position] == Self.quote {
                cell = try scanQuotedCell()
            } else {
                cell = try scanPlainCell()
            }
            if cell.byteCount > maxCellBytes {
                throw .cellTooLarge(line: cellLine, cellIndex: cells.count, bytes: cell.byteCount)
            }
            cells.append(cell)
            guard position < end else { return startLine }
            switch bytes[position] {
            case Self.comma:
                position += 1
                // A comma as the very last byte still ends a (final, empty) cell.
                if position == end {
                    cells.append(Cell(start: end, end: end, hasDoubledQuotes: false))
                    return startLine
                }
            case Self.lineFeed, Self.carriageReturn:
                consumeLineBreak()
                return startLine
            default:
                throw .textAfterClosingQuote(line: line)
            }
        }
    }

    /// Scans from an opening quote to just past its closing quote. Quoted cells
    /// hold the long descriptions, so the quote is found with `memchr` (vectorised
    /// in libc) and line breaks are counted over the whole stretch at once.
    private mutating func scanQuotedCell() throws(Failure) -> Cell {
        let openingLine = line
        let end = bytes.count
        position += 1
        let start = position
        var doubled = false
        while let quoteIndex = Self.find(Self.quote, in: bytes, from: position, to: end) {
            countLineBreaks(position..<quoteIndex)
            if quoteIndex + 1 < end, bytes[quoteIndex + 1] == Self.quote {
                doubled = true
                position = quoteIndex + 2
                continue
            }
            position = quoteIndex + 1
            return Cell(start: start, end: quoteIndex, hasDoubledQuotes: doubled)
        }
        throw .unterminatedQuote(line: openingLine)
    }

    /// Adds the line breaks inside a quoted stretch to `line`: every LF, and every
    /// CR not followed by LF (old Mac line endings). Label cells hold a line
    /// break every few dozen bytes, so LFs and CRs are counted sixteen bytes at
    /// a time rather than found one by one; only a stretch with a CR is searched.
    private mutating func countLineBreaks(_ range: Range<Int>) {
        let census = CSVBytes.census(of: Self.lineFeed, Self.carriageReturn, Self.carriageReturn, in: bytes, range)
        line += census.a
        // Inside cells ESCO breaks lines with LF alone.
        guard census.b > 0 else { return }
        var index = range.lowerBound
        while let found = Self.find(Self.carriageReturn, in: bytes, from: index, to: range.upperBound) {
            if found + 1 >= bytes.count || bytes[found + 1] != Self.lineFeed { line += 1 }
            index = found + 1
        }
    }

    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let base = bytes.baseAddress,
            let hit = memchr(base + start, Int32(byte), end - start)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Scans an unquoted cell up to (not past) the comma or line break that ends it.
    private mutating func scanPlainCell() throws(Failure) -> Cell {
        let start = position
        position = CSVBytes.firstIndex(
            in: bytes, from: position, of: Self.comma, Self.lineFeed, Self.carriageReturn, Self.quote)
        if position < bytes.count, bytes[position] == Self.quote { throw .strayQuote(line: line) }
        return Cell(start: start, end: position, hasDoubledQuotes: false)
    }

    /// Consumes one LF, CR or CRLF.
    private mutating func consumeLineBreak() {
        if bytes[position] == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.lineFeed {
            position += 2
        } else {
            position += 1
        }
        line += 1
    }

    /// The cell's text, or `nil` when its bytes are not valid UTF-8.
    func string(_ cell: Cell) -> String? {
        let range = UnsafeBufferPointer(rebasing: bytes[cell.start..<cell.end])
        // Checked by hand because `String(validating:as:)` is generic and not
        // specialised across modules: its metadata lookups cost a third of the parse.
        guard CSVEncoding.firstInvalidUTF8(in: range) == nil else { return nil }
        guard cell.hasDoubledQuotes else { return String(decoding: range, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(range.count)
        var index = 0
        while index < range.count {
            unescaped.append(range[index])
            // The scanner guarantees every quote in the range is the first of a pair.
            index += range[index] == Self.quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The physical line of byte `offset`, counted from the start of the current record.
    func line(ofOffset offset: Int, recordLine: Int) -> Int {
        var line = recordLine
        var index = recordStart
        while index < offset {
            if bytes[index] == Self.lineFeed {
                line += 1
            } else if bytes[index] == Self.carriageReturn, index + 1 >= bytes.count || bytes[index + 1] != Self.lineFeed {
                line += 1
            }
            index += 1
        }
        return line
    }
}
