public import Foundation

/// An OpenID4VCI credential offer of one award to the learner's wallet
/// (pre-authorized code flow). The secrets — the pre-authorized code, the
/// transaction code, the access token — are never kept: the store holds their
/// hashes, so a copy of the database cannot be used to collect a credential.
public struct CredentialOffer: Hashable, Sendable, Codable {
    /// The offer's public name, in its `credential_offer_uri` (random, unguessable).
    public var id: String
    public var award: Award.ID
    public var learner: Learner.ID
    /// The credential configuration ids the offer lists.
    public var configurations: [String]
    public var createdAt: Date
    /// The pre-authorized code works until then (and once).
    public var expiresAt: Date
    /// The length of the transaction code the wallet must send, when the offer has one.
    public var transactionCodeLength: Int?

    public init(id: String, award: Award.ID, learner: Learner.ID, configurations: [String], createdAt: Date, expiresAt: Date,
                transactionCodeLength: Int? = nil) {
        self.id = id
        self.award = award
        self.learner = learner
        self.configurations = configurations
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.transactionCodeLength = transactionCodeLength
    }
}

/// Why the token endpoint refuses a pre-authorized code, for the `invalid_grant` answer.
public enum OfferRedemptionError: Error, Sendable, Equatable {
    /// No offer has this code, or it was used already (a replay).
    case unknownOrUsed
    case expired
    /// The offer has a transaction code and none was sent.
    case transactionCodeMissing
    case transactionCodeWrong
    /// Too many wrong transaction codes: the offer is dead.
    case tooManyAttempts
    /// The award was revoked after the offer was made.
    case awardRevoked
}

/// Why the credential endpoint will not issue.
public enum IssuanceRefusal: Error, Sendable, Equatable {
    /// This award was already issued to this holder key.
    case alreadyIssued
    case awardRevoked
}

/// What the OpenID4VCI endpoints keep, in the database so that several server
/// processes on one database agree: every check-and-use is one transaction.
public protocol CredentialOfferRepository: Sendable {
    /// Stores an offer with the hashes of its pre-authorized code and transaction code; audited.
    func createOffer(_ offer: CredentialOffer, codeHash: String, transactionCodeHash: String?, audit: AuditRecord) async throws
    func offer(id: String) async throws -> CredentialOffer?
    /// Uses the pre-authorized code once: on success the offer is spent and the access token (its hash) is
    /// bound to it until `tokenExpiresAt`. Throws `OfferRedemptionError`.
    func redeemOffer(codeHash: String, transactionCodeHash: String?, accessTokenHash: String, tokenExpiresAt: Date,
                     at now: Date) async throws -> CredentialOffer
    /// The offer an access token was given for, while the token is live.
    func offer(accessTokenHash: String, at now: Date) async throws -> CredentialOffer?
    /// Stores a fresh nonce (its hash).
    func createNonce(hash: String, expiresAt: Date) async throws
    /// Uses a nonce once; `false` when it is unknown, used or expired.
    func consumeNonce(hash: String, at now: Date) async throws -> Bool
    /// Records that `award` was issued to the holder key with `thumbprint`, marks the award collected and
    /// appends `audit`, all in one transaction. Throws `IssuanceRefusal.alreadyIssued` for a second issuance
    /// of the same award to the same key.
    func recordIssuance(award: Award.ID, holderThumbprint: String, configuration: String, credentialID: String,
                        at now: Date, audit: AuditRecord) async throws
}

extension AuditAction {
    public static let credentialOffered = "credential.offered"
    public static let credentialIssued = "credential.issued"
}
