import ArgumentParser
import ErkendCore
import ErkendCredentials
import Foundation

/// `erkend keys …`: the issuer's signing keys — which are published, a new generation, and
/// withdrawing an old key that was compromised. Never prints a private key.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Show the credential signing keys, rotate them, or withdraw an old key that was compromised.",
        subcommands: [KeysListCommand.self, KeysRotateCommand.self, KeysWithdrawCommand.self]
    )
}

/// The key folder options every `keys` subcommand shares.
struct KeyFolderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder of the credential signing keys (default: the database path plus .keys; with PostgreSQL, the folder --keys of erkend serve names).", valueName: "dir"))
    var keys: String?

    @OptionGroup var database: DatabaseOptions

    func open() async throws -> (FileKeyStore, ErkendStorage) {
        let store = try await database.openStorage()
        let folder = keys ?? (database.isPostgres ? database.folder("keys").path : nil)
        return (CredentialKeys.store(keys: folder, storage: store), store)
    }
}

/// `erkend keys list`.
struct KeysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the published keys: the two that sign now, then earlier ones that still verify what they signed.",
        discussion: "Prints one key per line: id, kind (Ed25519 or P-256), current or earlier, and the public key as Multikey.\n\nExample: erkend keys list --database erkend.sqlite"
    )

    @OptionGroup var folder: KeyFolderOptions

    func run() async throws {
        let (keyStore, _) = try await folder.open()
        let keys = try cli { try keyStore.loadOrCreate() }
        for key in keys.published {
            let kind = if case .ed25519 = key { "Ed25519" } else { "P-256" }
            let role = [keys.ed25519ID, keys.p256ID].contains(key.id) ? "current" : "earlier"
            print([key.id, kind, role, KeyEncoding.multikey(key)].joined(separator: "\t"))
        }
    }
}

/// `erkend keys rotate`.
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Make new signing keys current; the old public keys stay published, so what they signed keeps verifying.",
        discussion: """
        Writes a new Ed25519 and P-256 key (the next generation, such as ed25519-2 and p256-2), keeps the public \
        halves of the current keys in the DID document and the JWKS, and deletes their private halves. Written to \
        the audit log. Restart erkend serve (every node) to sign with the new keys.

        Example: erkend keys rotate --database erkend.sqlite
        """
    )

    @OptionGroup var folder: KeyFolderOptions

    func run() async throws {
        let (keyStore, store) = try await folder.open()
        let rotation = try cli { try keyStore.rotate() }
        _ = try await reportingErrors {
            try await store.audit.append(AuditRecord(
                at: Date(), actor: .system, channel: .cli("keys-rotate"), action: AuditAction.keysRotated,
                target: rotation.current.joined(separator: ","), details: ["current": rotation.current.joined(separator: ","), "retired": rotation.retired.joined(separator: ",")]))
        }
        print("signing now with \(rotation.current.joined(separator: " and ")); \(rotation.retired.joined(separator: " and ")) stay published for what they signed. Restart erkend serve to use the new keys.")
    }
}

/// `erkend keys withdraw ID`.
struct KeysWithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Stop publishing an earlier key (a compromised one): every credential it signed stops verifying.",
        discussion: """
        Only an earlier key can be withdrawn; rotate first if the current key is compromised. Written to the audit \
        log. Restart erkend serve so the DID document and JWKS no longer list it.

        Example: erkend keys withdraw ed25519-1 --reason "Sleutel gelekt bij serverinbraak" --database erkend.sqlite
        """
    )

    @Argument(help: "The key's id, as erkend keys list shows it (ed25519-1).")
    var id: String

    @Option(help: "Why the key is withdrawn (kept in the audit log).")
    var reason: String

    @OptionGroup var folder: KeyFolderOptions

    func run() async throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("say why the key is withdrawn (--reason)") }
        let (keyStore, store) = try await folder.open()
        try cli { try keyStore.withdraw(id) }
        _ = try await reportingErrors {
            try await store.audit.append(AuditRecord(at: Date(), actor: .system, channel: .cli("keys-withdraw"), action: AuditAction.keyWithdrawn,
                                                     target: id, details: ["key": id, "reason": reason]))
        }
        print("\(id) is no longer published; credentials it signed stop verifying once erkend serve restarts. Issue them again to the learners who need them.")
    }
}

/// Runs a key store call, turning its error into the command's one-line message.
func cli<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as CredentialError {
        throw CLIError("credential keys: \(error.message)")
    }
}

extension AuditAction {
    static let keysRotated = "keys.rotated"
    static let keyWithdrawn = "keys.withdrawn"
    static let auditCheckpointSigned = "audit.checkpoint-signed"
}
