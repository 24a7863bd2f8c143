import ArgumentParser

/// `erkend bench …`: benchmarks that measure a figure next to its limit in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Erkend's speed next to the limit of this machine, in one run.",
        subcommands: [
            BenchImportCommand.self,
            BenchSearchCommand.self,
            BenchHTTPCommand.self,
            BenchCanonicalizeCommand.self,
            BenchProgressCommand.self,
            BenchObservationsCommand.self,
            BenchCredentialsCommand.self,
            BenchMetricsCommand.self,
        ]
    )
}
