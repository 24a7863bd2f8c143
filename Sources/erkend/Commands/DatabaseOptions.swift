import ArgumentParser
import ErkendCore
import ErkendPostgres
import ErkendStore
import Foundation

/// `--database PATH`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    static let defaultPath = "erkend-data/erkend.sqlite"

    @Option(name: .long, help: ArgumentHelp(
        "The SQLite database file (created when missing), or a PostgreSQL database as postgres://user@host:port/name.",
        discussion: """
            Default: $ERKEND_DATABASE, else \(DatabaseOptions.defaultPath) in the current folder. A PostgreSQL password \
            comes from $ERKEND_DATABASE_PASSWORD, $PGPASSWORD or the file $ERKEND_DATABASE_PASSWORD_FILE names, \
            never from the command line.
            """,
        valueName: "path-or-url"))
    var database: String?

    var path: String {
        database ?? ProcessInfo.processInfo.environment["ERKEND_DATABASE"] ?? DatabaseOptions.defaultPath
    }

    /// Whether the database is a PostgreSQL server rather than a SQLite file.
    var isPostgres: Bool { PostgresLocation.isPostgres(path) }

    /// The SQLite store itself, for what only SQLite does (backup, restore).
    func openStore() throws -> ErkendStore {
        if isPostgres {
            throw CLIError("this command works on a SQLite file only; for PostgreSQL use its own tools (pg_dump, pg_restore), see Docs/operations.md")
        }
        do {
            return try ErkendStore.open(path: path)
        } catch {
            throw CLIError("cannot open the database at \(path): \(error)")
        }
    }

    /// The storage the command works on; `close()` it when done.
    func openStorage() async throws -> ErkendStorage {
        if isPostgres {
            do {
                return try await PostgresStore.open(url: path).storage
            } catch let error as ErkendError {
                throw CLIError(error.message)
            } catch {
                throw CLIError("\(error)")
            }
        }
        return try openStore().storage
    }

    /// A folder of files that belong with the data (the mail outbox folder, the credential keys): beside a
    /// SQLite file; for PostgreSQL, which has no folder of its own, in `erkend-data/` of the current folder.
    func folder(_ name: String) -> URL {
        if isPostgres { return URL(fileURLWithPath: "erkend-data").appendingPathComponent(name) }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name)
    }
}
