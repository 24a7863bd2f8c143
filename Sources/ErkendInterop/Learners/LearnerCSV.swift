public import ErkendCore
public import Foundation

/// A learner file: learners, their enrolments, placements and workplace
/// mentors, one learner per row, as a student administration exports them or
/// a BPV coordinator keeps them in a spreadsheet. The columns are described in
/// `Docs/learner-import.md`.
///
/// Reading happens in two steps so that the caller can look programmes up in
/// storage between them: `init` checks the bytes and the header, then
/// `programmeCodes` says which codes the file names, then `rows(resolveProgramme:)`
/// checks every row. Both steps throw `ErkendError` with code `.importFailed`;
/// `rows` throws once with every problem of every row as a detail
/// (`file:line`, `column C: problem`), and returns nothing when there is any.
public struct LearnerCSV: Sendable {
    /// The file name used in messages.
    public let source: String
    /// Columns this reader does not use, as the file writes them. They are left
    /// alone, so an export with more columns than an import needs can be read as it is.
    public let ignoredColumns: [String]
    /// Not errors, but worth telling whoever imports the file: an ignored
    /// column whose name is close to one the file lacks.
    public let warnings: [ErkendError.Detail]
    let columns: LearnerColumns
    private let records: [CSVRecord]

    /// Reads the file's records and maps its header.
    /// - Throws: `ErkendError` (`.importFailed`) when the file is not UTF-8 CSV
    ///   (as `CSVReader` refuses it), or its header lacks a column it needs, or
    ///   has two columns for one thing.
    public init(data: Data, source: String) throws {
        let reader = try CSVReader(data: data, source: source)
        var problems = LearnerImportProblems(source: source)
        let columns = LearnerColumns(header: reader.header, problems: &problems)
        try problems.check()
        self.source = source
        self.columns = columns
        // Spreadsheets export rows that once held something as a line of commas; they hold no learner.
        self.records = try reader.records().filter { record in
            record.cells.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        self.ignoredColumns = columns.ignored
        self.warnings = columns.lookalikes.map {
            CSVProblem.warning(file: source, line: 1, column: $0.written, "this column is not used; rename it to \($0.meant) if that is what it holds")
        }
    }

    /// Reads the file at `file`; messages name it by `source`, else by its file name.
    public init(contentsOf file: URL, source: String? = nil) throws {
        let name = source ?? file.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ErkendError(.importFailed, "\(name): the file cannot be read (\(file.path))", cause: String(describing: error))
        }
        try self.init(data: data, source: name)
    }

    /// How many learner rows the file has.
    public var rowCount: Int { records.count }

    /// The distinct programme codes the file names (without `@version`), in
    /// the order first met: what the caller needs from storage to resolve them.
    /// Cells that are not a code are left out here and reported by `rows`.
    public var programmeCodes: [String] {
        guard let column = columns[.programme] else { return [] }
        var seen = Set<String>()
        return records.compactMap { record in
            guard let text = LearnerCell.text(record[column]), let reference = try? EntityReference(parsing: text),
                  seen.insert(reference.code).inserted else { return nil }
            return reference.code
        }
    }

    /// Every row as a learner with, where the row gives them, an enrolment, a
    /// placement and its mentors. Ids are derived from the content (see
    /// `Docs/learner-import.md`), so reading the same file twice gives the same ids.
    /// - Parameter resolveProgramme: turns an `opleiding` cell (`SD-25604` or
    ///   `SD-25604@1`, trimmed) into the exact version to enrol in, or throws an
    ///   `ErkendError` whose message says why not. Called once per distinct cell text.
    /// - Throws: `ErkendError` (`.importFailed`) listing every problem of every row.
    public func rows(resolveProgramme: (String) throws -> ExactReference) throws -> [LearnerImportRow] {
        var builder = LearnerRowBuilder(columns: columns, source: source)
        var rows: [LearnerImportRow] = []
        rows.reserveCapacity(records.count)
        for record in records {
            if let row = builder.row(from: record, resolveProgramme: resolveProgramme) { rows.append(row) }
        }
        var problems = builder.problems
        if records.isEmpty {
            problems.add(line: 2, column: nil, code: .noLearners, "the file has a header but no learners")
        }
        try problems.check()
        return builder.finished(rows)
    }

    /// Reads `data` and its rows in one go, for callers that resolve programmes without storage.
    public static func read(data: Data, source: String, resolveProgramme: (String) throws -> ExactReference) throws -> [LearnerImportRow] {
        try LearnerCSV(data: data, source: source).rows(resolveProgramme: resolveProgramme)
    }
}
