/// A data record whose cells are still bytes: UTF-8 checked, quotes removed and
/// doubled quotes collapsed, but no `String` made. Readers of large files take
/// from it only the cells they keep, and only as far as they keep them.
///
/// The bytes belong to the reader: a raw record is valid only during the call
/// of `CSVReader.forEachRawRecord` it is passed to.
struct CSVRawRecord {
    /// The physical line (1-based, the header is line 1) where the record starts.
    let line: Int
    /// The offset just past the record in the file's bytes, for progress.
    let endOffset: Int
    let cells: [UnsafeBufferPointer<UInt8>]

    /// The bytes of the cell in `column`.
    subscript(column: CSVColumn) -> UnsafeBufferPointer<UInt8> {
        cells[column.index]
    }

    /// The bytes of the cell in `column`, or `nil` when the file has no such column.
    subscript(ifPresent column: CSVColumn?) -> UnsafeBufferPointer<UInt8>? {
        column.map { cells[$0.index] }
    }
}
