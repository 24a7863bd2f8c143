import Crypto
import ErkendCredentials
import Foundation
import LinkedData
import Testing

@Suite("VC-JWT and SD-JWT VC")
struct JOSETests {
    let verifier = CredentialVerifier(identity: CredentialFixtures.identity, keys: CredentialFixtures.keys, loader: CredentialFixtures.loader)

    @Test("the OpenID4VCI jwt_vc_json example verifies with its issuer's JWKS and fails with one byte of the payload changed")
    func oid4vciExample() throws {
        let token = try CredentialFixtures.text("credential_jwt_vc_json.jwt")
        let jwk = try #require(CredentialFixtures.json("issuer_jwks.json")["jwks"]?["keys"]?.arrayValue?.first)
        let key = try KeyEncoding.publicKey(jwk: jwk)
        _ = try JWS.verify(token, key: key, expectedType: "JWT")
        var parts = token.split(separator: ".").map(String.init)
        var payload = try #require(Base64URL.decode(parts[1]))
        payload[payload.count / 2] ^= 0x01
        parts[1] = Base64URL.encode(payload)
        #expect(throws: CredentialError.self) { try JWS.verify(parts.joined(separator: "."), key: key, expectedType: "JWT") }
    }

    @Test("a JWS of another typ is refused even when its signature is good")
    func typIsChecked() throws {
        let token = try JWS.sign(payload: ["a": 1], header: ["typ": "kb+jwt"], key: .ed25519(CredentialFixtures.keys.ed25519))
        let key = CredentialFixtures.keys.published[0]
        _ = try JWS.verify(token, key: key, expectedType: "kb+jwt")
        let error = #expect(throws: CredentialError.self) { try JWS.verify(token, key: key, expectedType: "dc+sd-jwt") }
        #expect(error?.kind == .unsupported)
    }

    @Test("an Erkend VC-JWT mirrors iss, jti, sub and nbf, verifies, and fails when signed by a key the issuer does not publish",
          arguments: [false, true])
    func vcJWT(es256: Bool) throws {
        let credential = try CredentialFixtures.unitCredential(status: nil)
        let keys = CredentialFixtures.keys
        let (key, kid): (SigningKey, String) = es256
            ? (.p256(keys.p256), CredentialFixtures.identity.verificationMethod(keys.p256ID))
            : (.ed25519(keys.ed25519), CredentialFixtures.identity.verificationMethod(keys.ed25519ID))
        let token = try VCJWT.sign(credential, key: key, keyID: kid)
        let payload = try JWS.decode(token).payload
        #expect(payload["iss"]?.stringValue == CredentialFixtures.identity.did)
        #expect(payload["sub"]?.stringValue == CredentialFixtures.holderDID)
        #expect(payload["jti"] == credential["id"])
        let report = try verifier.verify(token, at: CredentialFixtures.issuedAt.addingTimeInterval(60))
        #expect(report.format == .vcJWT)
        let forged = try VCJWT.sign(credential, key: .ed25519(Curve25519.Signing.PrivateKey()), keyID: kid)
        #expect(throws: CredentialError.self) { try verifier.verify(forged, at: CredentialFixtures.issuedAt.addingTimeInterval(60)) }
        let outside = #expect(throws: CredentialError.self) { try verifier.verify(token, at: CredentialFixtures.issuedAt.addingTimeInterval(-60)) }
        #expect(outside?.kind == .outsideValidity)
    }

    @Test("the generated education SD-JWT VC example verifies with its jwt-vc-issuer metadata")
    func sdJWTExample() throws {
        let text = try CredentialFixtures.text("edu-microcredential.issuance.sd-jwt")
        let jwk = try #require(CredentialFixtures.json("jwt-vc-issuer-metadata.json")["jwks"]?["keys"]?.arrayValue?.first)
        let key = try KeyEncoding.publicKey(jwk: jwk)
        let verified = try LearningCredential.verify(text, resolveKey: { _ in key }, at: Date(timeIntervalSince1970: 1_764_410_400))
        #expect(verified.claims["given_name"]?.stringValue == "Sanne")
    }

    @Test("an Erkend SD-JWT VC hides personal claims, discloses only what the holder chooses, and checks key binding")
    func learningCredential() throws {
        let issued = try LearningCredential.issue(
            CredentialFixtures.unitAward, unit: CredentialFixtures.unit, outcomes: [CredentialFixtures.outcome], learner: CredentialFixtures.learner,
            holderKey: CredentialFixtures.holderJWK, identity: CredentialFixtures.identity, keys: CredentialFixtures.keys,
            issuedAt: CredentialFixtures.issuedAt, status: nil)
        let parsed = try SDJWT.parse(issued)
        let plain = try JWS.decode(parsed.issuerJWT)
        #expect(plain.type == "dc+sd-jwt")
        #expect(plain.algorithm == "ES256")
        #expect(plain.payload["name"] == nil)
        #expect(plain.payload["cnf"]?["jwk"]?["x"] == CredentialFixtures.holderJWK["x"])
        #expect(Set(parsed.disclosures.compactMap(\.name)) == ["name", "birthdate", "student_number", "result"])

        let now = CredentialFixtures.issuedAt.addingTimeInterval(30)
        let presented = try SDJWT.present(issued, disclose: { $0.name == "name" }, holderKey: .p256(CredentialFixtures.holderPrivateKey),
                                          audience: "https://verifier.example", nonce: "n-123", issuedAt: now)
        let verified = try LearningCredential.verify(presented, resolveKey: verifier.key, at: now, audience: "https://verifier.example", nonce: "n-123")
        #expect(verified.keyBound)
        #expect(verified.claims["name"]?.stringValue == "Sanne de Vries")
        #expect(verified.claims["birthdate"] == nil)
        #expect(verified.claims["achievement"]?["credit_points"]?["system"]?.stringValue == "ECTS")

        let wrongNonce = #expect(throws: CredentialError.self) {
            try LearningCredential.verify(presented, resolveKey: verifier.key, at: now, audience: "https://verifier.example", nonce: "other")
        }
        #expect(wrongNonce?.kind == .badSignature)
        // A disclosure the issuer never signed is refused.
        let forged = SDJWT.Disclosure(salt: SDJWT.randomSalt(), name: "result", value: ["grade": "10"])
        let withForged = SDJWT.serialize(issuerJWT: parsed.issuerJWT, disclosures: parsed.disclosures + [forged])
        #expect(throws: CredentialError.self) { try LearningCredential.verify(withForged, resolveKey: verifier.key, at: now) }
    }
}
