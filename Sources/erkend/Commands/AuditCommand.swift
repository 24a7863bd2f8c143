import ArgumentParser
import ErkendCore
import Foundation

/// `erkend audit …`: the hash-chained audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and read the audit log of sign-offs, decisions, results and recognitions.",
        subcommands: [AuditVerifyCommand.self, AuditHeadCommand.self, AuditListCommand.self]
    )
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain of the audit log; exits 1 and names the first broken entry when any entry was changed or removed.",
        discussion: """
        The chain alone cannot show that the newest entries were cut off the end. Write down the head now and then
        (erkend audit head), or take it from a backup's NAME.head file, and check that it is still in the chain:

        Example: erkend audit verify
        Example: erkend audit verify --expect-head "$(erkend audit head)"
        """
    )

    @Option(help: ArgumentHelp("A head printed earlier by erkend audit head (SEQUENCE HASH, or the hash alone); exits 1 when that entry is no longer in the chain.",
                               valueName: "head"))
    var expectHead: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let expected = try reportingErrorsSync { try expectHead.map(AuditHead.init(parsing:)) }
        let store = try await database.openStorage()
        let verification = try await reportingErrors { try await store.audit.verify() }
        if let broken = verification.firstBreak {
            print("the audit log is NOT intact: \(broken.message)")
            throw ExitCode(1)
        }
        if let expected {
            let found = try await reportingErrors { try await store.audit.sequence(ofHash: expected.hash) }
            let ends = "the chain ends at entry \(verification.lastSequence.map(String.init) ?? "none")"
            guard let sequence = found else {
                print("the audit log is NOT intact: the expected head \(expected.sequence > 0 ? "entry \(expected.sequence) " : "")with hash \(expected.hash) is not in the chain, and \(ends): entries were removed from the end (or the head belongs to another database)")
                throw ExitCode(1)
            }
            if expected.sequence > 0, sequence != expected.sequence {
                print("the audit log is NOT intact: the hash \(expected.hash) is entry \(sequence), not entry \(expected.sequence)")
                throw ExitCode(1)
            }
            print("the audit log is intact and still holds the expected head, entry \(sequence)")
        }
        print("the audit log is intact: \(verification.checked) entries, last \(verification.lastSequence.map(String.init) ?? "—") with hash \(verification.lastHash ?? "—")")
    }
}

struct AuditHeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Print the newest entry of the audit log as SEQUENCE HASH, to keep outside the server and check later with verify --expect-head.",
        discussion: "Example: erkend audit head >> ~/erkend-audit-heads.txt"
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        guard let head = try await reportingErrors({ try await store.audit.head() }) else {
            throw CLIError("the audit log is empty: there is no head yet")
        }
        print(head.description)
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
