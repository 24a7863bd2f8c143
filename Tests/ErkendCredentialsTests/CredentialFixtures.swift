import Crypto
import ErkendCore
import ErkendCredentials
import ErkendTestSupport
import Foundation
import LinkedData

/// Fixed keys, an issuer on a test public URL, and a unit, an EPA and awards to render.
enum CredentialFixtures {
    static let publicURL = "https://erkend.roc-voorbeeld.example"
    static let identity = try! IssuerIdentity(publicURL: publicURL, name: "ROC Voorbeeld", country: "NL")
    static let keys = IssuerKeys(
        ed25519: try! Curve25519.Signing.PrivateKey(rawRepresentation: Data((1...32).map { UInt8($0) })),
        p256: try! P256.Signing.PrivateKey(rawRepresentation: Data(repeating: 0x11, count: 32)))
    static let issuedAt = Date(timeIntervalSince1970: 1_764_410_400)  // 2025-11-29T10:00:00Z
    static let loader: any DocumentLoader = try! ErkendContext.loader(publicURL: publicURL)

    static var holderPrivateKey: P256.Signing.PrivateKey { try! P256.Signing.PrivateKey(rawRepresentation: Data(repeating: 0x22, count: 32)) }
    static var holderJWK: JSONValue { KeyEncoding.jwk(.p256(id: "holder", key: holderPrivateKey.publicKey)) }
    static var holderDID: String { "did:jwk:" + Base64URL.encode(JSONWriter.string(holderJWK)) }

    static var outcome: LearningOutcome { Samples.outcome(status: .published) }

    static var unit: LearningUnit {
        var unit = Samples.unit(status: .published)
        unit.unitKind = .microcredential
        unit.description = LocalizedText(nl: "Schrijft en test kleine programma's in Swift.", en: "Writes and tests small Swift programs.")
        unit.workload = Workload(ects: 3, sbu: 84)
        unit.assessment = Assessment(method: .practicalAssignment, description: LocalizedText(nl: "Praktijkopdracht met beoordelingsgesprek."),
                                     supervision: .supervisedOnsiteWithIdentityVerification)
        unit.participation = .blended
        unit.validityMonths = 60
        return unit
    }

    static var epa: EPA {
        var epa = Samples.epa(status: .published)
        epa.description = LocalizedText(nl: "Bouwt en onderhoudt software voor een opdrachtgever.", en: "Builds and maintains software for a client.")
        epa.limitations = LocalizedText(nl: "Geldt niet voor veiligheidskritische systemen.", en: "Does not apply to safety-critical systems.")
        return epa
    }

    static var learner: Learner { ProgressionSamples.learner() }

    static var unitAward: Award {
        var result = ProgressionSamples.result()
        result.unit = ExactReference(unit)
        return try! AwardRules.award(for: result, id: "AW-1", validityMonths: unit.validityMonths,
                                     evidence: [Award.Evidence(id: "\(publicURL)/evidence/portfolio-1", name: "Portfolio", narrative: "Door de student gedeeld.")])
    }

    static var entrustmentAward: Award {
        var decision = ProgressionSamples.decision()
        decision.scope = "Webapplicaties voor het MKB"
        decision.validUntil = "2027-11-28"
        return try! AwardRules.award(for: decision, id: "AW-2")
    }

    /// P-1@1: phase `orientatie` (U-1, EPA-1 at 2), phase `zelfstandig` (EPA-1 at 4).
    static var programme: Programme {
        var programme = Samples.programme(status: .published)
        programme.description = LocalizedText(nl: "Mbo-opleiding software developer.", en: "Vocational programme software developer.")
        return programme
    }

    static func completionAward(_ id: Award.ID = "AW-3", phase: String? = "orientatie") -> Award {
        Award(id: id, kind: phase == nil ? .programmeCompleted : .phaseCompleted, learner: "L-1", certifies: ExactReference(programme),
              phase: phase, issuedOn: "2025-11-29", source: CompletionAwards.source(learner: "L-1", phase: phase))
    }

    /// The signed CLR of the phase `orientatie`, stacking the signed unit and entrustment credentials.
    static func phaseCLR(unitStatus: StatusListEntry? = StatusListEntry(listURL: identity.statusListURL("1"), index: 94_567)) throws -> JSONValue {
        let holder = CredentialHolder.did(holderDID)
        let award = completionAward()
        let completion = try sign(try OpenBadgeCredential.completion(award, programme: programme, holder: holder, identity: identity,
                                                                     credentialID: "urn:uuid:8e1f7a52-3c44-4f0b-9d51-0a1b2c3d4e03", issuedAt: issuedAt,
                                                                     status: StatusListEntry(listURL: identity.statusListURL("1"), index: 5_678)))
        let parts = [
            ClrCredential.Part(award: unitAward, credential: try sign(try unitCredential(status: unitStatus))),
            ClrCredential.Part(award: entrustmentAward, credential: try sign(try entrustmentCredential())),
        ]
        return try sign(try ClrCredential.stack(award, programme: programme, completion: completion, parts: parts, holder: holder, identity: identity,
                                                credentialID: "urn:uuid:8e1f7a52-3c44-4f0b-9d51-0a1b2c3d4e04", issuedAt: issuedAt))
    }

    static var catalogue: OpenBadgeCredential.Catalogue {
        OpenBadgeCredential.Catalogue(outcomes: [outcome], skillLabels: [Samples.skillA.rawValue: "programming in Swift"])
    }

    static func unitCredential(status: StatusListEntry? = StatusListEntry(listURL: identity.statusListURL("1"), index: 94_567)) throws -> JSONValue {
        try OpenBadgeCredential.unit(unitAward, unit: unit, catalogue: catalogue, holder: .did(holderDID), identity: identity,
                                     credentialID: "urn:uuid:2f3c3f0e-6a53-4c52-9b9a-6f0e0b1d0a01", issuedAt: issuedAt, status: status)
    }

    static func entrustmentCredential(status: StatusListEntry? = StatusListEntry(listURL: identity.statusListURL("1"), index: 1_234)) throws -> JSONValue {
        try OpenBadgeCredential.entrustment(entrustmentAward, epa: epa, catalogue: catalogue, holder: .did(holderDID), identity: identity,
                                            credentialID: "urn:uuid:5d0c8a0e-2b1f-4a57-8f0e-1c2d3e4f5a02", issuedAt: issuedAt, status: status)
    }

    static func sign(_ credential: JSONValue, suite: DataIntegrity.Cryptosuite = .eddsaRDFC2022) throws -> JSONValue {
        try DataIntegrity.sign(credential, suite: suite, key: keys.ed25519, verificationMethod: identity.verificationMethod(keys.ed25519ID),
                               created: issuedAt, loader: loader)
    }

    static func resource(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else {
            throw CredentialError(.malformed, "test resource \(name) is missing")
        }
        return try Data(contentsOf: url)
    }

    static func json(_ name: String) throws -> JSONValue { try JSONParser.parse(try resource(name)) }

    static func text(_ name: String) throws -> String { String(decoding: try resource(name), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A copy of `value` with the member at `path` replaced.
    static func replacing(_ value: JSONValue, _ path: [String], with new: JSONValue) -> JSONValue {
        guard let first = path.first, case .object(var object) = value else { return new }
        object[first] = replacing(object[first] ?? .null, Array(path.dropFirst()), with: new)
        return .object(object)
    }
}
