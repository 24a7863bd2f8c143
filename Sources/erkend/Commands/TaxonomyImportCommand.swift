import ArgumentParser
import ErkendCore
import ErkendInterop
import Foundation

/// `erkend taxonomy import …`: load a skills framework.
struct TaxonomyImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a skills framework from files.",
        subcommands: [TaxonomyImportESCOCommand.self]
    )
}

/// `erkend taxonomy import esco DIR`.
struct TaxonomyImportESCOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esco",
        abstract: "Import ESCO from its CSV export (a folder, any subset of the files, subfolders too).",
        discussion: """
        Re-importing updates in place: concepts are matched by URI, changed labels are updated, nothing
        is duplicated. Without --release the folder is merged in (two subsets give their union); with
        --release the folder is a complete release and concepts it no longer holds are marked obsolete
        (never deleted: units may point at them). Nothing is written when any file has a problem.

        Example: erkend taxonomy import esco Catalogs/esco-subset-v1.1.1
        This service uses the ESCO classification of the European Commission.
        """
    )

    @Argument(help: ArgumentHelp("The folder with ESCO CSV files (skills_en.csv, occupations_en.csv, broaderRelationsSkillPillar.csv…).", valueName: "dir"))
    var folder: String

    @Flag(help: "The folder is a complete release: mark concepts it does not hold obsolete.")
    var release = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let progress = TerminalProgress()
        let summary = try await reportingErrors {
            let batch = try ESCOImporter.read(folder: URL(fileURLWithPath: folder)) { step in
                progress.update("reading \(step.file) \(Int(step.fraction * 100))%")
            }
            progress.update("storing \(batch.statements.count) concept rows…")
            defer { progress.finish() }
            return try await store.taxonomy.apply(batch, mode: release ? .release : .merge)
        }
        for file in summary.files {
            print("  \(file.name): \(file.rows) rows — \(file.role)")
        }
        for warning in summary.warnings {
            print("  warning: \(warning.location): \(warning.message)")
        }
        print("concepts: \(summary.added) added, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.madeObsolete) made obsolete")
        print("relations: \(summary.relationsAdded) added, \(summary.relationsUnchanged) already there")
    }
}
