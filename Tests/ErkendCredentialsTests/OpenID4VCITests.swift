import Crypto
import ErkendCore
import ErkendCredentials
import ErkendStore
import ErkendTestSupport
import Foundation
import LinkedData
import Testing

@Suite("OpenID4VCI: proofs, metadata and single use")
struct OpenID4VCITests {
    static let issuer = "https://erkend.test"
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func proof(key: P256.Signing.PrivateKey = P256.Signing.PrivateKey(), header extra: JSONObject = [:], claims: JSONObject? = nil,
                      includeJWK: Bool = true) throws -> String {
        var header: JSONObject = ["typ": "openid4vci-proof+jwt"]
        if includeJWK, case .object(var jwk) = KeyEncoding.jwk(.p256(id: "", key: key.publicKey)) {
            jwk["use"] = nil
            header["jwk"] = .object(jwk)
        }
        for (name, value) in extra { header[name] = value }
        let payload = claims ?? ["aud": .string(issuer), "iat": .number(JSONNumber(Int(now.timeIntervalSince1970))), "nonce": "n-1"]
        return try JWS.sign(payload: .object(payload), header: header, key: .p256(key))
    }

    static func code(_ jwt: String) -> OpenID4VCI.Failure.Code? {
        do { _ = try OpenID4VCI.checkProof(jwt, issuer: issuer, at: now); return nil } catch { return error.code }
    }

    @Test("a good proof gives the holder's public key, its thumbprint and the nonce")
    func goodProof() throws {
        let key = P256.Signing.PrivateKey()
        let proof = try OpenID4VCI.checkProof(try Self.proof(key: key), issuer: Self.issuer, at: Self.now)
        #expect(proof.nonce == "n-1")
        #expect(proof.holderKey["d"] == nil)
        #expect(proof.thumbprint == OpenID4VCI.thumbprint(.p256(id: "", key: key.publicKey)))
        #expect(proof.thumbprint != OpenID4VCI.thumbprint(.p256(id: "", key: P256.Signing.PrivateKey().publicKey)))
        #expect(OpenID4VCI.didJWK(proof.holderKey).hasPrefix("did:jwk:eyJ"))
    }

    @Test("proofs with a kid, no jwk, a private jwk, a wrong typ, another audience, an old iat or no nonce are refused with their codes")
    func badProofs() throws {
        let seconds = Int(Self.now.timeIntervalSince1970)
        #expect(Self.code(try Self.proof(header: ["kid": "did:example:1#k"])) == .invalidProof)
        #expect(Self.code(try Self.proof(includeJWK: false)) == .invalidProof)
        let key = P256.Signing.PrivateKey()
        var privateJWK = try #require(KeyEncoding.jwk(.p256(id: "", key: key.publicKey)).objectValue)
        privateJWK["d"] = .string(Base64URL.encode(key.rawRepresentation))
        #expect(Self.code(try Self.proof(key: key, header: ["jwk": .object(privateJWK)])) == .invalidProof)
        #expect(Self.code(try Self.proof(header: ["typ": "JWT"])) == .invalidProof)
        #expect(Self.code(try Self.proof(claims: ["aud": "https://other.example", "iat": .number(JSONNumber(seconds)), "nonce": "n"])) == .invalidProof)
        #expect(Self.code(try Self.proof(claims: ["aud": .string(Self.issuer), "iat": .number(JSONNumber(seconds - 600)), "nonce": "n"])) == .invalidProof)
        #expect(Self.code(try Self.proof(claims: ["aud": .string(Self.issuer), "iat": .number(JSONNumber(seconds + 600)), "nonce": "n"])) == .invalidProof)
        #expect(Self.code(try Self.proof(claims: ["aud": .string(Self.issuer), "iat": .number(JSONNumber(seconds))])) == .invalidNonce)
        // Signed by one key, naming another in the header.
        let other = try #require(KeyEncoding.jwk(.p256(id: "", key: P256.Signing.PrivateKey().publicKey)).objectValue)
        #expect(Self.code(try Self.proof(header: ["jwk": .object(other)])) == .invalidProof)
        #expect(Self.code("not.a.jwt") == .invalidProof)
    }

    @Test("the metadata offers the four configurations, without pre-1.0 parameters, and the offer link carries the offer's URL encoded")
    func metadata() throws {
        let identity = try IssuerIdentity(publicURL: Self.issuer, name: "ROC Test")
        let metadata = OpenID4VCI.issuerMetadata(identity: identity)
        let configurations = try #require(metadata["credential_configurations_supported"]?.objectValue)
        #expect(configurations["LearningCredential_dc+sd-jwt"]?["vct"]?.stringValue == Self.issuer + "/vct/learning-credential/v1")
        #expect(configurations["OpenBadgeCredential_jwt_vc_json"]?["credential_definition"]?["@context"] == nil)
        for configuration in configurations.members.map(\.value) {
            #expect(configuration["display"] == nil && configuration["claims"] == nil)
        }
        #expect(metadata["credentials_supported"] == nil)
        #expect(OpenID4VCI.offerLink(identity, offer: "abc") == "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Ferkend.test%2Foid4vci%2Foffers%2Fabc")
        #expect(OpenID4VCI.Configuration.offered(for: .entrustmentDecision) == [.entrustmentLDP])
        #expect(OpenID4VCI.Configuration.offered(for: .programmeCompleted) == [.openBadgeLDP, .openBadgeJWT], "a completion is collected as its own badge; its CLR is a download")
    }

