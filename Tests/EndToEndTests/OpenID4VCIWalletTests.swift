import Crypto
import ErkendCredentials
import ErkendTestSupport
import Foundation
import GRDB
import LinkedData
import Testing

/// A wallet played in Swift against a real `erkend serve` on loopback: the learner makes an offer, the
/// wallet follows the offer link, redeems the pre-authorized code (with its transaction code), takes a
/// nonce, proves possession of its P-256 key, and receives each credential type. Replays and wrong
/// proofs get the specification's error codes.
@Suite("OpenID4VCI: a wallet collects the learner's credentials", .serialized)
struct OpenID4VCIWalletTests {
    static let publicURL = CredentialRoutesTests.publicURL

    /// A holder key and the proofs it signs.
    struct Holder {
        let key = P256.Signing.PrivateKey()
        var jwk: JSONValue { KeyEncoding.jwk(.p256(id: "", key: key.publicKey)) }

        func proof(nonce: String?, audience: String = OpenID4VCIWalletTests.publicURL, type: String = "openid4vci-proof+jwt",
                   issuedAt: Date = Date()) throws -> String {
            var header: JSONObject = ["typ": .string(type)]
            guard case .object(var publicKey) = jwk else { return "" }
            publicKey["use"] = nil
            publicKey["alg"] = nil
            header["jwk"] = .object(publicKey)
            var claims: JSONObject = ["aud": .string(audience), "iat": .number(JSONNumber(Int(issuedAt.timeIntervalSince1970)))]
            if let nonce { claims["nonce"] = .string(nonce) }
            return try JWS.sign(payload: .object(claims), header: header, key: .p256(key))
        }
    }

