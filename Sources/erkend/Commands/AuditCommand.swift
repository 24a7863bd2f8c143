import ArgumentParser
import ErkendCore
import Foundation

/// `erkend audit …`: the hash-chained audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and read the audit log of sign-offs, decisions, results and recognitions.",
        subcommands: [AuditVerifyCommand.self, AuditListCommand.self]
    )
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain of the audit log; exits 1 and names the first broken entry when any entry was changed or removed.",
        discussion: "Example: erkend audit verify"
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let verification = try await reportingErrors { try await store.audit.verify() }
        if let broken = verification.firstBreak {
            print("the audit log is NOT intact: \(broken)")
            throw ExitCode(1)
        }
        print("the audit log is intact: \(verification.checked) entries, last \(verification.lastSequence.map(String.init) ?? "—") with hash \(verification.lastHash ?? "—")")
    }
}

struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print audit entries after a sequence number, as JSON lines.",
        discussion: "Example: erkend audit list --after 0 --limit 20"
    )

    @Option(help: "Start after this sequence number.")
    var after = 0

    @Option(help: "At most this many entries (1 to 1000).")
    var limit = 100

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let entries = try await reportingErrors { try await store.audit.entries(after: after, limit: limit) }
        let encoder = ErkendJSON.encoder()
        for entry in entries { print(String(decoding: try encoder.encode(entry), as: UTF8.self)) }
    }
}
