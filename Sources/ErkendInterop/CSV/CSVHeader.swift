import Foundation

/// The first record of a CSV file: the column names. Cells are found by name,
/// never by position, because ESCO's files of different versions order the same
/// columns differently.
public struct CSVHeader: Sendable, Hashable {
    /// The column names as written, without surrounding spaces.
    public let names: [String]

    /// Names are compared exactly (ESCO's `conceptUri` is not `ConceptURI`), after
    /// trimming the spaces and tabs spreadsheet exports sometimes leave around them.
    public init(names: [String]) {
        self.names = names.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    public var count: Int { names.count }

    /// The column called `name`, or `nil` if the header has none.
    public func column(named name: String) -> CSVColumn? {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        return names.firstIndex(of: wanted).map { CSVColumn(index: $0, name: wanted) }
    }

    /// Whether the header has a column called `name`.
    public func contains(_ name: String) -> Bool {
        column(named: name) != nil
    }
}

/// A column found in a header; the only way to read a cell of a record.
public struct CSVColumn: Sendable, Hashable {
    let index: Int
    public let name: String
}