    @Test("a learner's wallet collects the SD-JWT VC, the Open Badges credential and the entrustment credential; replays and bad proofs get the spec's errors")
    func walletFlow() async throws {
        let directory = try TemporaryDirectory("erkend-oid4vci")
        let server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL], directory: directory)
        defer { _ = server.stop() }
        let database = try DatabaseInspection(server.database)
        let (units, epas) = try await database.queue.read { db in
            let mine = """
                SELECT award.id, award.learner FROM award JOIN account ON account.learner = award.learner
                WHERE account.username = 'leerling@demo.erkend.nl' AND award.kind = ? ORDER BY award.id
                """
            return (try Row.fetchAll(db, sql: mine, arguments: ["unit-passed"]), try Row.fetchAll(db, sql: mine, arguments: ["entrustment-decision"]))
        }
        try database.close()
        let unit: String = try #require(units.first)["id"], learner: String = try #require(units.first)["learner"]
        let epa: String = try #require(epas.first)["id"]

        // Metadata the wallet reads first.
        let metadataBody = try await server.request("GET", "/.well-known/openid-credential-issuer").body
        let metadata = try JSONParser.parse(metadataBody)
        #expect(metadata["credential_issuer"]?.stringValue == Self.publicURL)
        #expect(metadata["credential_endpoint"]?.stringValue == Self.publicURL + "/oid4vci/credential")
        let configurations = try #require(metadata["credential_configurations_supported"]?.objectValue)
        #expect(Set(configurations.keys) == ["OpenBadgeCredential_ldp_vc", "OpenBadgeCredential_jwt_vc_json", "EntrustmentCredential_ldp_vc",
                                              "LearningCredential_dc+sd-jwt"])
        let authorization = try JSONParser.parse(try await server.request("GET", "/.well-known/oauth-authorization-server").body)
        #expect(authorization["token_endpoint"]?.stringValue == Self.publicURL + "/oid4vci/token")

        // Only the learner makes an offer.
        let coach = try await CredentialRoutesTests.signIn(server, "coach@demo.erkend.nl")
        #expect(try await server.request("POST", "/api/v1/learners/\(learner)/awards/\(unit)/offer", headers: coach).status == 403)
        let sanne = try await CredentialRoutesTests.signIn(server, "leerling@demo.erkend.nl")
        let made = try await server.json("POST", "/api/v1/learners/\(learner)/awards/\(unit)/offer", body: #"{"transactionCode": true}"#, headers: sanne)
        #expect(made.status == 201)
        let link = try #require(made.json["link"] as? String)
        let transactionCode = try #require(made.json["transactionCode"] as? String)
        #expect(transactionCode.count == 6)
        #expect((made.json["qrSVG"] as? String)?.hasPrefix("<svg") == true || (made.json["qrSVG"] as? String)?.contains("<svg") == true)
        let prefix = "openid-credential-offer://?credential_offer_uri="
        #expect(link.hasPrefix(prefix))
        let offerURI = try #require(String(link.dropFirst(prefix.count)).removingPercentEncoding)
        #expect(offerURI.hasPrefix(Self.publicURL + "/oid4vci/offers/"))

        // The wallet dereferences the offer (the public URL maps to the loopback port).
        let offerBody = try await server.request("GET", String(offerURI.dropFirst(Self.publicURL.count))).body
        let offer = try JSONParser.parse(offerBody)
        #expect(offer["credential_issuer"]?.stringValue == Self.publicURL)
        let grant = try #require(offer["grants"]?["urn:ietf:params:oauth:grant-type:pre-authorized_code"])
        let code = try #require(grant["pre-authorized_code"]?.stringValue)
        #expect(grant["tx_code"]?["length"]?.numberValue?.value == 6)

        // Token endpoint: tx_code missing, then wrong, then right; the code then works no more.
        let form = ["Content-Type": "application/x-www-form-urlencoded"]
        func token(_ body: String) async throws -> (status: Int, json: [String: Any]) {
            try await server.json("POST", "/oid4vci/token", body: body, headers: form)
        }
        let grantType = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code"
        let missing = try await token("\(grantType)&pre-authorized_code=\(code)")
        #expect(missing.status == 400 && missing.json["error"] as? String == "invalid_request")
        let wrongCode = transactionCode == "000000" ? "111111" : "000000"
        let wrong = try await token("\(grantType)&pre-authorized_code=\(code)&tx_code=\(wrongCode)")
        #expect(wrong.status == 400 && wrong.json["error"] as? String == "invalid_grant")
        let unsupported = try await token("grant_type=password&pre-authorized_code=\(code)")
        #expect(unsupported.json["error"] as? String == "unsupported_grant_type")
        let redeemed = try await token("\(grantType)&pre-authorized_code=\(code)&tx_code=\(transactionCode)")
        #expect(redeemed.status == 200)
        #expect(redeemed.json["token_type"] as? String == "Bearer")
        let accessToken = try #require(redeemed.json["access_token"] as? String)
        let replayed = try await token("\(grantType)&pre-authorized_code=\(code)&tx_code=\(transactionCode)")
        #expect(replayed.status == 400 && replayed.json["error"] as? String == "invalid_grant", "a pre-authorized code works once")

        // Credential endpoint.
        let bearer = ["Authorization": "Bearer \(accessToken)"]
        func nonce() async throws -> String {
            let answer = try await server.request("POST", "/oid4vci/nonce")
            #expect(answer.headers["cache-control"] == "no-store")
            return try #require(try JSONParser.parse(answer.body)["c_nonce"]?.stringValue)
        }
        func request(_ configuration: String, _ proof: String, headers: [String: String]) async throws -> (status: Int, json: [String: Any]) {
            let body = JSONWriter.string(["credential_configuration_id": .string(configuration), "proofs": ["jwt": [.string(proof)]]])
            return try await server.json("POST", "/oid4vci/credential", body: body, headers: headers)
        }
        let holder = Holder()
        let sdjwt = "LearningCredential_dc+sd-jwt"

        let noToken = try await request(sdjwt, try holder.proof(nonce: try await nonce()), headers: [:])
        #expect(noToken.status == 401 && noToken.json["error"] as? String == "invalid_token")
        let wrongAudience = try await request(sdjwt, try holder.proof(nonce: try await nonce(), audience: "https://elsewhere.example"), headers: bearer)
        #expect(wrongAudience.status == 400 && wrongAudience.json["error"] as? String == "invalid_proof")
        let wrongNonce = try await request(sdjwt, try holder.proof(nonce: "made-up-nonce"), headers: bearer)
        #expect(wrongNonce.status == 400 && wrongNonce.json["error"] as? String == "invalid_nonce")
        let wrongType = try await request(sdjwt, try holder.proof(nonce: try await nonce(), type: "JWT"), headers: bearer)
        #expect(wrongType.json["error"] as? String == "invalid_proof")
        let stale = try await request(sdjwt, try holder.proof(nonce: try await nonce(), issuedAt: Date().addingTimeInterval(-3600)), headers: bearer)
        #expect(stale.json["error"] as? String == "invalid_proof")
        let unknown = try await request("NoSuchCredential", try holder.proof(nonce: try await nonce()), headers: bearer)
        #expect(unknown.json["error"] as? String == "unknown_credential_configuration")

        let usedNonce = try await nonce()
        let issued = try await request(sdjwt, try holder.proof(nonce: usedNonce), headers: bearer)
        #expect(issued.status == 200)
        let credential = try #require(((issued.json["credentials"] as? [[String: Any]])?.first)?["credential"] as? String)
        let keys = try CredentialRoutesTests.keys(JSONParser.parse(try await server.request("GET", "/.well-known/did.json").body))
        let verified = try LearningCredential.verify(credential, resolveKey: { keys[$0] }, at: Date())
        #expect(verified.claims["cnf"]?["jwk"]?["x"] == holder.jwk["x"], "the credential is bound to the wallet's key")
        let replayedNonce = try await request(sdjwt, try Holder().proof(nonce: usedNonce), headers: bearer)
        #expect(replayedNonce.json["error"] as? String == "invalid_nonce", "a nonce works once")
        let again = try await request(sdjwt, try holder.proof(nonce: try await nonce()), headers: bearer)
        #expect(again.json["error"] as? String == "credential_request_denied", "never twice for one award and holder key")

        // The same access token, another key: the Open Badges credential as Data Integrity, bound by did:jwk.
        let second = Holder()
        let badgeAnswer = try await request("OpenBadgeCredential_ldp_vc", try second.proof(nonce: try await nonce()), headers: bearer)
        #expect(badgeAnswer.status == 200)
        let badgeObject = try #require(((badgeAnswer.json["credentials"] as? [[String: Any]])?.first)?["credential"])
        let badge = try JSONParser.parse(try JSONSerialization.data(withJSONObject: badgeObject))
        let loader = try ErkendContext.loader(publicURL: Self.publicURL)
        #expect(try DataIntegrity.verify(badge, loader: loader) { keys[$0] } == ["did:web:erkend.test#ed25519-1"])
        #expect(badge["credentialSubject"]?["id"]?.stringValue?.hasPrefix("did:jwk:") == true)

        // The entrustment decision, through an offer without a transaction code.
        let epaOffer = try await server.json("POST", "/api/v1/learners/\(learner)/awards/\(epa)/offer", headers: sanne)
        #expect(epaOffer.status == 201)
        #expect(epaOffer.json["configurations"] as? [String] == ["EntrustmentCredential_ldp_vc"])
        let epaURI = try #require(String((epaOffer.json["link"] as? String ?? "").dropFirst(prefix.count)).removingPercentEncoding)
        let epaOfferDocument = try JSONParser.parse(try await server.request("GET", String(epaURI.dropFirst(Self.publicURL.count))).body)
        let epaCode = try #require(epaOfferDocument["grants"]?["urn:ietf:params:oauth:grant-type:pre-authorized_code"]?["pre-authorized_code"]?.stringValue)
        let epaToken = try #require(try await token("\(grantType)&pre-authorized_code=\(epaCode)").json["access_token"] as? String)
        let crossed = try await request(sdjwt, try holder.proof(nonce: try await nonce()), headers: ["Authorization": "Bearer \(epaToken)"])
        #expect(crossed.json["error"] as? String == "invalid_credential_request", "a token is good only for its offer's configurations")
        let entrustment = try await request("EntrustmentCredential_ldp_vc", try holder.proof(nonce: try await nonce()),
                                            headers: ["Authorization": "Bearer \(epaToken)"])
        #expect(entrustment.status == 200)

        // The awards now show as collected.
        let listed = try JSONSerialization.jsonObject(with: try await server.request("GET", "/api/v1/learners/\(learner)/awards", headers: sanne).body)
            as? [[String: Any]] ?? []
        #expect(listed.first { $0["id"] as? String == unit }?["status"] as? String == "collected")
        #expect(listed.first { $0["id"] as? String == epa }?["status"] as? String == "collected")

        // Anyone verifies what the wallet received: POST /api/v1/verify, public.
        func verify(_ text: String) async throws -> (status: Int, json: [String: Any]) {
            let body = text.hasPrefix("{") ? text : JSONWriter.string(["credential": .string(text)])
            return try await server.json("POST", "/api/v1/verify", body: body)
        }
        let checkedSD = try await verify(credential)
        #expect(checkedSD.status == 200 && checkedSD.json["valid"] as? Bool == true && checkedSD.json["status"] as? String == "active")
        #expect(checkedSD.json["format"] as? String == "dc+sd-jwt")
        let badgeText = JSONWriter.string(badge)
        let checkedBadge = try await verify(badgeText)
        #expect(checkedBadge.json["valid"] as? Bool == true && checkedBadge.json["format"] as? String == "ldp_vc")
        let tampered = try await verify(badgeText.replacingOccurrences(of: "\"name\":\"", with: "\"name\":\"X"))
        #expect(tampered.status == 200 && tampered.json["valid"] as? Bool == false && (tampered.json["problem"] as? String)?.isEmpty == false)
        let garbage = try await verify("this is not a credential")
        #expect(garbage.status == 400 && (garbage.json["detail"] as? String)?.contains("body") == true)
        let noProof = try await verify(#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}"#)
        #expect(noProof.status == 400 && (noProof.json["detail"] as? String)?.contains("proof") == true)
        let external = try String(contentsOf: RepositoryRoot.path("Tests/LinkedDataTests/Resources/examples/ob3/validator-simple-did-key.signed.json"), encoding: .utf8)
        let checkedExternal = try await verify(external)
        #expect(checkedExternal.json["valid"] as? Bool == true, "an Open Badge of another issuer signed with a did:key: \(checkedExternal.json)")
        #expect(checkedExternal.json["status"] as? String == "not checked")

        // For Scripts/verify-issued.sh: the live metadata, an offer, and the SD-JWT with a key-binding presentation.
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ERKEND_ISSUED_DIR"] ?? RepositoryRoot.path(".build/issued").path)
            .appendingPathComponent("served")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try metadataBody.write(to: folder.appendingPathComponent("openid-credential-issuer.json"))
        try offerBody.write(to: folder.appendingPathComponent("credential-offer.json"))
        let presented = try SDJWT.present(credential, disclose: { _ in true }, holderKey: .p256(holder.key), audience: "https://verifier.example",
                                          nonce: "oid4vci-e2e", issuedAt: Date())
        try Data(presented.utf8).write(to: folder.appendingPathComponent("learning.oid4vci.kb.sd-jwt"))
        try await server.request("GET", "/.well-known/jwt-vc-issuer").body.write(to: folder.appendingPathComponent("jwt-vc-issuer.oid4vci.json"))
        try await server.request("GET", "/.well-known/did.json").body.write(to: folder.appendingPathComponent("did.oid4vci.json"))
        try Data(JSONWriter.string(badge, pretty: true).utf8).write(to: folder.appendingPathComponent("unit-ob3.oid4vci.json"))
        #expect(server.stop() == 0)

        // On the command line: an offer link (and QR code) per award still waiting; collected ones are left out.
        let cli = try ErkendBinary.run(["credential", "offer", learner, "--public-url", Self.publicURL, "--qr", "--database", server.database])
        #expect(cli.status == 0, "\(cli.error)")
        let lines = cli.output.split(separator: "\n").filter { $0.contains("openid-credential-offer://") }
        #expect(!lines.isEmpty)
        #expect(!lines.contains { $0.hasPrefix(unit + "\t") || $0.hasPrefix(epa + "\t") }, "collected awards are not offered again")
        #expect(cli.output.contains("█") || cli.output.contains("▀") || cli.output.contains("▄"), "--qr prints a QR code")
        let one = try ErkendBinary.run(["credential", "offer", learner, "--award", unit, "--public-url", Self.publicURL, "--database", server.database])
        #expect(one.status != 0 && one.error.contains(unit), "a collected award is not waiting to be collected")
        let badgeFile = directory.path("badge.json")
        try Data(badgeText.utf8).write(to: URL(fileURLWithPath: badgeFile))
        let cliVerified = try ErkendBinary.run(["verify", badgeFile, "--public-url", Self.publicURL, "--database", server.database])
        #expect(cliVerified.status == 0 && cliVerified.output.hasPrefix("valid ldp_vc"), "\(cliVerified.output) \(cliVerified.error)")
        let notCredential = directory.path("note.txt")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notCredential))
        let refused = try ErkendBinary.run(["verify", notCredential, "--public-url", Self.publicURL, "--database", server.database])
        #expect(refused.status == 2 && refused.error.contains("body"))
        let noURL = try ErkendBinary.run(["credential", "offer", learner, "--database", server.database], environment: ["ERKEND_PUBLIC_URL": ""])
        #expect(noURL.status != 0 && noURL.error.contains("--public-url"))
    }
}
