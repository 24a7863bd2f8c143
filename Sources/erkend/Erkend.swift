import ArgumentParser

/// The `erkend` command: one executable for running the registry and for the
/// chores around it (imports, exports, checks, benchmarks).
@main
struct Erkend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erkend",
        abstract: "Erkend: a registry of stackable learning units, EPAs and learner progression for ROCs and hogescholen.",
        discussion: """
        Start the registry with the demo catalogue:   erkend serve --demo
        Every command that touches data takes --database PATH (default: erkend-data/erkend.sqlite).
        This service uses the ESCO classification of the European Commission.
        """,
        subcommands: [
            ServeCommand.self,
            TaxonomyCommand.self,
            CatalogCommand.self,
            LearnersCommand.self,
            AccountsCommand.self,
            ProgressCommand.self,
            AuditCommand.self,
            DemoCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            RDFCommand.self,
            BenchCommand.self,
            MetricsCommand.self,
            MatchCommand.self,
            CredentialCommand.self,
            KeysCommand.self,
            VerifyCommand.self,
            MigrateDataCommand.self,
        ]
    )
}
