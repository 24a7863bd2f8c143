import ArgumentParser
import ErkendCore
import Foundation
import Logging

/// `erkend demo …`: data for trying Erkend out and for load tests.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make demo data: realistic learners, observations and decisions in bulk.",
        subcommands: [DemoGenerateCommand.self]
    )
}

/// `erkend demo generate`: many learners with their progression, fast and reproducible.
struct DemoGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate learners with enrolments, placements, mentors, observations, decisions and unit results against the demo catalogue.",
        discussion: """
        Example: erkend demo generate --learners 50000 --observations-per-learner 40 --seed 7
        Loads the ESCO subset, the demo catalogue and the demo story first when the database has no catalogue.
        The same seed gives the same data; ids carry the seed (g7-L0, g7-L1, …), so generate into a database
        once per seed. Writes in chunks of 1,000 learners, one transaction and one audit entry each.
        """
    )

    @Option(help: "How many learners to generate.")
    var learners = 1_000

    @Option(name: .customLong("observations-per-learner"), help: "Observations per learner.")
    var observationsPerLearner = 40

    @Option(help: "Seed of the random generator; the same seed gives the same data.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Where the shipped catalogues are.", valueName: "dir"))
    var catalogs: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard learners > 0 else { throw ValidationError("--learners must be at least 1") }
        guard (0...1_000).contains(observationsPerLearner) else { throw ValidationError("--observations-per-learner must be 0 to 1000") }
    }

    func run() async throws {
        let store = try await database.openStorage()
        let summary = try await reportingErrors {
            try await Self.generate(into: store, learners: learners, observationsEach: observationsPerLearner, seed: seed, catalogs: catalogs)
        }
        print("generated \(summary.summary.learners) learners (seed \(seed)) with \(summary.summary.placements) placements, \(summary.summary.mentors) mentors, "
              + "\(summary.summary.observations) observations, \(summary.summary.decisions) decisions and \(summary.summary.results) unit results "
              + "in \(String(format: "%.1f", summary.seconds)) s (\(String(format: "%.0f", Double(summary.summary.observations) / max(summary.seconds, 0.001))) observations/s)")
    }

    /// Loads the demo when the database has no catalogue, then generates; shared with `erkend bench progress`.
    static func generate(into store: ErkendStorage, learners: Int, observationsEach: Int, seed: UInt64,
                         catalogs: String?) async throws -> (summary: DemoGenerator.Summary, seconds: Double) {
        if try await store.catalogue.all().isEmpty {
            var logger = Logger(label: "erkend-demo")
            logger.logLevel = .warning
            try await DemoLoader(store: store, catalogs: try CatalogsLocator.locate(catalogs), logger: logger).loadIfEmpty()
        }
        if try await store.progression.learners.learner(DemoGenerator.learnerID(seed: seed, index: 0)) != nil {
            throw CLIError("this database already holds learners generated with seed \(seed); pick another --seed or a fresh --database")
        }
        let generator = try await DemoGenerator(catalogue: CatalogueServices(store: store).catalogue, seed: seed, now: Date())
        let progress = TerminalProgress()
        var summary = DemoGenerator.Summary()
        let seconds = try await BenchSupport.time {
            summary = try await generator.generate(into: store.progression, learners: learners, observationsEach: observationsEach) { done in
                progress.update("generating: \(done) of \(learners) learners")
            }
        }
        progress.finish()
        return (summary, seconds)
    }
}
