import Crypto
import ErkendCredentials
import ErkendTestSupport
import Foundation
import LinkedData
import Testing

@Suite("Issuer identity, keys and Erkend's context")
struct IdentityAndKeysTests {
    @Test("did:web follows the public URL, port and path included")
    func didWeb() throws {
        #expect(CredentialFixtures.identity.did == "did:web:erkend.roc-voorbeeld.example")
        #expect(CredentialFixtures.identity.didDocumentURL == "https://erkend.roc-voorbeeld.example/.well-known/did.json")
        let tenant = try IssuerIdentity(publicURL: "https://registry.example.nl:8443/roc-x/", name: "ROC X")
        #expect(tenant.did == "did:web:registry.example.nl%3A8443:roc-x")
        #expect(tenant.didDocumentURL == "https://registry.example.nl:8443/roc-x/did.json")
        #expect(throws: CredentialError.self) { try IssuerIdentity(publicURL: "http://registry.example.nl", name: "plain http") }
    }

    @Test("the DID document lists every key under assertionMethod, and the JWKS holds no private part")
    func didDocument() throws {
        let identity = CredentialFixtures.identity
        let document = identity.didDocument(keys: CredentialFixtures.keys)
        let methods = try #require(document["verificationMethod"]?.arrayValue)
        #expect(methods.count == 2)
        #expect(document["assertionMethod"]?.arrayValue?.compactMap(\.stringValue) == [identity.verificationMethod("ed25519-1"), identity.verificationMethod("p256-1")])
        #expect(methods[0]["publicKeyMultibase"]?.stringValue?.hasPrefix("z6Mk") == true)
        #expect(methods[1]["publicKeyMultibase"]?.stringValue?.hasPrefix("zDn") == true)
        for key in identity.jwks(keys: CredentialFixtures.keys)["keys"]?.arrayValue ?? [] {
            #expect(key["d"] == nil)
            _ = try KeyEncoding.publicKey(jwk: key)
        }
    }

    @Test("Erkend's context v1 is frozen: its text for a fixed public URL never changes")
    func contextIsFrozen() throws {
        let text = ErkendContext.text(publicURL: "https://erkend.example")
        let hash = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hash == Self.contextV1SHA256, "the v1 context changed; add a v2 instead of editing v1\n\(text)")
        #expect(text.contains("\"@protected\": true"))
    }

    static let contextV1SHA256 = "1d884409c19767df41e3a3e049a3087792ecd7cc49839f88632877bfdbd77588"

    @Test("keys are generated once into a 0700 folder of 0600 files, read back the same, and refused when others can read them")
    func fileKeyStore() throws {
        let directory = try TemporaryDirectory("erkend-keys")
        let store = FileKeyStore(besideDatabase: directory.path("erkend.sqlite"))
        let first = try store.loadOrCreate()
        let second = try store.loadOrCreate()
        #expect(first.ed25519.publicKey.rawRepresentation == second.ed25519.publicKey.rawRepresentation)
        #expect(first.p256.publicKey.rawRepresentation == second.p256.publicKey.rawRepresentation)
        let folder = store.directory.path
        #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            #expect(try FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.posixPermissions] as? Int == 0o600)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder + "/ed25519-1.key")
        #expect(throws: CredentialError.self) { try store.loadOrCreate() }
    }

    @Test("rotating makes new keys current and keeps the old public keys published, so a credential signed before still verifies; a withdrawn key no longer does")
    func rotation() throws {
        let directory = try TemporaryDirectory("erkend-keys")
        let store = FileKeyStore(besideDatabase: directory.path("erkend.sqlite"))
        let first = try store.loadOrCreate()
        let identity = CredentialFixtures.identity
        func signed(_ keys: IssuerKeys) throws -> JSONValue {
            try DataIntegrity.sign(try CredentialFixtures.unitCredential(status: nil), suite: .eddsaRDFC2022, key: keys.ed25519,
                                   verificationMethod: identity.verificationMethod(keys.ed25519ID), created: CredentialFixtures.issuedAt,
                                   loader: CredentialFixtures.loader)
        }
        let before = try signed(first)
        let jwtBefore = try VCJWT.sign(try CredentialFixtures.unitCredential(status: nil), key: .p256(first.p256),
                                       keyID: identity.verificationMethod(first.p256ID))

        let rotation = try store.rotate()
        #expect(rotation.current == ["ed25519-2", "p256-2"])
        #expect(rotation.retired == ["ed25519-1", "p256-1"])
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).sorted()
        #expect(files == ["ed25519-1.pub", "ed25519-2.key", "p256-1.pub", "p256-2.key"], "the old private halves are gone")
        for file in files {
            #expect(try FileManager.default.attributesOfItem(atPath: store.directory.path + "/" + file)[.posixPermissions] as? Int == 0o600)
        }
        let second = try store.loadOrCreate()
        #expect(second.ed25519ID == "ed25519-2" && second.p256ID == "p256-2")
        #expect(second.ed25519.publicKey.rawRepresentation != first.ed25519.publicKey.rawRepresentation)
        #expect(second.published.map(\.id) == ["ed25519-2", "p256-2", "p256-1", "ed25519-1"])
        let document = identity.didDocument(keys: second)
        #expect(document["assertionMethod"]?.arrayValue?.count == 4)
        #expect(identity.jwks(keys: second)["keys"]?.arrayValue?.count == 4)

        let verifier = CredentialVerifier(identity: identity, keys: second, loader: CredentialFixtures.loader)
        let after = try signed(second)
        #expect(try verifier.verify(JSONWriter.string(before), at: Date()).signedBy == [identity.verificationMethod("ed25519-1")])
        #expect(try verifier.verify(JSONWriter.string(after), at: Date()).signedBy == [identity.verificationMethod("ed25519-2")])
        _ = try verifier.verify(jwtBefore, at: Date())

        // A compromised old key is withdrawn: what it signed stops verifying. The current key cannot be withdrawn.
        #expect(throws: CredentialError.self) { try store.withdraw("ed25519-2") }
        #expect(throws: CredentialError.self) { try store.withdraw("ed25519-7") }
        try store.withdraw("ed25519-1")
        let third = try store.loadOrCreate()
        #expect(third.published.map(\.id) == ["ed25519-2", "p256-2", "p256-1"])
        let withdrawn = CredentialVerifier(identity: identity, keys: third, loader: CredentialFixtures.loader)
        #expect(throws: CredentialError.self) { try withdrawn.verify(JSONWriter.string(before), at: Date()) }
        _ = try withdrawn.verify(JSONWriter.string(after), at: Date())

        // A rotation cut short after writing the new keys: the older private key's public half is still published.
        let rotated = try store.rotate()
        #expect(rotated.current == ["ed25519-3", "p256-3"])
        try FileManager.default.removeItem(atPath: store.directory.path + "/ed25519-2.pub")
        try Data(Base64URL.encode(second.ed25519.rawRepresentation).utf8).write(to: store.directory.appendingPathComponent("ed25519-2.key"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: store.directory.path + "/ed25519-2.key")
        let recovered = try store.loadOrCreate()
        #expect(recovered.ed25519ID == "ed25519-3")
        #expect(recovered.published.map(\.id).contains("ed25519-2"))
    }
}
