public import ErkendCore

/// Imports a learner file into storage: resolves the programmes it names
/// against the catalogue, reads its rows, keeps what is stored where the file
/// is silent, and writes all rows in one transaction — or nothing.
public enum LearnerFileImport {
    /// What an import did.
    public struct Outcome: Sendable {
        public var summary: LearnerImportSummary
        /// Rows read from the file.
        public var rows: Int
        /// Things the import kept against the file (`LearnerCSV.Merged.notes`).
        public var notes: [ErkendError.Detail]
    }

    /// - Parameter audit: the record appended once for the whole import
    ///   (action `AuditAction.learnersImported`); the store adds the counts.
    /// - Throws: the reader's `ErkendError` (`.importFailed`, every problem of
    ///   the file), or the store's, with the file's name put in front of the lines it names.
    public static func run(_ file: LearnerCSV, catalogue: any CatalogueRepository, progression: any ProgressionStorage,
                           audit: AuditRecord) async throws -> Outcome {
        let resolver = try await ProgrammeResolver.load(codes: file.programmeCodes, from: catalogue)
        let rows = try file.rows(resolveProgramme: resolver.resolve)
        let stored = try await StoredLearnerRecords.load(for: rows, from: progression)
        let merged = file.merging(rows, with: stored)
        do {
            let summary = try await progression.learners.importLearners(merged.rows, audit: audit)
            return Outcome(summary: summary, rows: rows.count, notes: merged.notes)
        } catch var error as ErkendError {
            // The store names rows by line only; whoever reads this also needs the file.
            error.message = "\(file.source): \(error.message)"
            error.details = error.details.map { detail in
                var detail = detail
                if detail.location.hasPrefix("line ") {
                    detail.location = "\(file.source):\(detail.location.dropFirst("line ".count))"
                }
                return detail
            }
            throw error
        }
    }
}
