import ArgumentParser
import ErkendCore
import Foundation

/// `erkend taxonomy …`: the skills framework (ESCO).
struct TaxonomyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy",
        abstract: "Load and inspect the skills framework (ESCO).",
        discussion: "This service uses the ESCO classification of the European Commission.",
        subcommands: [TaxonomyImportCommand.self, TaxonomyStatsCommand.self]
    )
}

/// `erkend taxonomy stats`: what the database holds.
struct TaxonomyStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the skills, skill groups, occupations and relations in the database.",
        discussion: "Example: erkend taxonomy stats --json | jq .skills"
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print one JSON object (keys skills, skillGroups, occupations, iscoGroups, relations, obsolete, labelsByLanguage).")
    var json = false

    func run() async throws {
        let store = try await database.openStorage()
        let stats = try await reportingErrors { try await store.taxonomy.stats() }
        if json {
            print(String(decoding: try ErkendJSON.encoder().encode(stats), as: UTF8.self))
        } else {
            print("""
                skills        \(stats.skills)
                skill groups  \(stats.skillGroups)
                occupations   \(stats.occupations)
                ISCO groups   \(stats.iscoGroups)
                relations     \(stats.relations)
                obsolete      \(stats.obsolete)
                labels        \(stats.labelsByLanguage.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
                """)
        }
    }
}
