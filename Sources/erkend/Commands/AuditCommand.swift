import ArgumentParser
import ErkendCore
import ErkendCredentials
import Foundation

/// `erkend audit …`: the hash-chained audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and read the audit log of sign-offs, decisions, results and recognitions.",
        subcommands: [AuditVerifyCommand.self, AuditHeadCommand.self, AuditCheckpointCommand.self, AuditListCommand.self]
    )
}

struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain of the audit log; exits 1 and names the first broken entry when any entry was changed or removed.",
        discussion: """
        The chain alone cannot show that the newest entries were cut off the end. Write down the head now and then
        (erkend audit head), or take it from a backup's NAME.head file, and check that it is still in the chain:

        Signed checkpoints (erkend audit checkpoint) do the same with the institution's signature, so that a head
        cannot be made up later by whoever holds the database; every line of the file is checked.

        Example: erkend audit verify
        Example: erkend audit verify --expect-head "$(erkend audit head)"
        Example: erkend audit verify --checkpoint ~/erkend-checkpoints.jws
        """
    )

    @Option(help: ArgumentHelp("A head printed earlier by erkend audit head (SEQUENCE HASH, or the hash alone); exits 1 when that entry is no longer in the chain.",
                               valueName: "head"))
    var expectHead: String?

    @Option(help: ArgumentHelp("A file of signed checkpoints written by erkend audit checkpoint, one per line; exits 1 when a signature does not verify or a checkpoint's entry is no longer in the chain.",
                               valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("The folder of the credential signing keys that signed the checkpoints (default: the database path plus .keys).", valueName: "dir"))
    var keys: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let expected = try reportingErrorsSync { try expectHead.map(AuditHead.init(parsing:)) }
        let store = try await database.openStorage()
        let verification = try await reportingErrors { try await store.audit.verify() }
        if let broken = verification.firstBreak {
            print("the audit log is NOT intact: \(broken.message)")
            throw ExitCode(1)
        }
        if let checkpoint {
            let folder = keys ?? (database.isPostgres ? database.folder("keys").path : nil)
            let published = try cli { try CredentialKeys.store(keys: folder, storage: store).loadOrCreate().published }
            guard let text = try? String(contentsOfFile: checkpoint, encoding: .utf8) else {
                throw CLIError("cannot read the checkpoint file \(checkpoint)")
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !lines.isEmpty else { throw CLIError("the checkpoint file \(checkpoint) holds no checkpoints") }
            for (index, line) in lines.enumerated() {
                let point: AuditCheckpoint
                do {
                    point = try AuditCheckpoint.verify(line, published: published)
                } catch {
                    print("checkpoint on line \(index + 1) of \(checkpoint) is NOT valid: \(error.message)")
                    throw ExitCode(1)
                }
                let found = try await reportingErrors { try await store.audit.sequence(ofHash: point.hash) }
                guard found == point.sequence else {
                    let ends = "the chain ends at entry \(verification.lastSequence.map(String.init) ?? "none")"
                    print("the audit log is NOT intact: the checkpoint of \(point.madeAt.formatted(.iso8601)) (line \(index + 1)) names entry \(point.sequence), "
                          + (found.map { "but its hash is entry \($0)" } ?? "whose hash is not in the chain, and \(ends): entries were removed from the end"))
                    throw ExitCode(1)
                }
            }
            print("the audit log still holds all \(lines.count) signed checkpoint(s) in \(checkpoint)")
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

/// `erkend audit checkpoint`: the head, signed with the institution's key, to keep outside the server.
struct AuditCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the audit log's head signed with the institution's credential key (a JWS), to keep outside the server and check later with verify --checkpoint.",
        discussion: """
        A checkpoint says "on this date the chain's newest entry was N with hash H", signed with the current Ed25519 \
        credential key, so nobody who holds only the database can make one up afterwards. Keep them where the server \
        cannot reach, once a day for instance (a cron line or a systemd timer, see Docs/security.md), and check them \
        with erkend audit verify --checkpoint FILE. Checkpoints signed with an earlier key keep verifying after \
        erkend keys rotate; one signed with a withdrawn key does not. Written to the audit log itself.

        Example: erkend audit checkpoint >> /srv/elders/erkend-checkpoints.jws
        """
    )

    @OptionGroup var folder: KeyFolderOptions

    func run() async throws {
        let (keyStore, store) = try await folder.open()
        let keys = try cli { try keyStore.loadOrCreate() }
        guard let head = try await reportingErrors({ try await store.audit.head() }) else {
            throw CLIError("the audit log is empty: there is no head to sign yet")
        }
        let now = Date()
        let signed = try cli { try AuditCheckpoint.sign(sequence: head.sequence, hash: head.hash, at: now, keys: keys) }
        // The checkpoint is itself a fact worth keeping: the next entry says that entry N was signed.
        _ = try await reportingErrors {
            try await store.audit.append(AuditRecord(
                at: now, actor: .system, channel: .cli("audit-checkpoint"), action: AuditAction.auditCheckpointSigned,
                target: String(head.sequence), details: ["head": head.hash, "key": keys.ed25519ID]))
        }
        print(signed)
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
