/// One data record of a CSV file, with its cells decoded.
public struct CSVRecord: Sendable, Hashable {
    /// The physical line (1-based, the header is line 1) where the record starts.
    /// A record whose quoted cells hold line breaks spans several lines.
    public let line: Int
    /// The offset just past the record in the file's bytes, for progress.
    public let endOffset: Int
    let cells: [String]

    init(line: Int, endOffset: Int, cells: [String]) {
        self.line = line
        self.endOffset = endOffset
        self.cells = cells
    }

    /// The cell in `column`, exactly as written (quotes removed, doubled quotes collapsed).
    public subscript(column: CSVColumn) -> String {
        cells[column.index]
    }

    /// The cell in `column`, or `nil` when the file has no such column.
    public subscript(ifPresent column: CSVColumn?) -> String? {
        column.map { cells[$0.index] }
    }
}
