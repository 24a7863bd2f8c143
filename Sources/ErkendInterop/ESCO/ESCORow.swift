import ErkendCore

/// A record of an ESCO file with the rules for reading ESCO cells: trimmed
/// text, URIs, enumerations and label lists. Failures name the file, line and
/// column.
struct ESCORow {
    let record: CSVRecord
    let file: String

    var line: Int { record.line }
    /// `file:line`, the source of what this row states.
    var source: String { CSVProblem.location(file: file, line: record.line) }

    /// The trimmed cell, or `nil` when the column is absent or the cell empty.
    func text(_ column: CSVColumn?) -> String? {
        guard let cell = record[ifPresent: column] else { return nil }
        let trimmed = Self.trimmed(cell[...])
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The cell as a concept URI.
    /// - Throws: when the cell is empty or not an absolute http(s) or urn URI.
    func uri(_ column: CSVColumn) throws -> ConceptURI {
        guard let value = text(column) else {
            throw failure(column, "the cell is empty, but every row needs a concept URI here.")
        }
        guard let uri = try? ConceptURI(value) else {
            throw failure(
                column,
                "'\(value.prefix(120))' is not a valid concept URI. ESCO URIs are absolute, "
                    + "such as http://data.europa.eu/esco/skill/<uuid>, without spaces.")
        }
        return uri
    }

    /// The cell as one of an enumeration's raw values; an empty cell (or absent column) is `nil`.
    /// - Throws: when the value is not one of the allowed ones; the message lists them.
    func value<Value: RawRepresentable & CaseIterable>(_ column: CSVColumn?, as type: Value.Type, what: String) throws -> Value?
    where Value.RawValue == String {
        guard let column, let raw = text(column) else { return nil }
        return try parse(raw, column: column, as: type, what: what, orEmpty: true)
    }

    /// The cell as an enumeration value that must be there.
    /// - Throws: when the cell is empty or not one of the allowed values; the message lists them.
    func requiredValue<Value: RawRepresentable & CaseIterable>(_ column: CSVColumn, as type: Value.Type, what: String) throws -> Value
    where Value.RawValue == String {
        guard let raw = text(column) else {
            throw failure(column, "the cell is empty. Allowed values: \(Self.allowed(type)).")
        }
        return try parse(raw, column: column, as: type, what: what, orEmpty: false)
    }

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
        var labels: [Substring] = []
        for piece in Self.pieces(of: cell, splitOnBars: splitOnBars) {
            let label = Self.trimmed(piece)
            // Lists hold a handful of labels, a few dozen at most: a linear search beats hashing.
            if !label.isEmpty, !labels.contains(label) { labels.append(label) }
        }
        return labels.map(String.init)
    }

    /// Splits on LF and CR, and on ` | ` if asked. Works on the UTF-8 view: the
    /// separators are ASCII, and Character iteration would cost a grapheme break
    /// check per character on every label of a 14,000-row file.
    private static func pieces(of cell: String, splitOnBars: Bool) -> [Substring] {
        let utf8 = cell.utf8
        var pieces: [Substring] = []
        var pieceStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                pieces.append(cell[pieceStart..<index])
                index = utf8.index(after: index)
                pieceStart = index
                continue
            }
            if splitOnBars, byte == UInt8(ascii: "|"), index > pieceStart {
                let before = utf8.index(before: index)
                let after = utf8.index(after: index)
                if utf8[before] == UInt8(ascii: " "), after != utf8.endIndex, utf8[after] == UInt8(ascii: " ") {
                    pieces.append(cell[pieceStart..<before])
                    index = utf8.index(after: after)
                    pieceStart = index
                    continue
                }
            }
            index = utf8.index(after: index)
        }
        pieces.append(cell[pieceStart..<utf8.endIndex])
        return pieces
    }

    /// `text` without surrounding white space (line breaks included). Only the
    /// ends are looked at, by Unicode scalar; Foundation's trimming goes through
    /// UTF-16 on Linux and was most of the import time.
    static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard isWhitespace(scalars[last]) else { break }
            end = last
        }
        return Substring(scalars[start..<end])
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21..<0x80: false
        case 0x09...0x0D, 0x20: true
        case 0..<0x80: false
        default: scalar.properties.isWhitespace
        }
    }

    func failure(_ column: CSVColumn?, _ problem: String) -> ErkendError {
        CSVProblem.error(file: file, line: record.line, column: column?.name, problem)
    }

    func warning(_ column: CSVColumn?, _ problem: String) -> ErkendError.Detail {
        CSVProblem.warning(file: file, line: record.line, column: column?.name, problem)
    }
}
