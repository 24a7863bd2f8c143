import ArgumentParser
import ErkendCore
import ErkendInterop
import ErkendPostgres
import ErkendStore
import Foundation

/// `erkend bench import`: ESCO skills import next to the sqlite3 shell's `.import`, or, with
/// `--database postgres://…`, next to psql's `\copy` of the same file.
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Time importing the full ESCO skills file next to sqlite3's .import (or psql's \\copy) of the same CSV, and the import's peak memory.",
        discussion: """
            Build with -c release first. Example: swift run -c release erkend bench import
            On PostgreSQL: erkend bench import --database postgres://erkend@127.0.0.1:5432/erkend
            (the user needs CREATEDB: every run imports into a scratch database of its own, dropped afterwards).
            """
    )

    @Option(help: ArgumentHelp("A folder with the full ESCO skills_en.csv.", valueName: "dir"))
    var esco: String = BenchSupport.defaultFullESCO()

    @Option(help: "How many times to run each import (the median counts).")
    var runs = 5

    @Option(help: "full: the commit is fsynced, as every erkend command does; normal: only at checkpoints, to see what full costs.")
    var durability = "full"

    /// `--durability` as the database setting it names.
    var durabilityLevel: ErkendDatabase.Durability {
        get throws {
            guard let level = ErkendDatabase.Durability(rawValue: durability) else { throw CLIError("--durability is full or normal, not '\(durability)'") }
            return level
        }
    }

    @Option(help: ArgumentHelp("A PostgreSQL server to measure on instead of SQLite (postgres://user@host:port/db); its data is not touched.", valueName: "url"))
    var database: String?

    @Option(help: "PostgreSQL only: copy (COPY FROM STDIN, what erkend uses), unnest (multi-row INSERT of arrays), or both.")
    var loading = "both"

    func run() async throws {
        if let database {
            guard PostgresLocation.isPostgres(database) else { throw CLIError("--database takes a postgres:// URL here; without it the benchmark uses SQLite") }
            try await runPostgres(url: database)
            return
        }
        let source = URL(fileURLWithPath: esco).appendingPathComponent("skills_en.csv")
        guard FileManager.default.fileExists(atPath: source.path) else { throw CLIError("no skills_en.csv in \(esco)") }
        guard let sqlite3 = BenchSupport.which("sqlite3") else { throw CLIError("the sqlite3 shell is needed for the comparison (apt-get install sqlite3)") }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("erkend-bench-\(UUID().uuidString)")
        let folder = work.appendingPathComponent("esco")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("skills_en.csv"))

        var shell: [Double] = []
        var erkend: [Double] = []
        var reading: [Double] = []
        var skills = 0
        for run in 0..<runs {
            let shellDB = work.appendingPathComponent("shell-\(run).sqlite").path
            shell.append(try await BenchSupport.time {
                let result = try BenchSupport.run(sqlite3, [shellDB], input: ".mode csv\n.import '\(folder.appendingPathComponent("skills_en.csv").path)' skills\n")
                guard result.status == 0 else { throw CLIError("sqlite3 .import failed") }
            })
            let store = try ErkendStore.open(path: work.appendingPathComponent("erkend-\(run).sqlite").path, durability: try durabilityLevel)
            var readSeconds = 0.0
            erkend.append(try await BenchSupport.time {
                var batch = TaxonomyBatch()
                readSeconds = try await BenchSupport.time { batch = try ESCOImporter.read(folder: folder) }
                skills = try await store.taxonomy.apply(batch, mode: .merge).added
            })
            reading.append(readSeconds)
        }

        // Peak memory of a whole `erkend taxonomy import` in a process of its own.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        try BenchSupport.run(executable, ["taxonomy", "import", "esco", folder.path, "--database", work.appendingPathComponent("rss.sqlite").path])
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024

        let ratio = BenchSupport.median(erkend) / BenchSupport.median(shell)
        print("ESCO skills import (\(skills) skills from \(source.path)), median of \(runs), \(BenchSupport.machine), synchronous = \(durability.uppercased())")
        print("  sqlite3 .import of the CSV      \(BenchSupport.format(BenchSupport.median(shell)))")
        print("  erkend taxonomy import          \(BenchSupport.format(BenchSupport.median(erkend)))  (\(String(format: "%.2f", ratio))× the shell; limit 3×: \(ratio <= 3 ? "met" : "NOT met"))")
        print("    of which reading the CSV into a batch \(BenchSupport.format(BenchSupport.median(reading)))")
        print("  peak memory of the import       \(String(format: "%.0f", peakMB)) MB (limit 200 MB: \(peakMB < 200 ? "met" : "NOT met"))")
    }
}
