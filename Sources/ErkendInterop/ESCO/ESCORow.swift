import ErkendCore

/// A record of an ESCO file with the rules for reading ESCO cells: trimmed
/// text, URIs, enumerations and label lists. Failures name the file, line and
/// column.
///
/// Cells are read as bytes and a `String` is made only of what is kept: the
/// full skills file has 180,000 cells, and making, trimming and comparing
/// strings was most of the time reading it. Where a rule is about Unicode
/// (white space beyond ASCII, canonically equivalent text), bytes that are not
/// ASCII go the `String` way, so the rules stay those of `String`.
struct ESCORow {
    let record: CSVRawRecord
    let file: String

    var line: Int { record.line }
    /// `file:line`, the source of what this row states.
    var source: String { CSVProblem.location(file: file, line: record.line) }

    /// The trimmed cell, or `nil` when the column is absent or the cell empty.
    func text(_ column: CSVColumn?) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of the trimmed cell, or `nil` when the column is absent or the cell empty.
    func bytes(_ column: CSVColumn?) -> UnsafeBufferPointer<UInt8>? {
        guard let cell = record[ifPresent: column] else { return nil }
        let trimmed = Self.trimmed(cell)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The cell as a concept URI.
    /// - Throws: when the cell is empty or not an absolute http(s) or urn URI.
    func uri(_ column: CSVColumn) throws -> ConceptURI {
        guard let bytes = bytes(column) else {
            throw failure(column, "the cell is empty, but every row needs a concept URI here.")
        }
        guard let uri = ConceptURI(validatingUTF8: bytes) else {
            let value = String(decoding: bytes, as: UTF8.self)
            throw failure(
                column,
                "'\(value.prefix(120))' is not a valid concept URI. ESCO URIs are absolute, "
                    + "such as http://data.europa.eu/esco/skill/<uuid>, without spaces.")
        }
        return uri
    }

    /// The cell as one of an enumeration's raw values; an empty cell (or absent column) is `nil`.
    /// - Throws: when the value is not one of the allowed ones; the message lists them.
    func value<Value>(_ column: CSVColumn?, as values: ESCOValues<Value>, what: String) throws -> Value? {
        guard let column, let bytes = bytes(column) else { return nil }
        if let value = values.value(exactly: bytes) { return value }
        return try parse(String(decoding: bytes, as: UTF8.self), column: column, as: Value.self, what: what, orEmpty: true)
    }

    /// The cell as an enumeration value that must be there.
    /// - Throws: when the cell is empty or not one of the allowed values; the message lists them.
    func requiredValue<Value>(_ column: CSVColumn, as values: ESCOValues<Value>, what: String) throws -> Value {
        guard let bytes = bytes(column) else {
            throw failure(column, "the cell is empty. Allowed values: \(Self.allowed(Value.self)).")
        }
        if let value = values.value(exactly: bytes) { return value }
        return try parse(String(decoding: bytes, as: UTF8.self), column: column, as: Value.self, what: what, orEmpty: false)
    }

    /// `Value(rawValue:)`, which compares as `String` does (canonical equivalence).
    private func parse<Value: RawRepresentable & CaseIterable>(
        _ raw: String, column: CSVColumn, as type: Value.Type, what: String, orEmpty: Bool
    ) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            let empty = orEmpty ? ", or an empty cell" : ""
            throw failure(column, "'\(raw.prefix(120))' is not \(what). Allowed values: \(Self.allowed(type))\(empty).")
        }
        return value
    }

    private static func allowed<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> String
    where Value.RawValue == String {
        Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// A list cell as labels: split on line breaks (and on ` | ` where the layout
    /// uses that, as the collection files do), trimmed, empties dropped, duplicates
    /// dropped keeping the first. `nil` when the column is absent; `[]` when the cell is empty.
    func labels(_ column: CSVColumn?, splitOnBars: Bool) -> [String]? {
        guard let cell = record[ifPresent: column] else { return nil }
        let bar = splitOnBars ? UInt8(ascii: "|") : Self.lineFeed
        let census = CSVBytes.census(of: Self.lineFeed, Self.carriageReturn, bar, in: cell, 0..<cell.count)
        // Every piece ends at a line break or a bar, or at the end of the cell.
        let pieces = census.a + census.b + (splitOnBars ? census.c : 0) + 1
        var labels: [String] = []
        labels.reserveCapacity(min(pieces, 64))
        // ASCII labels are equal when their bytes are, and are compared where
        // they lie in the cell; others compare as `String` does, where "é" and
        // "e" with a combining accent are the same label.
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: census.isASCII ? pieces : 0) { kept in
            var keptCount = 0
            // Without CRs or bars to split on, only LFs end pieces.
            let onlyLineFeeds = census.b == 0 && (!splitOnBars || census.c == 0)
            Self.forEachPiece(of: cell, splitOnBars: splitOnBars, onlyLineFeeds: onlyLineFeeds) { piece in
                let label = Self.trimmed(piece)
                guard !label.isEmpty else { return }
                // Lists hold a handful of labels, a few dozen at most: a linear search beats hashing.
                if census.isASCII {
                    guard !kept[..<keptCount].contains(where: { CSVBytes.equal($0, label) }) else { return }
                    kept[keptCount] = label
                    keptCount += 1
                    labels.append(String(decoding: label, as: UTF8.self))
                } else {
                    let text = String(decoding: label, as: UTF8.self)
                    if !labels.contains(text) { labels.append(text) }
                }
            }
        }
        return labels
    }

    /// Calls `body` with each piece of a list cell: split on LF and CR, and on
    /// ` | ` if asked, where the bar follows a byte of the current piece.
    /// `onlyLineFeeds` says the cell has no CR, nor a bar where bars split.
    private static func forEachPiece(
        of cell: UnsafeBufferPointer<UInt8>, splitOnBars: Bool, onlyLineFeeds: Bool,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let bar = splitOnBars ? UInt8(ascii: "|") : lineFeed
        var pieceStart = 0
        var index = 0
        while true {
            index =
                onlyLineFeeds
                ? CSVBytes.firstIndex(of: lineFeed, in: cell, from: index)
                : CSVBytes.firstIndex(in: cell, from: index, of: lineFeed, carriageReturn, bar, bar)
            var pieceEnd = index
            var nextStart = index + 1
            if index < cell.count, cell[index] == UInt8(ascii: "|") {
                guard index > pieceStart, cell[index - 1] == UInt8(ascii: " "), index + 1 < cell.count,
                    cell[index + 1] == UInt8(ascii: " ")
                else {
                    index += 1
                    continue
                }
                pieceEnd = index - 1
                nextStart = index + 2
            }
            body(UnsafeBufferPointer(rebasing: cell[pieceStart..<pieceEnd]))
            guard index < cell.count else { return }
            pieceStart = nextStart
            index = nextStart
        }
    }

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// `bytes` without surrounding white space (line breaks included), as
    /// `Unicode.Scalar.Properties.isWhitespace` defines it. Only the ends are
    /// looked at; a scalar is decoded only where a byte is not ASCII.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        // Most cells start and end with a printable ASCII character.
        if let first = bytes.first, let last = bytes.last, (0x21..<0x80).contains(first), (0x21..<0x80).contains(last) {
            return bytes
        }
        var start = 0
        var end = bytes.count
        while start < end {
            let byte = bytes[start]
            if byte < 0x80 {
                guard isASCIIWhitespace(byte) else { break }
                start += 1
            } else {
                let (scalar, length) = scalar(in: bytes, at: start)
                guard scalar.properties.isWhitespace else { break }
                start += length
            }
        }
        while start < end {
            let byte = bytes[end - 1]
            if byte < 0x80 {
                guard isASCIIWhitespace(byte) else { break }
                end -= 1
            } else {
                var lead = end - 1
                while bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                guard scalar(in: bytes, at: lead).scalar.properties.isWhitespace else { break }
                end = lead
            }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always)
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The scalar whose (valid UTF-8) sequence starts at `offset`, and its length.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[offset])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0x7F >> length)
        for index in 1..<length { value = value << 6 | UInt32(bytes[offset + index] & 0x3F) }
        // The reader has checked the bytes are UTF-8, so this always succeeds.
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    func failure(_ column: CSVColumn?, _ problem: String) -> ErkendError {
        CSVProblem.error(file: file, line: record.line, column: column?.name, problem)
    }

    func warning(_ column: CSVColumn?, _ problem: String) -> ErkendError.Detail {
        CSVProblem.warning(file: file, line: record.line, column: column?.name, problem)
    }
}
