public import Foundation
import ErkendCore

/// Reads RFC 4180 CSV from UTF-8 bytes: quoted cells with embedded line breaks
/// and doubled quotes, LF, CRLF or CR line endings, an optional UTF-8 byte order
/// mark. Records are decoded one at a time from the one copy of the bytes the
/// reader holds, so memory stays near the file's size.
///
/// Every failure is an `ErkendError` with code `.importFailed` whose message names
/// the file (`source`), the line and what to do.
public struct CSVReader: Sendable {
    /// The largest cell accepted unless the caller says otherwise: 1 MiB, far
    /// above ESCO's longest description, far below what would hurt memory.
    public static let defaultMaxCellBytes = 1 << 20

    /// The file name used in messages, e.g. `nl/occupations_nl.csv`.
    public let source: String
    public let header: CSVHeader
    public let maxCellBytes: Int
    private let data: Data
    /// Where the first data record may start, and its line.
    private let bodyStart: Int
    private let bodyLine: Int

    /// Checks the encoding and reads the header.
    /// - Throws: `ErkendError` (`.importFailed`) when the file is empty, is UTF-16,
    ///   or its header cannot be parsed.
    public init(data: Data, source: String, maxCellBytes: Int = CSVReader.defaultMaxCellBytes) throws {
        self.source = source
        self.maxCellBytes = maxCellBytes
        self.data = data
        let (header, bodyStart, bodyLine) = try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            switch CSVEncoding.inspect(bytes) {
            case .empty:
                throw CSVProblem.error(
                    file: source, line: nil,
                    "the file is empty. A CSV file needs at least a header line with the column names.")
            case .utf16:
                throw CSVProblem.error(
                    file: source, line: nil,
                    "the file is UTF-16 encoded. Save it as UTF-8 (in Excel: \"CSV UTF-8\") and import it again.")
            case .utf8(let start):
                var scanner = CSVScanner(bytes: bytes, position: start, line: 1, maxCellBytes: maxCellBytes)
                var cells: [CSVScanner.Cell] = []
                guard let line = try Self.next(&scanner, into: &cells, source: source, header: nil) else {
                    throw CSVProblem.error(file: source, line: nil, "the file has no header line.")
                }
                let names = try Self.decode(cells, scanner: scanner, recordLine: line, source: source)
                return (CSVHeader(names: names), scanner.position, scanner.line)
            }
        }
        try Self.checkUnique(header, source: source)
        self.header = header
        self.bodyStart = bodyStart
        self.bodyLine = bodyLine
    }

    /// The size of the file in bytes, for progress.
    public var byteCount: Int { data.count }

    /// Calls `body` with each data record, in file order.
    /// - Throws: `ErkendError` (`.importFailed`) at the first malformed record
    ///   (unterminated quote, stray quote, wrong number of cells, a cell over
    ///   `maxCellBytes`, invalid UTF-8), or whatever `body` throws.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        try forEachRawRecord { record in
            let values = record.cells.map { String(decoding: $0, as: UTF8.self) }
            try body(CSVRecord(line: record.line, endOffset: record.endOffset, cells: values))
        }
    }

    /// `forEachRecord` without making a `String` of every cell: `body` gets the
    /// cells as bytes, valid only during the call. Checks and errors are the same.
    func forEachRawRecord(_ body: (CSVRawRecord) throws -> Void) throws {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            // One pass over the whole body finds the first byte that is not UTF-8;
            // records before it need no check of their own. Cells are separated by
            // ASCII bytes, which never continue a sequence, so this is the byte
            // checking cell by cell would find first.
            let firstInvalidUTF8 = CSVEncoding.firstInvalidUTF8(in: UnsafeBufferPointer(rebasing: bytes[bodyStart...]))
                .map { $0 + bodyStart } ?? Int.max
            var scanner = CSVScanner(bytes: bytes, position: bodyStart, line: bodyLine, maxCellBytes: maxCellBytes)
            var cells: [CSVScanner.Cell] = []
            cells.reserveCapacity(header.count)
            var views: [UnsafeBufferPointer<UInt8>] = []
            views.reserveCapacity(header.count)
            var unescaped = CSVUnescapeBuffer()
            defer { unescaped.deallocate() }
            while let line = try Self.next(&scanner, into: &cells, source: source, header: header) {
                guard cells.count == header.count else {
                    throw CSVProblem.error(
                        file: source, line: line,
                        "this record has \(cells.count) cells but the header has \(header.count) columns. "
                            + "A quote or a comma may be missing or one too many.")
                }
                if firstInvalidUTF8 < scanner.position {
                    // Finds the cell and throws, naming the line of the byte.
                    _ = try Self.decode(cells, scanner: scanner, recordLine: line, source: source)
                }
                views.removeAll(keepingCapacity: true)
                unescaped.prepare(for: cells)
                for cell in cells {
                    let range = UnsafeBufferPointer(rebasing: bytes[cell.start..<cell.end])
                    views.append(cell.hasDoubledQuotes ? unescaped.collapsingQuotes(of: range) : range)
                }
                try body(CSVRawRecord(line: line, endOffset: scanner.position, cells: views))
            }
        }
    }

    /// All data records; convenient for small files.
    public func records() throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord { records.append($0) }
        return records
    }

    private static func next(
        _ scanner: inout CSVScanner, into cells: inout [CSVScanner.Cell], source: String, header: CSVHeader?
    ) throws -> Int? {
        do {
            return try scanner.nextRecord(into: &cells)
        } catch {
            switch error {
            case .unterminatedQuote(let line):
                throw CSVProblem.error(
                    file: source, line: line,
                    "a quoted cell starts here but its closing quote is missing; the rest of the file was read as part of it.")
            case .strayQuote(let line):
                throw CSVProblem.error(
                    file: source, line: line,
                    "a quote appears inside a cell that does not start with a quote. Quote the whole cell and double the quote (\"\").")
            case .textAfterClosingQuote(let line):
                throw CSVProblem.error(
                    file: source, line: line,
                    "text follows the closing quote of a cell. A quote inside a quoted cell must be doubled (\"\").")
            case .cellTooLarge(let line, let index, let bytes):
                let column = header.flatMap { index < $0.count ? $0.names[index] : nil }
                throw CSVProblem.error(
                    file: source, line: line, column: column,
                    "the cell is \(CSVProblem.size(bytes)), over the limit of \(CSVProblem.size(scanner.maxCellBytes)) per cell.")
            }
        }
    }

    private static func decode(
        _ cells: [CSVScanner.Cell], scanner: CSVScanner, recordLine: Int, source: String
    ) throws -> [String] {
        var values: [String] = []
        values.reserveCapacity(cells.count)
        for cell in cells {
            guard let value = scanner.string(cell) else {
                let cellBytes = UnsafeBufferPointer(rebasing: scanner.bytes[cell.start..<cell.end])
                let offset = cell.start + (CSVEncoding.firstInvalidUTF8(in: cellBytes) ?? 0)
                let byte = String(scanner.bytes[offset], radix: 16, uppercase: true)
                throw CSVProblem.error(
                    file: source, line: scanner.line(ofOffset: offset, recordLine: recordLine),
                    "the file is not valid UTF-8 (byte 0x\(byte)); it looks like Windows-1252 or Latin-1. "
                        + "Save it as UTF-8 (in Excel: \"CSV UTF-8\") and import it again.")
            }
            values.append(value)
        }
        return values
    }

    private static func checkUnique(_ header: CSVHeader, source: String) throws {
        var seen: [String: Int] = [:]
        for (index, name) in header.names.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw CSVProblem.error(
                    file: source, line: 1,
                    "the column '\(name)' appears twice in the header (columns \(first + 1) and \(index + 1)).")
            }
            seen[name] = index
        }
    }
}