    @Test("a pre-authorized code is redeemed once even when two database connections race for it, and a nonce is used once")
    func singleUse() async throws {
        let directory = try TemporaryDirectory("erkend-oid4vci-store")
        let path = directory.path("erkend.sqlite")
        let first = try ErkendStore.open(path: path)
        try await first.progression.learners.create(ProgressionSamples.learner(), audit: ProgressionSamples.audit(AuditAction.learnerCreated))
        let award = try AwardRules.award(for: ProgressionSamples.result(), id: "AW-1")
        try await first.awards.create(award, audit: ProgressionSamples.audit(AuditAction.awardCreated))
        let offer = CredentialOffer(id: "offer-1", award: "AW-1", learner: award.learner, configurations: ["OpenBadgeCredential_ldp_vc"],
                                    createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(600), transactionCodeLength: 6)
        try await first.awards.createOffer(offer, codeHash: "code-hash", transactionCodeHash: "tx-hash",
                                           audit: ProgressionSamples.audit(AuditAction.credentialOffered))
        let second = try ErkendStore.open(path: path)

        await #expect(throws: OfferRedemptionError.transactionCodeWrong) {
            try await first.awards.redeemOffer(codeHash: "code-hash", transactionCodeHash: "wrong", accessTokenHash: "t0",
                                               tokenExpiresAt: Self.now.addingTimeInterval(600), at: Self.now)
        }
        let results = await withTaskGroup(of: Bool.self) { group in
            for (index, store) in [first, second, first, second].enumerated() {
                group.addTask {
                    (try? await store.awards.redeemOffer(codeHash: "code-hash", transactionCodeHash: "tx-hash", accessTokenHash: "token-\(index)",
                                                         tokenExpiresAt: Self.now.addingTimeInterval(600), at: Self.now)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1, "exactly one redemption wins")
        await #expect(throws: OfferRedemptionError.unknownOrUsed) {
            try await second.awards.redeemOffer(codeHash: "code-hash", transactionCodeHash: "tx-hash", accessTokenHash: "t9",
                                                tokenExpiresAt: Self.now.addingTimeInterval(600), at: Self.now)
        }

        try await first.awards.createNonce(hash: "nonce-1", expiresAt: Self.now.addingTimeInterval(300))
        #expect(try await second.awards.consumeNonce(hash: "nonce-1", at: Self.now))
        #expect(try await first.awards.consumeNonce(hash: "nonce-1", at: Self.now) == false)
        try await first.awards.createNonce(hash: "nonce-2", expiresAt: Self.now.addingTimeInterval(300))
        #expect(try await first.awards.consumeNonce(hash: "nonce-2", at: Self.now.addingTimeInterval(301)) == false, "an expired nonce is refused")

        try await first.awards.recordIssuance(award: "AW-1", holderThumbprint: "key-1", configuration: "OpenBadgeCredential_ldp_vc",
                                              credentialID: "https://erkend.test/credentials/AW-1", at: Self.now,
                                              audit: ProgressionSamples.audit(AuditAction.credentialIssued))
        #expect(try await first.awards.award("AW-1")?.status == .collected)
        await #expect(throws: IssuanceRefusal.alreadyIssued) {
            try await second.awards.recordIssuance(award: "AW-1", holderThumbprint: "key-1", configuration: "OpenBadgeCredential_ldp_vc",
                                                   credentialID: "https://erkend.test/credentials/AW-1", at: Self.now,
                                                   audit: ProgressionSamples.audit(AuditAction.credentialIssued))
        }
    }

    @Test("an expired code is refused as expired")
    func expiredCode() async throws {
        let store = try ErkendStore.inMemory()
        try await store.progression.learners.create(ProgressionSamples.learner(), audit: ProgressionSamples.audit(AuditAction.learnerCreated))
        let award = try AwardRules.award(for: ProgressionSamples.result(), id: "AW-1")
        try await store.awards.create(award, audit: ProgressionSamples.audit(AuditAction.awardCreated))
        let offer = CredentialOffer(id: "offer-1", award: "AW-1", learner: award.learner, configurations: ["OpenBadgeCredential_ldp_vc"],
                                    createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(600))
        try await store.awards.createOffer(offer, codeHash: "c", transactionCodeHash: nil, audit: ProgressionSamples.audit(AuditAction.credentialOffered))
        await #expect(throws: OfferRedemptionError.expired) {
            try await store.awards.redeemOffer(codeHash: "c", transactionCodeHash: nil, accessTokenHash: "t",
                                               tokenExpiresAt: Self.now.addingTimeInterval(1200), at: Self.now.addingTimeInterval(601))
        }
    }
}
