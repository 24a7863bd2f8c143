import ErkendCore

/// Reads a concept file (`skills_en.csv`, `occupations_nl.csv`…) or a skills
/// collection file into concept statements, one per row.
///
/// Collection files come from other ESCO versions than the primary files (the
/// Dutch ones from v1.0.x) and disagree with them on attributes such as
/// `reuseLevel`; so from a collection only labels, description and membership
/// are taken. Its `skillType` and `reuseLevel` are still checked, so a broken
/// file is not half trusted.
struct ESCOConceptFileReader {
    let file: ESCOFile
    let kind: ConceptKind
    let language: String
    /// The collection name for a collection file; `nil` for a primary concept file.
    let collection: String?

    private struct Columns {
        let conceptUri, preferredLabel: CSVColumn
        let conceptType: CSVColumn?
        let altLabels, hiddenLabels, status, modifiedDate, description, definition: CSVColumn?
        let skillType, reuseLevel, code, iscoGroup: CSVColumn?

        init(_ header: CSVHeader, file: String, kind: ConceptKind) throws {
            conceptUri = try ESCOHeader.require("conceptUri", in: header, file: file)
            preferredLabel = try ESCOHeader.require("preferredLabel", in: header, file: file)
            conceptType = header.column(named: "conceptType")
            altLabels = header.column(named: "altLabels")
            hiddenLabels = header.column(named: "hiddenLabels")
            status = header.column(named: "status")
            modifiedDate = header.column(named: "modifiedDate")
            description = header.column(named: "description")
            definition = header.column(named: "definition")
            skillType = kind == .skill ? header.column(named: "skillType") : nil
            reuseLevel = kind == .skill ? header.column(named: "reuseLevel") : nil
            code = kind == .skill ? nil : header.column(named: "code")
            iscoGroup = kind == .occupation ? header.column(named: "iscoGroup") : nil
        }
    }

    /// Reads every row into `builder` and returns how many there were.
    /// - Throws: at the first row that breaks a rule (see `Docs/esco-import.md`).
    func read(_ csv: CSVReader, into builder: inout ESCOBatchBuilder, progress: inout ProgressReporter) throws -> Int {
        let columns = try Columns(csv.header, file: file.path, kind: kind)
        let uriColumn = columns.conceptUri
        let expectedType = ESCOConceptType(kind)
        builder.beginConceptFile(expectedRows: Self.expectedRows(csv))
        var rows = 0
        try csv.forEachRawRecord { record in
            let row = ESCORow(record: record, file: file.path)
            try checkType(row, column: columns.conceptType, expected: expectedType)
            let uri = try row.uri(uriColumn)
            let known = builder.claim(uri, kind: kind, line: row.line)
            if let known, builder.isInCurrentFile(known) {
                throw row.failure(
                    uriColumn,
                    "\(uri) appears twice in this file, on line \(known.line) and on line \(row.line). "
                        + "Each concept may appear once per file.")
            }
            let statement = try statement(for: uri, row: row, columns: columns, builder: &builder)
            try builder.add(statement, known: known, row: row, uriColumn: uriColumn)
            rows += 1
            progress.update(fileOffset: record.endOffset)
        }
        return rows
    }

    /// About how many rows the file has, to size tables once: ESCO's concept
    /// files have 500 to 1,000 bytes a row. Too low costs a regrowth, too high a
    /// little memory.
    private static func expectedRows(_ csv: CSVReader) -> Int {
        csv.byteCount / 600 + 16
    }

    private func statement(
        for uri: ConceptURI, row: ESCORow, columns: Columns, builder: inout ESCOBatchBuilder
    ) throws -> ConceptStatement {
        let isCollection = collection != nil
        let skillType = try row.value(columns.skillType, as: ESCOValuesTables.skillTypes, what: "an ESCO skill type")
        let reuseLevel = try row.value(columns.reuseLevel, as: ESCOValuesTables.reuseLevels, what: "an ESCO reuse level")
        return ConceptStatement(
            uri: uri, kind: kind, language: language,
            preferredLabel: row.text(columns.preferredLabel),
            altLabels: row.labels(columns.altLabels, splitOnBars: isCollection),
            hiddenLabels: row.labels(columns.hiddenLabels, splitOnBars: isCollection),
            description: row.text(columns.description) ?? row.text(columns.definition),
            code: isCollection ? nil : row.text(columns.code),
            skillType: isCollection ? nil : skillType,
            reuseLevel: isCollection ? nil : reuseLevel,
            iscoGroup: isCollection ? nil : row.text(columns.iscoGroup),
            collection: collection,
            modified: isCollection ? nil : row.text(columns.modifiedDate),
            isObsolete: isCollection ? nil : obsolete(row, column: columns.status, builder: &builder),
            source: row.source)
    }

    /// A `conceptType` cell, when there is one, must be the type this file holds.
    private func checkType(_ row: ESCORow, column: CSVColumn?, expected: ESCOConceptType) throws {
        guard let column, let bytes = row.bytes(column),
            ESCOValuesTables.conceptTypes.value(exactly: bytes) != expected
        else { return }
        let type = String(decoding: bytes, as: UTF8.self)
        guard type != expected.rawValue else { return }
        if ESCOConceptType(rawValue: type) == nil {
            let allowed = ESCOConceptType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw row.failure(column, "'\(type.prefix(120))' is not an ESCO concept type. Allowed values: \(allowed).")
        }
        throw row.failure(
            column, "'\(type)' does not belong in this file, which holds '\(expected.rawValue)' concepts only.")
    }

    /// ESCO writes `released`; older and other exports write `obsolete` or
    /// `deprecated`. Anything else is kept out of the statement with a warning
    /// rather than guessed at.
    private func obsolete(_ row: ESCORow, column: CSVColumn?, builder: inout ESCOBatchBuilder) -> Bool? {
        guard let bytes = row.bytes(column) else { return nil }
        if let known = Self.asciiStatus(bytes) { return known }
        let status = String(decoding: bytes, as: UTF8.self).lowercased()
        if status == "released" { return false }
        if status.contains("obsolete") || status.contains("deprecated") { return true }
        builder.warn(
            row.warning(
                column, "the status '\(status.prefix(60))' is neither 'released' nor 'obsolete'/'deprecated'; "
                    + "the concept's status is left as it was."))
        return nil
    }

    /// What `obsolete` decides for an ASCII status, where lowercasing and
    /// searching bytes is what `String` does; `nil` for anything else.
    private static func asciiStatus(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard CSVBytes.isASCII(bytes) else { return nil }
        if matchesLowercased(bytes, at: 0, "released"), bytes.count == 8 { return false }
        for start in bytes.indices where matchesLowercased(bytes, at: start, "obsolete") || matchesLowercased(bytes, at: start, "deprecated") {
            return true
        }
        return nil
    }

    /// Whether the ASCII `bytes`, lowercased, hold `word` (lowercase) from `start` on.
    private static func matchesLowercased(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - start >= count else { return false }
        let letters = word.utf8Start
        for offset in 0..<count {
            var byte = bytes[start + offset]
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { byte |= 0x20 }
            if byte != letters[offset] { return false }
        }
        return true
    }
}
