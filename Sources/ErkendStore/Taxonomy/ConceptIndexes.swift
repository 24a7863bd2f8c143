import GRDB

/// The secondary indexes of the `concept` table. A large import into a table
/// much smaller than itself drops them and builds them again afterwards:
/// building an index from sorted data is several times faster than updating
/// it row by row. Dropping the unique index on `uri`, which the relation
/// tables' foreign keys point at, is why a taxonomy import runs with foreign
/// keys off (see `SQLiteTaxonomyRepository.apply`); a duplicate URI still fails
/// the import when the index is built again.
enum ConceptIndexes {
    static let create = """
        CREATE UNIQUE INDEX concept_uri ON concept(uri);
        CREATE INDEX concept_key ON concept(key);
        CREATE INDEX concept_kind_label ON concept(kind, obsolete, sortLabel);
        """

    static let drop = """
        DROP INDEX concept_uri;
        DROP INDEX concept_key;
        DROP INDEX concept_kind_label;
        """

    /// Whether inserting `inserting` rows into a table of `existing` rows is better done without indexes.
    static func rebuildIsCheaper(inserting: Int, existing: Int) -> Bool {
        inserting >= 2_000 && inserting > existing
    }
}
