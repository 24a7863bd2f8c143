public import ErkendCore
public import Logging
public import PostgresNIO

/// Concepts written as they are, with the ids and sort labels another database gave them, for moving a
/// whole installation (`erkend migrate-data`): the search columns are made as an import makes them.
public enum PostgresConceptTransfer {
    /// COPYs the concepts into `concept` on `connection`, inside the caller's transaction.
    public static func copy(_ concepts: [(id: Int64, concept: Concept, sortLabel: String)], on connection: PostgresConnection,
                            logger: Logger) async throws {
        guard !concepts.isEmpty else { return }
        var columns = PostgresConceptRow.Columns()
        for item in concepts {
            columns.append(item.concept, id: item.id)
            columns.sortLabel[columns.count - 1] = item.sortLabel
        }
        try await connection.execute(PostgresQuery(unsafeSQL: PostgresConceptRow.Columns.stagingTable), logger: logger)
        try await connection.copyFrom(table: "import_concept", logger: logger) { writer in
            try await columns.copyText { try await writer.write($0) }
        }
        try await connection.execute(PostgresQuery(unsafeSQL: """
            INSERT INTO concept (\(PostgresConceptRow.Columns.allColumns)) SELECT \(PostgresConceptRow.Columns.expressions) FROM import_concept AS r
            """), logger: logger)
        try await connection.execute("DROP TABLE import_concept", logger: logger)
    }
}
