import ArgumentParser
import ErkendCore
import ErkendStore
import Foundation

/// `erkend bench progress`: one learner's progress report at the size of a large institution.
struct BenchProgressCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Time a learner's progress report (phase, what's next, skills profile) for random learners among many; limit 20 ms p99.",
        discussion: """
        Generates the learners with `erkend demo generate` into --database the first time (50,000 learners take a few
        minutes and about a gigabyte) and reuses them after. Build with -c release first.
        Example: swift run -c release erkend bench progress --learners 50000
        """
    )

    @Option(help: "Learners in the database.")
    var learners = 50_000

    @Option(name: .customLong("observations-per-learner"), help: "Observations per learner.")
    var observationsPerLearner = 40

    @Option(help: "Progress reports to time.")
    var samples = 2_000

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
        let storage = store.progression
        if try await storage.learners.learner(DemoGenerator.learnerID(seed: seed, index: learners - 1)) == nil {
            let generated = try await reportingErrors {
                try await DemoGenerateCommand.generate(into: store, learners: learners, observationsEach: observationsPerLearner, seed: seed, catalogs: catalogs)
            }
            print("generated \(generated.summary.learners) learners × \(observationsPerLearner) observations (\(generated.summary.decisions) decisions, "
                  + "\(generated.summary.results) results) in \(BenchSupport.format(generated.seconds)) into \(path)")
        } else {
            print("reusing \(learners) generated learners in \(path)")
        }
        let service = ProgressionService(storage: storage, catalogue: CatalogueServices(store: store).catalogue, taxonomy: store.taxonomy, now: { Date() })

        var random = SplitMix64(seed: seed &+ 99)
        func randomLearner() -> Learner.ID { DemoGenerator.learnerID(seed: seed, index: Int(random.next() % UInt64(learners))) }
        // Warm up: the programme snapshots are cached after the first report of each programme.
        for _ in 0..<50 { _ = try await service.progress(randomLearner()) }

        var reports: [Double] = [], reads: [Double] = []
        var phases: [String: Int] = [:]
        var skills = 0, observations = 0
        for _ in 0..<samples {
            let learner = randomLearner()
            var report: [ProgressReport] = []
            reports.append(try await BenchSupport.time { report = try await service.progress(learner) })
            reads.append(try await BenchSupport.time { _ = try await storage.progressInputs(learner: learner) })
            if let first = report.first {
                let phase: String = switch first.phases.current {
                case .phase(let code): code
                case .finalRequirements: "final requirements"
                case .completed: "completed"
                }
                phases[phase, default: 0] += 1
                skills += first.skills.skills.count
                observations += first.observationCounts.values.reduce(0, +)
            }
        }
        let p99 = BenchSupport.percentile(reports, 0.99)
        print("progress report of a random learner among \(learners) with \(observationsPerLearner) observations each, \(samples) samples, on \(BenchSupport.machine)")
        print("  progress (phase, what's next, share, skills profile)  p50 \(BenchSupport.format(BenchSupport.percentile(reports, 0.5)))  "
              + "p99 \(BenchSupport.format(p99))  max \(BenchSupport.format(reports.max() ?? 0))  (limit 20 ms p99: \(p99 < 0.020 ? "met" : "NOT met"))")
        print("  of which reading the inputs (one read transaction)   p50 \(BenchSupport.format(BenchSupport.percentile(reads, 0.5)))  "
              + "p99 \(BenchSupport.format(BenchSupport.percentile(reads, 0.99)))")
        print("  reports held on average \(observations / max(samples, 1)) observations and \(skills / max(samples, 1)) skills; phases: "
              + phases.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
}
