import Crypto
import ErkendCredentials
import Foundation
import LinkedData
import Testing

@Suite("Data Integrity proofs")
struct DataIntegrityTests {
    /// The W3C vectors' key, read from its multibase private key (multicodec 0x8026 + 32-byte seed).
    static func w3cKey() throws -> Curve25519.Signing.PrivateKey {
        let pair = try CredentialFixtures.json("eddsa-test-keypair.json")
        let encoded = try #require(pair["privateKeyMultibase"]?.stringValue)
        let secret = try #require(Multibase.decode(encoded))
        #expect(Array(secret.prefix(2)) == [0x80, 0x26])
        return try Curve25519.Signing.PrivateKey(rawRepresentation: secret.dropFirst(2))
    }

    static func resolveAny(_ method: String) -> IssuerKeys.PublicKey? {
        // did:key and 1EdTech-style `https://…#z6Mk…`: the key is in the identifier itself (test vectors only).
        guard let fragment = method.split(separator: "#").last else { return nil }
        return KeyEncoding.publicKey(multikey: String(fragment), id: method)
    }

    @Test("the W3C key pair's public key encodes to its published Multikey")
    func multikey() throws {
        let pair = try CredentialFixtures.json("eddsa-test-keypair.json")
        #expect(KeyEncoding.multikey(try Self.w3cKey().publicKey) == pair["publicKeyMultibase"]?.stringValue)
    }

    @Test("the W3C eddsa-rdfc-2022 and eddsa-jcs-2022 vectors verify", arguments: ["eddsa-rdfc-2022-signed.json", "eddsa-jcs-2022-signed.json"])
    func w3cVectorsVerify(file: String) throws {
        let document = try CredentialFixtures.json(file)
        let signers = try DataIntegrity.verify(document, loader: try BundledContexts.loader(), resolveKey: Self.resolveAny)
        #expect(signers.count == 1)
    }

    @Test("signing the W3C document again with its key gives the published proofValue", arguments: [
        ("eddsa-rdfc-2022-signed.json", DataIntegrity.Cryptosuite.eddsaRDFC2022), ("eddsa-jcs-2022-signed.json", .eddsaJCS2022),
    ])
    func w3cVectorsReproduce(file: String, suite: DataIntegrity.Cryptosuite) throws {
        let signed = try CredentialFixtures.json(file)
        let proof = try #require(signed["proof"])
        let createdText = try #require(proof["created"]?.stringValue)
        let created = try #require(Timestamp.date(createdText))
        let again = try DataIntegrity.sign(signed, suite: suite, key: try Self.w3cKey(),
                                           verificationMethod: try #require(proof["verificationMethod"]?.stringValue),
                                           created: created, loader: try BundledContexts.loader())
        #expect(again["proof"]?.arrayValue?.first?["proofValue"] == proof["proofValue"])
    }

    @Test("the Open Badges 3.0 implementation guide vector verifies, and fails once its name is changed")
    func openBadgesVector() throws {
        let document = try CredentialFixtures.json("ob3-eddsa-rdfc-2022-testvector.signed.json")
        try DataIntegrity.verify(document, loader: try BundledContexts.loader(), resolveKey: Self.resolveAny)
        let tampered = CredentialFixtures.replacing(document, ["name"], with: "Teamwork Badge (edited)")
        #expect(throws: CredentialError.self) {
            try DataIntegrity.verify(tampered, loader: try BundledContexts.loader(), resolveKey: Self.resolveAny)
        }
    }

    @Test("a signed Erkend badge verifies with the issuer's key and fails with a changed level, date or key")
    func roundTrip() throws {
        let signed = try CredentialFixtures.sign(try CredentialFixtures.entrustmentCredential())
        let verifier = CredentialVerifier(identity: CredentialFixtures.identity, keys: CredentialFixtures.keys, loader: CredentialFixtures.loader)
        #expect(try DataIntegrity.verify(signed, loader: CredentialFixtures.loader, resolveKey: verifier.key)
            == [CredentialFixtures.identity.verificationMethod("ed25519-1")])

        let changedScope = CredentialFixtures.replacing(signed, ["credentialSubject", "entrustmentScope"], with: "Alle software")
        let changedDate = CredentialFixtures.replacing(signed, ["validFrom"], with: "2020-01-01T00:00:00Z")
        for tampered in [changedScope, changedDate] {
            let error = #expect(throws: CredentialError.self) {
                try DataIntegrity.verify(tampered, loader: CredentialFixtures.loader, resolveKey: verifier.key)
            }
            #expect(error?.kind == .badSignature)
        }
        let otherKeys = IssuerKeys.generate()
        #expect(throws: CredentialError.self) {
            try DataIntegrity.verify(signed, loader: CredentialFixtures.loader) { _ in .ed25519(id: "x", key: otherKeys.ed25519.publicKey) }
        }
    }

    @Test("a property no context defines is never left unsigned: signing refuses it or the signature covers it")
    func safeMode() throws {
        let credential = CredentialFixtures.replacing(try CredentialFixtures.unitCredential(), ["credentialSubject", "favouriteColour"], with: "blue")
        // VC 2.0's @vocab would map the term to an issuer-dependent IRI; inside OB's protected
        // subject context it is not defined, so either signing refuses or the term is signed.
        do {
            let signed = try CredentialFixtures.sign(credential)
            let tampered = CredentialFixtures.replacing(signed, ["credentialSubject", "favouriteColour"], with: "red")
            #expect(throws: CredentialError.self) {
                try DataIntegrity.verify(tampered, loader: CredentialFixtures.loader, resolveKey: CredentialVerifier(
                    identity: CredentialFixtures.identity, keys: CredentialFixtures.keys, loader: CredentialFixtures.loader).key)
            }
        } catch let error as CredentialError {
            #expect(error.message.contains("favouriteColour"))
        }
    }
}
