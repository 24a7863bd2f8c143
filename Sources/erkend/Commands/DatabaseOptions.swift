import ArgumentParser
import ErkendCore
import ErkendStore
import Foundation

/// `--database PATH`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
    static let defaultPath = "erkend-data/erkend.sqlite"

    @Option(name: .long, help: ArgumentHelp(
        "The SQLite database file (created when missing).",
        discussion: "Default: $ERKEND_DATABASE, else \(DatabaseOptions.defaultPath) in the current folder.",
        valueName: "path"))
    var database: String?

    var path: String {
        database ?? ProcessInfo.processInfo.environment["ERKEND_DATABASE"] ?? DatabaseOptions.defaultPath
    }

    /// The SQLite store itself, for what only SQLite does (backup, restore).
    func openStore() throws -> ErkendStore {
        do {
            return try ErkendStore.open(path: path)
        } catch {
            throw CLIError("cannot open the database at \(path): \(error)")
        }
    }

    /// The storage the command works on; `close()` it when done.
    func openStorage() async throws -> ErkendStorage {
        try openStore().storage
    }
}
