import ArgumentParser

/// `erkend bench canonicalize`: RDFC-1.0 speed on Open Badges credentials.
struct BenchCanonicalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Time RDFC-1.0 canonicalization of Open Badges 3.0 credentials."
    )
}
