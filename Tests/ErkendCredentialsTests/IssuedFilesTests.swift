import ErkendCore
import ErkendCredentials
import ErkendTestSupport
import Foundation
import LinkedData
import Testing

/// Writes one of each credential Erkend issues, and a tampered copy of each,
/// to a folder (`ERKEND_ISSUED_DIR`, default `.build/issued`), with the DID
/// document, JWKS, jwt-vc-issuer metadata, status list and Erkend's context.
/// `Scripts/verify-issued.sh` then runs the independent verifiers of
/// `shared/tools/verify` on them: originals must pass, tampered copies must fail.
@Suite("Issued credentials for the independent verifiers")
struct IssuedFilesTests {
    static let audience = "https://verifier.example"
    static let nonce = "erkend-ci-nonce-1"

    @Test("each credential type and a tampered copy of it is written for the judges, and Erkend's own verifier agrees")
    func writeIssued() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ERKEND_ISSUED_DIR"] ?? RepositoryRoot.path(".build/issued").path)
        let tamperedFolder = folder.appendingPathComponent("tampered")
        try FileManager.default.createDirectory(at: tamperedFolder, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String, tampered: Bool = false) throws {
            try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: (tampered ? tamperedFolder : folder).appendingPathComponent(name))
        }
        func writeJSON(_ name: String, _ value: JSONValue, tampered: Bool = false) throws {
            try write(name, JSONWriter.string(value, pretty: true), tampered: tampered)
        }
        let identity = CredentialFixtures.identity
        let keys = CredentialFixtures.keys

        // Keys and context.
        try write("erkend-context-v1.jsonld", ErkendContext.text(publicURL: identity.publicURL))
        var index = JSONObject()
        index[ErkendContext.url(publicURL: identity.publicURL)] = "erkend-context-v1.jsonld"
        try writeJSON("contexts-index.json", .object(index))
        try writeJSON("did.json", identity.didDocument(keys: keys))
        try writeJSON("jwks.json", identity.jwks(keys: keys))
        try writeJSON("jwt-vc-issuer.json", identity.jwtVCIssuerMetadata(keys: keys))
        try writeJSON("vct-learning-credential-v1.json", LearningCredential.typeMetadata(identity: identity))

        // Status list: index 94567 valid, 4242 revoked.
        let listURL = identity.statusListURL("1")
        var bits = StatusBits()
        bits[bitstring: 4242] = true
        let list = try CredentialFixtures.sign(BitstringStatusList.credential(listURL: listURL, bits: bits, identity: identity, validFrom: CredentialFixtures.issuedAt))
        try writeJSON("status-list-1.json", list)
        try write("status-list-url.txt", listURL)

        // Open Badges 3.0 with Data Integrity proofs.
        let unitRDFC = try CredentialFixtures.sign(try CredentialFixtures.unitCredential())
        let unitJCS = try CredentialFixtures.sign(try CredentialFixtures.unitCredential(), suite: .eddsaJCS2022)
        let entrustment = try CredentialFixtures.sign(try CredentialFixtures.entrustmentCredential())
        let revoked = try CredentialFixtures.sign(try CredentialFixtures.unitCredential(status: StatusListEntry(listURL: listURL, index: 4242)))
        try writeJSON("unit-ob3.rdfc.json", unitRDFC)
        try writeJSON("unit-ob3.jcs.json", unitJCS)
        try writeJSON("entrustment-ob3.rdfc.json", entrustment)
        try writeJSON("unit-ob3-revoked.rdfc.json", revoked)
        try writeJSON("unit-ob3.rdfc.json", CredentialFixtures.replacing(unitRDFC, ["credentialSubject", "achievement", "name"], with: "Programmeren (gewijzigd)"), tampered: true)
        try writeJSON("unit-ob3.jcs.json", CredentialFixtures.replacing(unitJCS, ["validFrom"], with: "2020-01-01T00:00:00Z"), tampered: true)
        try writeJSON("entrustment-ob3.rdfc.json", CredentialFixtures.replacing(entrustment, ["credentialSubject", "entrustmentScope"], with: "Alle software"), tampered: true)
        // For the schema judge: an achievement without its required criteria.
        guard case .object(var achievement)? = unitRDFC["credentialSubject"]?["achievement"] else { Issue.record("no achievement"); return }
        achievement["criteria"] = nil
        try writeJSON("unit-ob3-schema.json", CredentialFixtures.replacing(unitRDFC, ["credentialSubject", "achievement"], with: .object(achievement)), tampered: true)

        // CLR 2.0: a completed phase with the unit and entrustment credentials it stacks; the second
        // stacked credential is also written alone, to show it verifies when taken out of the CLR.
        let clr = try CredentialFixtures.phaseCLR()
        try writeJSON("phase-clr.rdfc.json", clr)
        if let stacked = clr["credentialSubject"]?["verifiableCredential"]?.arrayValue, stacked.count == 3 {
            try writeJSON("phase-clr-stacked-unit.rdfc.json", stacked[1])
        } else {
            Issue.record("the CLR does not hold the completion, the unit and the entrustment")
        }
        try writeJSON("phase-clr.rdfc.json", CredentialFixtures.replacing(
            clr, ["credentialSubject", "verifiableCredential"],
            with: .array((clr["credentialSubject"]?["verifiableCredential"]?.arrayValue ?? []).dropLast())), tampered: true)
        guard case .array(var associations)? = clr["credentialSubject"]?["association"] else { Issue.record("no association"); return }
        associations.append(["type": "Association", "associationType": "isChildOf", "sourceId": "urn:uuid:not-in-this-clr",
                             "targetId": .string(OpenBadgeCredential.programmeAchievementID("P-1@1", phase: nil, identity: identity))])
        try writeJSON("phase-clr-structure.json", CredentialFixtures.replacing(clr, ["credentialSubject", "association"], with: .array(associations)),
                      tampered: true)

        // VC-JWT, EdDSA and ES256.
        let credential = try CredentialFixtures.unitCredential()
        let eddsa = try VCJWT.sign(credential, key: .ed25519(keys.ed25519), keyID: identity.verificationMethod(keys.ed25519ID))
        let es256 = try VCJWT.sign(try CredentialFixtures.entrustmentCredential(), key: .p256(keys.p256), keyID: identity.verificationMethod(keys.p256ID))
        try write("unit.eddsa.vc-jwt", eddsa)
        try write("entrustment.es256.vc-jwt", es256)
        try write("unit.eddsa.vc-jwt", Self.tamperPayload(eddsa), tampered: true)
        try write("entrustment.es256.vc-jwt", Self.tamperPayload(es256), tampered: true)

        // SD-JWT VC, issued and presented with key binding.
        let issued = try LearningCredential.issue(
            CredentialFixtures.unitAward, unit: CredentialFixtures.unit, outcomes: [CredentialFixtures.outcome], learner: CredentialFixtures.learner,
            holderKey: CredentialFixtures.holderJWK, identity: identity, keys: keys, issuedAt: CredentialFixtures.issuedAt,
            status: (index: 77, uri: listURL + "/token"))
        let presented = try SDJWT.present(issued, disclose: { $0.name != "birthdate" }, holderKey: .p256(CredentialFixtures.holderPrivateKey),
                                          audience: Self.audience, nonce: Self.nonce, issuedAt: Date())
        try write("learning.sd-jwt", issued)
        try write("learning.kb.sd-jwt", presented)
        try write("learning.kb.sd-jwt", Self.tamperDisclosure(presented), tampered: true)
        try write("sd-jwt-kb.txt", "\(Self.audience) \(Self.nonce)")

        // Erkend's own verifier agrees with what the judges will be asked.
        let verifier = CredentialVerifier(identity: identity, keys: keys, loader: CredentialFixtures.loader, bitstringLists: [listURL: list])
        let now = Date()
        for text in [JSONWriter.string(unitRDFC), JSONWriter.string(unitJCS), JSONWriter.string(entrustment), JSONWriter.string(clr), eddsa, es256] {
            _ = try verifier.verify(text, at: now)
        }
        _ = try LearningCredential.verify(presented, resolveKey: verifier.key, at: now, audience: Self.audience, nonce: Self.nonce)
        for name in ["unit-ob3.rdfc.json", "unit-ob3.jcs.json", "entrustment-ob3.rdfc.json", "phase-clr.rdfc.json", "unit.eddsa.vc-jwt",
                     "entrustment.es256.vc-jwt"] {
            let text = try String(contentsOf: tamperedFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(throws: CredentialError.self, "tampered \(name)") { try verifier.verify(text, at: now) }
        }
        let revokedError = #expect(throws: CredentialError.self) { try verifier.verify(JSONWriter.string(revoked), at: now) }
        #expect(revokedError?.kind == .revoked)
    }

    /// Changes one claim of a JWS payload and keeps the old signature.
    static func tamperPayload(_ token: String) throws -> String {
        var parts = token.split(separator: ".").map(String.init)
        guard case .object(var payload) = try JSONParser.parse(try #require(Base64URL.decode(parts[1]))) else { return token }
        payload["jti"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
        if case .object(var vc)? = payload["vc"] {
            vc["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
            payload["vc"] = .object(vc)
        }
        parts[1] = Base64URL.encode(JSONWriter.string(.object(payload)))
        return parts.joined(separator: ".")
    }

    /// Replaces the first disclosure's value (its digest no longer matches).
    static func tamperDisclosure(_ text: String) throws -> String {
        var parts = text.split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        let forged = SDJWT.Disclosure(salt: "c2FsdHNhbHRzYWx0c2FsdA", name: "name", value: "Iemand Anders")
        parts[1] = forged.encoded
        return parts.joined(separator: "~")
    }
}
