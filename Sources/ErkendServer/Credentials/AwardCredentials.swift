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

    /// The credential an OpenID4VCI request receives, bound to the holder's key: `credentialSubject.id`
    /// is the key as `did:jwk` in the W3C formats, `cnf.jwk` in the SD-JWT VC. A JSON object for
    /// `ldp_vc`, a string for the JWT formats.
    public func issued(_ award: Award, configuration: OpenID4VCI.Configuration, certified: AnyCatalogueEntity, learner: Learner,
                       holderKey: JSONValue, at now: Date) throws -> JSONValue {
        guard award.status != .revoked else {
            throw ErkendError(.conflict, "award \(award.id) was revoked; it is no longer issued")
        }
        guard OpenID4VCI.Configuration.offered(for: award.kind).contains(configuration) else {
            throw ErkendError(.ruleViolation, "award \(award.id) is not issued as \(configuration.rawValue)")
        }
        switch configuration {
        case .learningSDJWT:
            guard case .unit(let unit) = certified else {
                throw ErkendError(.ruleViolation, "award \(award.id) certifies no unit, so it has no learning credential")
            }
            let status = award.statusEntry.map { (index: $0.index, uri: identity.statusListURL("\($0.list)") + "/token") }
            return .string(try LearningCredential.issue(award, unit: unit, learner: learner, holderKey: holderKey, identity: identity,
                                                        keys: keys, issuedAt: now, status: status))
        case .openBadgeLDP, .entrustmentLDP, .openBadgeJWT:
            var credential = try openBadge(award, certified: certified, learner: learner, issuedAt: now)
            if case .object(var object) = credential, case .object(var subject)? = object["credentialSubject"] {
                subject["id"] = .string(OpenID4VCI.didJWK(holderKey))
                object["credentialSubject"] = .object(subject)
                credential = .object(object)
            }
            if configuration == .openBadgeJWT {
                return .string(try VCJWT.sign(credential, key: .ed25519(keys.ed25519), keyID: identity.verificationMethod(keys.ed25519ID)))
            }
            return try DataIntegrity.sign(credential, suite: .eddsaRDFC2022, key: keys.ed25519,
                                          verificationMethod: identity.verificationMethod(keys.ed25519ID), created: now, loader: loader)
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
