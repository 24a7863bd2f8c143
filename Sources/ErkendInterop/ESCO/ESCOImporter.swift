public import ErkendCore
public import Foundation

/// Turns a folder of ESCO CSV files (as in ESCO's download packages, any subset
/// of them, in subfolders too) into a `TaxonomyBatch`: parsed and checked for
/// shape, not stored. Storing is the `TaxonomyRepository`'s job, in one
/// transaction, and is where references to concepts outside the batch are checked.
///
/// What is read, how columns are mapped and what is checked is described in
/// `Docs/esco-import.md`.
public enum ESCOImporter {
    /// Reads every ESCO file in `folder` and its subfolders.
    ///
    /// - Parameters:
    ///   - maxCellBytes: the largest cell accepted; a bigger one fails the import.
    ///   - progress: called on the calling thread at each file's start and end and
    ///     about every 256 KiB within a file. The importer itself prints nothing.
    /// - Returns: the batch, with every file listed in `files` (skipped ones with the
    ///   reason) and things worth telling the user in `warnings`.
    /// - Throws: `ErkendError` with code `.importFailed` naming the file, line and
    ///   problem; then nothing of the folder is returned. Also when the folder holds
    ///   no ESCO file at all.
    public static func read(
        folder: URL, maxCellBytes: Int = CSVReader.defaultMaxCellBytes,
        progress: ((ImportProgress) -> Void)? = nil
    ) throws -> TaxonomyBatch {
        let files = try ESCOFolder.files(in: folder)
        guard files.contains(where: \.isRead) else {
            let found = files.isEmpty ? "it is empty" : "it holds only " + files.prefix(10).map(\.path).joined(separator: ", ")
            throw CSVProblem.error(
                file: folder.path, line: nil,
                "no ESCO CSV file found (\(found)). Expected files named as in ESCO's download, "
                    + "such as skills_en.csv, occupations_en.csv or broaderRelationsSkillPillar.csv.")
        }
        var reporter = ProgressReporter(total: files.filter(\.isRead).reduce(0) { $0 + $1.byteCount }, callback: progress)
        var builder = ESCOBatchBuilder()
        for file in files {
            guard file.isRead else {
                builder.record(ImportedFile(name: file.path, rows: 0, role: file.role.describe(language: nil)))
                continue
            }
            let data = try load(file)
            let csv = try CSVReader(data: data, source: file.path, maxCellBytes: maxCellBytes)
            reporter.begin(file: file.path)
            let rows = try read(file, csv, into: &builder, progress: &reporter)
            reporter.end(fileSize: data.count)
            if rows == 0 {
                builder.warn(
                    CSVProblem.warning(
                        file: file.path, line: 1,
                        "the file has a header but no rows; nothing was read from it"
                            + (file.role.isConceptFile ? ", and it does not count as a complete list for a release import." : ".")))
            } else if case .concepts(let kind) = file.role {
                builder.markComplete(kind)
            }
            builder.record(ImportedFile(name: file.path, rows: rows, role: file.role.describe(language: file.language)))
        }
        return try builder.finish()
    }

    private static func read(
        _ file: ESCOFile, _ csv: CSVReader, into builder: inout ESCOBatchBuilder, progress: inout ProgressReporter
    ) throws -> Int {
        let relations = ESCORelationFileReader(file: file)
        switch file.role {
        case .concepts(let kind):
            let reader = ESCOConceptFileReader(file: file, kind: kind, language: file.language ?? "", collection: nil)
            return try reader.read(csv, into: &builder, progress: &progress)
        case .collection(let name):
            let reader = ESCOConceptFileReader(file: file, kind: .skill, language: file.language ?? "", collection: name)
            return try reader.read(csv, into: &builder, progress: &progress)
        case .broaderRelations:
            return try relations.readBroader(csv, into: &builder, progress: &progress)
        case .occupationSkillRelations:
            return try relations.readOccupationSkills(csv, into: &builder, progress: &progress)
        case .skillSkillRelations:
            return try relations.readSkillSkills(csv, into: &builder, progress: &progress)
        case .skipped:
            return 0
        }
    }

    /// The file's bytes, mapped rather than copied where the system allows, so a
    /// large file costs its size once.
    private static func load(_ file: ESCOFile) throws -> Data {
        do {
            return try Data(contentsOf: file.url, options: .mappedIfSafe)
        } catch {
            throw ErkendError(
                .importFailed, "\(file.path): the file cannot be read.",
                details: [ErkendError.Detail(location: file.path, message: "the file cannot be read")],
                cause: String(describing: error))
        }
    }
}
