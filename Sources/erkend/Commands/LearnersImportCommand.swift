import ArgumentParser
import ErkendCore
import ErkendInterop
import Foundation

/// `erkend learners import FILE`.
struct LearnersImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import learners, enrolments, placements and mentors from a CSV file (UTF-8, comma-separated).",
        discussion: """
        One row per learner: studentnummer, naam, then optionally opleiding, cohort, startdatum (the enrolment), \
        leerbedrijf, bpv_start, bpv_eind… (the placement) and praktijkopleider, praktijkopleider_email… (mentors). \
        English column names work too. See Docs/learner-import.md.

        A programme code without @version enrols in its newest published version, so import the catalogue first. \
        Re-importing updates in place: nothing is duplicated, a stored enrolment keeps its programme version and \
        status, and columns the file lacks leave stored values alone. All rows are imported or none: every problem \
        is listed with its line and column.

        Example: erkend learners import Catalogs/demo-learners.csv
        """
    )

    @Argument(help: ArgumentHelp("The CSV file to import.", valueName: "file"))
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let (learnerFile, outcome) = try await reportingErrors {
            let learnerFile = try LearnerCSV(contentsOf: URL(fileURLWithPath: file))
            let audit = AuditRecord(at: Date(), actor: .system, channel: .cli("learners-import"), action: AuditAction.learnersImported)
            do {
                let outcome = try await LearnerFileImport.run(learnerFile, catalogue: store.catalogue, progression: store.progression, audit: audit)
                return (learnerFile, outcome)
            } catch let error as ErkendError where error.details.count > 5 {
                // The one-line reason shows five problems; whoever fixes the file needs every one of them.
                for detail in error.details {
                    FileHandle.standardError.write(Data("  \(detail.location): \(detail.message)\n".utf8))
                }
                throw ErkendError(error.code, error.message)
            }
        }
        if !learnerFile.ignoredColumns.isEmpty {
            print("  ignored columns: \(learnerFile.ignoredColumns.joined(separator: ", "))")
        }
        for warning in learnerFile.warnings + outcome.notes {
            print("  warning: \(warning.location): \(warning.message)")
        }
        let summary = outcome.summary
        print("learners: \(summary.learnersAdded) added, \(summary.learnersUpdated) updated (\(outcome.rows) \(outcome.rows == 1 ? "row" : "rows"))")
        print("enrolments: \(summary.enrolments), placements: \(summary.placements), mentors: \(summary.mentors)")
    }
}
