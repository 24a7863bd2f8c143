import ArgumentParser

/// `erkend learners …`: learners, their enrolments and placements.
struct LearnersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learners",
        abstract: "Import and list learners with their enrolments, placements (BPV, stage) and workplace mentors; see whose entrustments are due.",
        discussion: "The CSV columns are described in Docs/learner-import.md; Catalogs/demo-learners.csv is an example.",
        subcommands: [LearnersImportCommand.self, LearnersListCommand.self, LearnersDueCommand.self]
    )
}
