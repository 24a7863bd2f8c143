public import ErkendCore
public import ErkendCredentials
public import Foundation

/// Makes OpenID4VCI offers of awards, for the learner API and `erkend credential offer`.
///
/// An offer is reached through a secret in its `credential_offer_uri`. The offer's pre-authorized
/// code is derived from that secret, so only hashes are stored: the offer's id is the secret's hash,
/// and the token endpoint looks the code up by its hash.
public struct CredentialOffers: Sendable {
    let awards: any AwardRepository
    let now: @Sendable () -> Date

    public init(awards: any AwardRepository, now: @escaping @Sendable () -> Date) {
        self.awards = awards
        self.now = now
    }

    /// A new offer as the learner (or the CLI) sees it once: the link, and the transaction code if asked for.
    public struct Made: Sendable, Encodable {
        public var offer: String
        public var award: String
        public var credentialOfferURI: String
        public var link: String
        public var configurations: [String]
        public var expiresAt: Date
        public var transactionCode: String?
        public var qrSVG: String?
    }

    /// Offers `award` of `learner` in every configuration its kind has.
    public func make(_ award: Award, identity: IssuerIdentity, transactionCode: Bool, actor: AuditActor, channel: AuditChannel) async throws -> Made {
        let configurations = OpenID4VCI.Configuration.offered(for: award.kind).map(\.rawValue)
        guard !configurations.isEmpty else {
            throw ErkendError(.ruleViolation, "award \(award.id) (\(award.kind.rawValue)) cannot be collected through OpenID4VCI yet")
        }
        guard award.status != .revoked else { throw ErkendError(.conflict, "award \(award.id) was revoked; it is no longer offered") }
        let secret = Secrets.make()
        let instant = now()
        let code = transactionCode ? Self.transactionCode() : nil
        let offer = CredentialOffer(id: Secrets.hash(secret), award: award.id, learner: award.learner, configurations: configurations,
                                    createdAt: instant, expiresAt: instant.addingTimeInterval(OpenID4VCI.codeLifetime),
                                    transactionCodeLength: code?.count)
        let audit = AuditRecord(at: instant, actor: actor, channel: channel, action: AuditAction.credentialOffered,
                                subject: award.learner, target: award.id.rawValue,
                                details: ["offer": String(offer.id.prefix(16)), "transactionCode": code == nil ? "no" : "yes"])
        try await awards.createOffer(offer, codeHash: Secrets.hash(Self.preAuthorizedCode(secret)),
                                     transactionCodeHash: code.map(Secrets.hash), audit: audit)
        return Made(offer: String(offer.id.prefix(16)), award: award.id.rawValue, credentialOfferURI: OpenID4VCI.offerURL(identity, offer: secret),
                    link: OpenID4VCI.offerLink(identity, offer: secret), configurations: configurations, expiresAt: offer.expiresAt,
                    transactionCode: code)
    }

    /// The pre-authorized code of the offer reached through `secret`.
    static func preAuthorizedCode(_ secret: String) -> String {
        "pac_" + Secrets.hash("pre-authorized-code|" + secret)
    }

    /// Six random digits, sent to the learner beside the offer (not in it).
    static func transactionCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }
}
