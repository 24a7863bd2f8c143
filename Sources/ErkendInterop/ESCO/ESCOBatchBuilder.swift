import ErkendCore

/// Collects what the files of one import state into a `TaxonomyBatch` and
/// checks what needs more than one row to see: a URI used for two kinds of
/// concept, repeated or contradictory relations, and cycles in the hierarchy.
struct ESCOBatchBuilder {
    private struct Pair: Hashable {
        let from: ConceptURI
        let to: ConceptURI
    }

    /// What the batch knows of a concept URI: its kind and first statement, and
    /// the concept file and line that stated it last. One table serves both the
    /// check for a URI repeated within a file and the check for a URI of two
    /// kinds, so each row of a concept file costs one hash of its URI.
    struct ConceptEntry {
        let kind: ConceptKind
        /// The index in `statements` of the first statement about the URI.
        let firstStatement: Int
        var file: Int
        var line: Int
    }

    private var batch = TaxonomyBatch()
    private var concepts = ESCOConceptTable<ConceptEntry>()
    /// Numbers the concept files read so far; the current one is `conceptFile`.
    private var conceptFile = 0
    private var broaderRows: [BroaderRelation: (file: String, line: Int)] = [:]
    private var occupationSkillRows: [Pair: (requirement: RequirementKind, source: String)] = [:]
    private var skillSkillRows: [Pair: (requirement: RequirementKind, source: String)] = [:]

    /// Starts a concept or collection file of about `expectedRows` rows.
    mutating func beginConceptFile(expectedRows: Int) {
        conceptFile += 1
        concepts.reserveCapacity(concepts.count + expectedRows)
        batch.statements.reserveCapacity(batch.statements.count + expectedRows)
    }

    /// Notes that the current concept file states `uri` on `line`, and returns
    /// what was known of it before, if anything. The statement, if the row
    /// turns out valid, must be `add`ed next.
    mutating func claim(_ uri: ConceptURI, kind: ConceptKind, line: Int) -> ConceptEntry? {
        let file = conceptFile
        let statements = batch.statements
        let (index, isNew) = concepts.findOrAdd(hash: uri.hashValue, isKey: { statements[$0.firstStatement].uri == uri }) {
            ConceptEntry(kind: kind, firstStatement: statements.count, file: file, line: line)
        }
        guard !isNew else { return nil }
        let known = concepts[index]
        concepts[index].file = file
        concepts[index].line = line
        return known
    }

    /// Whether `entry` was stated in the current concept file.
    func isInCurrentFile(_ entry: ConceptEntry) -> Bool {
        entry.file == conceptFile
    }

    /// Adds the statement of the row `claim` was last called for.
    /// - Throws: when the URI was already stated as another kind of concept.
    mutating func add(_ statement: ConceptStatement, known: ConceptEntry?, row: ESCORow, uriColumn: CSVColumn) throws {
        if let known, known.kind != statement.kind {
            throw row.failure(
                uriColumn,
                "\(statement.uri) is a \(Self.name(statement.kind)) here, but a \(Self.name(known.kind)) "
                    + "in \(batch.statements[known.firstStatement].source). A URI names one concept of one kind.")
        }
        batch.statements.append(statement)
    }

    /// Adds an edge, once: a repeated edge is reported as a warning.
    mutating func addBroader(_ relation: BroaderRelation, row: ESCORow) {
        if let first = broaderRows[relation] {
            batch.warnings.append(
                row.warning(nil, "the broader relation \(relation.narrower) → \(relation.broader) was already read at "
                    + "\(CSVProblem.location(file: first.file, line: first.line)); the repeat is ignored."))
            return
        }
        broaderRows[relation] = (row.file, row.line)
        batch.broader.append(Sourced(relation, source: row.source))
    }

    /// Adds a link, once.
    /// - Throws: when the same pair was already read with the other requirement.
    mutating func addOccupationSkill(_ relation: OccupationSkillRelation, row: ESCORow, column: CSVColumn) throws {
        let pair = Pair(from: relation.occupation, to: relation.skill)
        if let repeated = try Self.repeatOf(pair, relation.requirement, in: &occupationSkillRows, row: row, column: column) {
            batch.warnings.append(repeated)
            return
        }
        batch.occupationSkills.append(Sourced(relation, source: row.source))
    }

    /// Adds a link, once.
    /// - Throws: when the same pair was already read with the other requirement.
    mutating func addSkillSkill(_ relation: SkillSkillRelation, row: ESCORow, column: CSVColumn) throws {
        let pair = Pair(from: relation.skill, to: relation.relatedSkill)
        if let repeated = try Self.repeatOf(pair, relation.requirement, in: &skillSkillRows, row: row, column: column) {
            batch.warnings.append(repeated)
            return
        }
        batch.skillSkills.append(Sourced(relation, source: row.source))
    }

    /// `nil` for a pair not seen before (now remembered); a warning for a plain repeat.
    private static func repeatOf(
        _ pair: Pair, _ requirement: RequirementKind,
        in seen: inout [Pair: (requirement: RequirementKind, source: String)], row: ESCORow, column: CSVColumn
    ) throws -> ErkendError.Detail? {
        guard let first = seen[pair] else {
            seen[pair] = (requirement, row.source)
            return nil
        }
        guard first.requirement == requirement else {
            throw row.failure(
                column,
                "\(pair.from) → \(pair.to) is '\(requirement.rawValue)' here but '\(first.requirement.rawValue)' "
                    + "at \(first.source). Keep one of the two rows.")
        }
        return row.warning(nil, "\(pair.from) → \(pair.to) was already read at \(first.source); the repeat is ignored.")
    }

    mutating func warn(_ warning: ErkendError.Detail) {
        batch.warnings.append(warning)
    }

    mutating func record(_ file: ImportedFile) {
        batch.files.append(file)
    }

    /// The batch holds a complete concept file for `kind` (what `--release` relies on).
    mutating func markComplete(_ kind: ConceptKind) {
        batch.completeKinds.insert(kind)
    }

    /// The batch, after checking that its broader relations form no cycle.
    /// - Throws: naming the concepts on a cycle and the rows that make it.
    func finish() throws -> TaxonomyBatch {
        if let cycle = BroaderGraph.findCycle(in: batch.broader.lazy.map(\.value)) {
            let rows = zip(cycle, cycle.dropFirst()).compactMap {
                broaderRows[BroaderRelation(narrower: $0, broader: $1)]
            }
            let first = rows.first ?? (file: batch.files.last?.name ?? "", line: 0)
            let path = cycle.map(\.rawValue).joined(separator: " → ")
            let lines = rows.map { CSVProblem.location(file: $0.file, line: $0.line) }.joined(separator: ", ")
            throw CSVProblem.error(
                file: first.file, line: first.line,
                "the broader relations form a cycle: \(path). A concept cannot be broader than itself, "
                    + "directly or through others; remove one of these rows: \(lines).")
        }
        return batch
    }

    private static func name(_ kind: ConceptKind) -> String {
        switch kind {
        case .skill: "skill"
        case .skillGroup: "skill group"
        case .occupation: "occupation"
        case .iscoGroup: "ISCO group"
        }
    }
}
