import ArgumentParser
import ErkendCore
import ErkendStore
import Foundation

/// `erkend bench metrics`: every metric, the whole set and a learner's gap to an occupation, on generated data.
struct BenchMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Time each metric (limit 500 ms), the whole set (limit 2 s) and a learner's gap to an ESCO occupation (limit 50 ms p99).",
        discussion: """
        Generates the learners with `erkend demo generate` into --database the first time (50,000 learners × 40 \
        observations = 2,000,000 observations) and reuses them after. Build with -c release first.
        Example: swift run -c release erkend bench metrics --learners 50000
        """
    )

    @Option(help: "Learners in the database.")
    var learners = 50_000

    @Option(name: .customLong("observations-per-learner"), help: "Observations per learner.")
    var observationsPerLearner = 40

    @Option(help: "Runs per metric; the median is reported.")
    var runs = 3

    @Option(help: "Learners to match against the occupation.")
    var matches = 200

    @Option(help: ArgumentHelp("The ESCO occupation to match against.", valueName: "uri"))
    var occupation = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"

    @Option(help: "Seed of the generator; learners are reused when the database holds this seed's learners.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The database to generate into or reuse.", valueName: "path"))
    var database: String?

    @Option(help: ArgumentHelp("Where the shipped catalogues are.", valueName: "dir"))
    var catalogs: String?

    func run() async throws {
        let path = database ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("erkend-bench-progress-\(learners)x\(observationsPerLearner)-s\(seed).sqlite").path
        let store = try ErkendStore.open(path: path).storage
        if try await store.progression.learners.learner(DemoGenerator.learnerID(seed: seed, index: learners - 1)) == nil {
            let generated = try await reportingErrors {
                try await DemoGenerateCommand.generate(into: store, learners: learners, observationsEach: observationsPerLearner, seed: seed, catalogs: catalogs)
            }
            print("generated \(generated.summary.learners) learners × \(observationsPerLearner) observations in \(BenchSupport.format(generated.seconds)) into \(path)")
        } else {
            print("reusing \(learners) generated learners in \(path)")
        }
        let service = MetricsService(metrics: store.metrics, catalogue: store.catalogue, taxonomy: store.taxonomy)
        print("metrics over \(learners) learners × \(observationsPerLearner) observations, median of \(runs) runs, on \(BenchSupport.machine)")
        var total = 0.0
        var slowest = 0.0
        for metric in MetricName.allCases {
            var times: [Double] = []
            var rows = 0
            for _ in 0..<max(1, runs) {
                times.append(try await BenchSupport.time { rows = try await service.table(metric, filter: MetricsFilter()).rows.count })
            }
            let median = BenchSupport.median(times)
            total += median
            slowest = max(slowest, median)
            print("  \(metric.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(BenchSupport.format(median))  (\(rows) rows; limit 500 ms: \(median < 0.5 ? "met" : "NOT met"))")
        }
        print("  whole set, one after another: \(BenchSupport.format(total))  (limit 2 s: \(total < 2 ? "met" : "NOT met"))")
        // The dashboard's way: every metric in one pass, each kind of record read once and shared.
        var passes: [Double] = []
        for _ in 0..<max(1, runs) {
            passes.append(try await BenchSupport.time { _ = try await service.tables(MetricName.allCases, filter: MetricsFilter()) })
        }
        let pass = BenchSupport.median(passes)
        print("  whole set in one pass (\(MetricName.allCases.count) metrics, records shared): \(BenchSupport.format(pass))  (limit 2 s: \(pass < 2 ? "met" : "NOT met"))")
        let filtered = try await BenchSupport.time {
            _ = try await service.table(.timeToEntrustment, filter: MetricsFilter(programme: "SD-25604", cohort: nil, from: nil, to: nil, epa: nil, workplace: nil))
        }
        print("  time-to-entrustment for one programme: \(BenchSupport.format(filtered))")

        let progression = ProgressionService(storage: store.progression, catalogue: CatalogueServices(store: store).catalogue, taxonomy: store.taxonomy, now: { Date() })
        let matcher = SkillMatchService(progression: progression, taxonomy: store.taxonomy, catalogue: store.catalogue)
        let target = SkillMatchService.Target(occupation: try ConceptURI(occupation))
        var random = SplitMix64(seed: seed &+ 7)
        func randomLearner() -> Learner.ID { DemoGenerator.learnerID(seed: seed, index: Int(random.next() % UInt64(learners))) }
        for _ in 0..<10 { _ = try await matcher.match(randomLearner(), target: target) }
        var times: [Double] = []
        for _ in 0..<max(1, matches) {
            let learner = randomLearner()
            times.append(try await BenchSupport.time { _ = try await matcher.match(learner, target: target) })
        }
        let p99 = BenchSupport.percentile(times, 0.99)
        print("  a learner's gap to the occupation: p50 \(BenchSupport.format(BenchSupport.percentile(times, 0.5)))  p99 \(BenchSupport.format(p99))  "
              + "(\(matches) learners; limit 50 ms p99: \(p99 < 0.05 ? "met" : "NOT met"))")
    }
}
