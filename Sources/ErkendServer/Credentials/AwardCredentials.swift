public import ErkendCore
public import ErkendCredentials
public import Foundation
public import LinkedData

/// Renders an award as a credential file for a learner without a wallet: the
/// Open Badges 3.0 JSON (eddsa-rdfc-2022) or the same credential as a VC-JWT
/// (EdDSA). The learner is named by a salted hash of their e-mail address or
/// student number, never by the plain value. Pure apart from the salt: the award,
/// the certified catalogue entity, keys and clock go in, bytes come out.
public struct AwardCredentials: Sendable {
    public let identity: IssuerIdentity
    public let keys: IssuerKeys
    let loader: any DocumentLoader

    public init(identity: IssuerIdentity, keys: IssuerKeys, loader: any DocumentLoader) {
        self.identity = identity
        self.keys = keys
        self.loader = loader
    }

    public init(identity: IssuerIdentity, keys: IssuerKeys) throws {
        self.init(identity: identity, keys: keys, loader: try ErkendContext.loader(publicURL: identity.publicURL))
    }

    /// The file formats a learner can download.
    public enum Format: String, Sendable, CaseIterable {
        case openBadge = "ob3"
        case vcJWT = "vc-jwt"
    }

    /// The id every credential of the award carries (`<public URL>/credentials/<award>`).
    public func credentialID(_ award: Award) -> String { identity.credentialURL(award.id.rawValue) }

    /// The award id named by `text`: the id itself, or the id of any of its credentials.
    public static func awardID(from text: String) -> String {
        if let range = text.range(of: "/credentials/") { return String(text[range.upperBound...]) }
        return text
    }

    /// The unsigned Open Badges 3.0 credential of `award`.
    public func openBadge(_ award: Award, certified: AnyCatalogueEntity, learner: Learner, issuedAt: Date) throws -> JSONValue {
        let salt = SDJWT.randomSalt()
        let holder: CredentialHolder = if let email = learner.email { .emailAddress(email, salt: salt) }
            else { .studentNumber(learner.studentNumber ?? learner.id.rawValue, salt: salt) }
        let status = award.statusEntry.map { StatusListEntry(listURL: identity.statusListURL("\($0.list)"), index: $0.index) }
        switch certified {
        case .unit(let unit):
            return try OpenBadgeCredential.unit(award, unit: unit, holder: holder, identity: identity, credentialID: credentialID(award),
                                                issuedAt: issuedAt, status: status)
        case .epa(let epa):
            return try OpenBadgeCredential.entrustment(award, epa: epa, holder: holder, identity: identity, credentialID: credentialID(award),
                                                       issuedAt: issuedAt, status: status)
        default:
            throw ErkendError(.ruleViolation, "award \(award.id) certifies \(award.certifies), which has no credential rendering yet")
        }
    }

    /// The credential file: its bytes and media type.
    public func file(_ award: Award, format: Format, certified: AnyCatalogueEntity, learner: Learner, at now: Date) throws -> (body: String, type: String) {
        guard award.status != .revoked else {
            throw ErkendError(.conflict, "award \(award.id) was revoked; it is no longer issued")
        }
        let credential = try openBadge(award, certified: certified, learner: learner, issuedAt: now)
        switch format {
        case .openBadge:
            let signed = try DataIntegrity.sign(credential, suite: .eddsaRDFC2022, key: keys.ed25519,
                                                verificationMethod: identity.verificationMethod(keys.ed25519ID), created: now, loader: loader)
            return (JSONWriter.string(signed, pretty: true), "application/vc+ld+json")
        case .vcJWT:
            return (try VCJWT.sign(credential, key: .ed25519(keys.ed25519), keyID: identity.verificationMethod(keys.ed25519ID)), "application/vc+jwt")
        }
    }
}
