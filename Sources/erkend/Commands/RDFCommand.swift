import ArgumentParser

/// `erkend rdf …`: tools for people debugging Linked Data signatures.
struct RDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rdf",
        abstract: "Linked Data tools: canonical N-Quads of a JSON-LD document.",
        subcommands: [
            RDFCanonicalizeCommand.self,
        ]
    )
}
