import ArgumentParser
import ErkendCore
import ErkendCredentials
import ErkendServer
import Foundation
import QRCode

/// `erkend credential …`: a learner's awards and the credentials rendered from them.
struct CredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "List a learner's awards, offer them to the learner's wallet, or revoke one so every credential of it stops verifying.",
        subcommands: [CredentialListCommand.self, CredentialOfferCommand.self, CredentialRevokeCommand.self]
    )
}

/// `erkend credential list LEARNER [--json]`.
struct CredentialListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show a learner's awards and where each stands (offered, collected, revoked).",
        discussion: """
        Prints one award per line, tab-separated: award id, kind, certified version, day achieved, status, \
        status list/index. With --json: the awards as stored.

        Example: erkend credential list 3f2a… --json
        """
    )

    @Argument(help: "The learner's id (erkend learners list shows it).")
    var learner: String

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let awards = try await reportingErrors {
            let id = try Learner.ID(validating: learner)
            guard try await store.progression.learners.learner(id) != nil else { throw ErkendError.notFound("learner \(id)") }
            return try await store.awards.awards(learner: id)
        }
        if json {
            print(String(decoding: try ErkendJSON.encoder().encode(awards), as: UTF8.self))
            return
        }
        if awards.isEmpty { print("learner \(learner) has no awards") }
        for award in awards {
            let entry = award.statusEntry.map { "\($0.list)/\($0.index)" } ?? "-"
            print([award.id.rawValue, award.kind.rawValue, award.certifies.description, award.issuedOn.description,
                   award.status.rawValue, entry].joined(separator: "\t"))
        }
    }
}

/// `erkend credential revoke ID --reason TEXT`.
struct CredentialRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke an award: its bit is set in the status lists, so every credential of it stops verifying.",
        discussion: """
        ID is the award id, or the id of any of its credentials (https://…/credentials/<award id>). Revoking is \
        final and is written to the audit log with the reason.

        Example: erkend credential revoke 3f2a… --reason "Fraude vastgesteld door de examencommissie"
        """
    )

    @Argument(help: "The award id, or the id of one of its credentials.")
    var id: String

    @Option(help: "Why the award is revoked (kept in the audit log; no personal data).")
    var reason: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.openStorage()
        let revoked = try await reportingErrors {
            let award = try Award.ID(validating: AwardCredentials.awardID(from: id))
            guard let stored = try await store.awards.award(award) else { throw ErkendError.notFound("award \(award)") }
            let now = Date()
            return try await store.awards.revoke(
                award, Award.Revocation(on: now, by: "cli", reason: reason),
                audit: AuditRecord(at: now, actor: .system, channel: .cli("credential-revoke"), action: AuditAction.awardRevoked,
                                   subject: stored.learner, target: award.rawValue))
        }
        let entry = revoked.statusEntry.map { " (status list \($0.list), index \($0.index))" } ?? ""
        print("award \(revoked.id) revoked\(entry); verifiers see it once their copy of the status list expires (at most 5 minutes)")
    }
}

/// `erkend credential offer LEARNER [--award ID] [--qr]`.
struct CredentialOfferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offer",
        abstract: "Print an OpenID4VCI offer link for each award of a learner that was not collected yet.",
        discussion: """
        Each line is an award id and an openid-credential-offer:// link; a wallet that opens the link (or scans \
        the QR code that --qr prints) collects the credential from the server at --public-url. A link works \
        once and for 10 minutes. Offers are audited.

        Example: erkend credential offer 3f2a… --public-url https://erkend.example.nl --qr
        """
    )

    @Argument(help: "The learner's id (erkend learners list shows it).")
    var learner: String

    @Option(help: "Offer only this award (its id, or the id of one of its credentials).")
    var award: String?

    @Flag(help: "Also print each link as a QR code in the terminal.")
    var qr = false

    @Flag(help: "Ask the wallet for a six-digit transaction code, printed beside the link.")
    var transactionCode = false

    @Option(help: "The address wallets reach the server at, as given to erkend serve (default: $ERKEND_PUBLIC_URL).")
    var publicURL: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let address = publicURL ?? ProcessInfo.processInfo.environment["ERKEND_PUBLIC_URL"], !address.isEmpty else {
            throw ValidationError("say where wallets reach the server: --public-url https://… (as given to erkend serve)")
        }
        let identity: IssuerIdentity
        do { identity = try IssuerIdentity(publicURL: address, name: "Erkend") } catch {
            throw ValidationError("--public-url must be an https address such as https://erkend.example.nl: \(error.message)")
        }
        let store = try await database.openStorage()
        let made = try await reportingErrors {
            let id = try Learner.ID(validating: learner)
            guard try await store.progression.learners.learner(id) != nil else { throw ErkendError.notFound("learner \(id)") }
            var awards = try await store.awards.awards(learner: id).filter { $0.status == .offered }
            if let award {
                let wanted = AwardCredentials.awardID(from: award)
                awards = awards.filter { $0.id.rawValue == wanted }
                guard !awards.isEmpty else { throw ErkendError.notFound("award \(wanted) of learner \(id) waiting to be collected") }
            }
            awards = awards.filter { !OpenID4VCI.Configuration.offered(for: $0.kind).isEmpty }
            let offers = CredentialOffers(awards: store.awards, now: { Date() })
            var made: [CredentialOffers.Made] = []
            for award in awards {
                made.append(try await offers.make(award, identity: identity, transactionCode: transactionCode, actor: .system,
                                                  channel: .cli("credential-offer")))
            }
            return made
        }
        if made.isEmpty { print("learner \(learner) has no awards waiting to be collected") }
        for offer in made {
            print([offer.award, offer.link, offer.transactionCode.map { "code \($0)" }].compactMap { $0 }.joined(separator: "\t"))
            if qr {
                print(try QRCode(encoding: offer.link, correction: .low).terminalString())
            }
        }
    }
}
