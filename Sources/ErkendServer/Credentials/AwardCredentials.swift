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
        /// CLR 2.0, for a completed phase or programme: the completion with the credentials it stacks.
        case clr = "clr"
    }

    /// The id every credential of the award carries (`<public URL>/credentials/<award>`).
    public func credentialID(_ award: Award) -> String { identity.credentialURL(award.id.rawValue) }

    /// The award id named by `text`: the id itself, or the id of any of its credentials.
    public static func awardID(from text: String) -> String {
        if let range = text.range(of: "/credentials/") { return String(text[range.upperBound...]) }
        return text
    }

    /// The unsigned Open Badges 3.0 credential of `award`.
    public func openBadge(_ award: Award, certified: AnyCatalogueEntity, learner: Learner, issuedAt: Date,
                          holder: CredentialHolder? = nil) throws -> JSONValue {
        let holder = holder ?? Self.holder(learner)
        let status = award.statusEntry.map { StatusListEntry(listURL: identity.statusListURL("\($0.list)"), index: $0.index) }
        switch certified {
        case .programme(let programme):
            return try OpenBadgeCredential.completion(award, programme: programme, holder: holder, identity: identity,
                                                      credentialID: credentialID(award), issuedAt: issuedAt, status: status)
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

    /// The learner as credentials name them without a wallet: a salted hash of the e-mail address, or
    /// of the student number. A fresh salt each time, so two files cannot be linked by the hash.
    public static func holder(_ learner: Learner) -> CredentialHolder {
        let salt = SDJWT.randomSalt()
        return if let email = learner.email { .emailAddress(email, salt: salt) }
            else { .studentNumber(learner.studentNumber ?? learner.id.rawValue, salt: salt) }
    }

    /// The signed CLR 2.0 credential of a phase or programme award: its own Open Badges credential and
    /// those of `stacked` (the awards it is built from, with what each certifies), each signed
    /// `eddsa-rdfc-2022`, inside a `ClrCredential` signed the same way. One holder hash throughout.
    public func clr(_ award: Award, programme: Programme, stacked: [(award: Award, certified: AnyCatalogueEntity)], learner: Learner,
                    at now: Date) throws -> JSONValue {
        let holder = Self.holder(learner)
        let method = identity.verificationMethod(keys.ed25519ID)
        func signed(_ award: Award, _ certified: AnyCatalogueEntity) throws -> JSONValue {
            try DataIntegrity.sign(try openBadge(award, certified: certified, learner: learner, issuedAt: now, holder: holder),
                                   suite: .eddsaRDFC2022, key: keys.ed25519, verificationMethod: method, created: now, loader: loader)
        }
        let completion = try signed(award, .programme(programme))
        let parts = try stacked.map { ClrCredential.Part(award: $0.award, credential: try signed($0.award, $0.certified)) }
        let status = award.statusEntry.map { StatusListEntry(listURL: identity.statusListURL("\($0.list)"), index: $0.index) }
        let clr = try ClrCredential.stack(award, programme: programme, completion: completion, parts: parts, holder: holder, identity: identity,
                                          credentialID: credentialID(award) + "/clr", issuedAt: now, status: status)
        return try DataIntegrity.sign(clr, suite: .eddsaRDFC2022, key: keys.ed25519, verificationMethod: method, created: now, loader: loader)
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
    ///
    /// - Parameter stacked: for `.clr`, the awards the phase or programme award stacks, with what each certifies.
    public func file(_ award: Award, format: Format, certified: AnyCatalogueEntity, learner: Learner,
                     stacked: [(award: Award, certified: AnyCatalogueEntity)] = [], at now: Date) throws -> (body: String, type: String) {
        guard award.status != .revoked else {
            throw ErkendError(.conflict, "award \(award.id) was revoked; it is no longer issued")
        }
        if format == .clr {
            guard case .programme(let programme) = certified, award.kind == .phaseCompleted || award.kind == .programmeCompleted else {
                throw ErkendError(.ruleViolation, "award \(award.id) is not a completed phase or programme; only those are rendered as CLR")
            }
            let clr = try clr(award, programme: programme, stacked: stacked, learner: learner, at: now)
            return (JSONWriter.string(clr, pretty: true), "application/vc+ld+json")
        }
        let credential = try openBadge(award, certified: certified, learner: learner, issuedAt: now)
        switch format {
        case .openBadge:
            let signed = try DataIntegrity.sign(credential, suite: .eddsaRDFC2022, key: keys.ed25519,
                                                verificationMethod: identity.verificationMethod(keys.ed25519ID), created: now, loader: loader)
            return (JSONWriter.string(signed, pretty: true), "application/vc+ld+json")
        case .clr:
            preconditionFailure("handled above")
        case .vcJWT:
            return (try VCJWT.sign(credential, key: .ed25519(keys.ed25519), keyID: identity.verificationMethod(keys.ed25519ID)), "application/vc+jwt")
        }
    }
}
