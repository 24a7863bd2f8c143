import Crypto
import ErkendCredentials
import ErkendTestSupport
import Foundation
import GRDB
import LinkedData
import Testing

/// The issuer's public routes on a real `erkend serve` (public URL https://erkend.test, mapped to the
/// loopback port): what a wallet or verifier fetches, and the status lists as revocations change them.
@Suite("Credential routes over HTTP", .serialized)
struct CredentialRoutesTests {
    static let publicURL = "https://erkend.test"

    @Test("the demo's awards are made with their records (named in their audit entries), and the issuer's did:web, JWKS, context and type metadata are served")
    func issuerDocuments() async throws {
        let server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL])
        defer { _ = server.stop() }

        let did = try await server.json("GET", "/.well-known/did.json")
        #expect(did.json["id"] as? String == "did:web:erkend.test")
        #expect((did.json["assertionMethod"] as? [String]) == ["did:web:erkend.test#ed25519-1", "did:web:erkend.test#p256-1"])
        let issuer = try await server.json("GET", "/.well-known/jwt-vc-issuer")
        #expect(issuer.json["issuer"] as? String == Self.publicURL)
        #expect(((issuer.json["jwks"] as? [String: Any])?["keys"] as? [Any])?.count == 2)
        let context = try await server.request("GET", "/contexts/erkend/v1")
        #expect(context.status == 200)
        #expect(context.headers["content-type"] == "application/ld+json")
        #expect(String(decoding: context.body, as: UTF8.self) == ErkendContext.text(publicURL: Self.publicURL))
        let vct = try await server.json("GET", "/vct/learning-credential/v1")
        #expect(vct.json["vct"] as? String == Self.publicURL + "/vct/learning-credential/v1")

        // The keys sit beside the database, owner-only, and never reach the log.
        let keyFolder = server.database + ".keys"
        let files = try FileManager.default.contentsOfDirectory(atPath: keyFolder).sorted()
        #expect(files == ["ed25519-1.key", "p256-1.key"])
        for file in files {
            let attributes = try FileManager.default.attributesOfItem(atPath: keyFolder + "/" + file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let secret = try String(contentsOfFile: keyFolder + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!server.log.contains(secret))
        }

        // Every award of the demo story was written with its audit entry and a status entry of its own.
        let database = try DatabaseInspection(server.database)
        defer { try? database.close() }
        let (kinds, entries, unaudited) = try await database.queue.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT kind FROM award")),
             try Row.fetchAll(db, sql: "SELECT statusList, statusIndex FROM award").map { "\($0["statusList"] as Int? ?? 0)/\($0["statusIndex"] as Int? ?? -1)" },
             try String.fetchAll(db, sql: """
                 SELECT id FROM award WHERE NOT EXISTS (SELECT 1 FROM auditEntry a
                   WHERE json_extract(a.body, '$.details.award') = award.id
                      OR instr(',' || json_extract(a.body, '$.details.awards') || ',', ',' || award.id || ',') > 0
                      OR instr(',' || json_extract(a.body, '$.details.completionAwards') || ',', ',' || award.id || ',') > 0)
                 """))
        }
        #expect(kinds.isSuperset(of: ["unit-passed", "entrustment-decision", "recognition-granted", "phase-completed"]))
        #expect(Set(entries).count == entries.count)
        #expect(entries.allSatisfy { $0.hasPrefix("1/") && !$0.hasSuffix("/-1") })
        #expect(unaudited.isEmpty)
    }

    @Test("withdrawing a decision sets its bit in the signed Bitstring list and the Token Status List, with new ETags")
    func statusListsFollowRevocation() async throws {
        let server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL])
        defer { _ = server.stop() }
        let didDocument = try await server.request("GET", "/.well-known/did.json")
        let keys = try Self.keys(JSONParser.parse(didDocument.body))

        let before = try await server.request("GET", "/status/1")
        #expect(before.status == 200)
        #expect(before.headers["cache-control"] == "public, max-age=300")
        let eTag = try #require(before.headers["etag"])
        let cached = try await server.request("GET", "/status/1", headers: ["If-None-Match": eTag])
        #expect(cached.status == 304)
        #expect(cached.body.isEmpty)
        #expect(try await server.request("GET", "/status/2").status == 404)
        #expect(try await server.request("GET", "/status/0/token").status == 404)

        // Pick an entrustment decision the demo recorded, and its award's status entry.
        let database = try DatabaseInspection(server.database)
        let row = try #require(try await database.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT learner, source, statusIndex FROM award WHERE kind = 'entrustment-decision' AND status != 'revoked' LIMIT 1")
        })
        try database.close()
        let learner: String = row["learner"], source: String = row["source"], index: Int = row["statusIndex"]
        let decision = String(source.dropFirst("decision:".count))

        let loader = try ErkendContext.loader(publicURL: Self.publicURL)
        let entry: JSONValue = ["type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": .string(String(index)),
                                "statusListCredential": .string(Self.publicURL + "/status/1")]
        let listBefore = try JSONParser.parse(before.body)
        try DataIntegrity.verify(listBefore, loader: loader) { keys[$0] }
        #expect(try BitstringStatusList.isSet(entry: entry, listCredential: listBefore) == false)
        let tokenBefore = try await server.request("GET", "/status/1/token")
        #expect(tokenBefore.headers["content-type"] == "application/statuslist+jwt")
        let p256 = try #require(keys["did:web:erkend.test#p256-1"])
        #expect(try TokenStatusList.isSet(index: index, uri: Self.publicURL + "/status/1/token",
                                          token: String(decoding: tokenBefore.body, as: UTF8.self), key: p256) == false)

        let headers = try await Self.signIn(server, "examencommissie@demo.erkend.nl")
        let withdrawn = try await server.request("POST", "/api/v1/learners/\(learner)/decisions/\(decision)/withdraw",
                                                 body: #"{"reason": "Bij herbeoordeling bleek de basis onvoldoende."}"#, headers: headers)
        #expect(withdrawn.status == 200)

        let after = try await server.request("GET", "/status/1", headers: ["If-None-Match": eTag])
        #expect(after.status == 200)
        #expect(after.headers["etag"] != eTag)
        let listAfter = try JSONParser.parse(after.body)
        try DataIntegrity.verify(listAfter, loader: loader) { keys[$0] }
        #expect(try BitstringStatusList.isSet(entry: entry, listCredential: listAfter) == true)
        let tokenAfter = try await server.request("GET", "/status/1/token")
        #expect(try TokenStatusList.isSet(index: index, uri: Self.publicURL + "/status/1/token",
                                          token: String(decoding: tokenAfter.body, as: UTF8.self), key: p256) == true)

        // The award says why, and the revocation is in the audit log with the withdrawal.
        let check = try DatabaseInspection(server.database)
        defer { try? check.close() }
        let revoked = try await check.queue.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM award WHERE source = ? AND status = 'revoked'
                  AND EXISTS (SELECT 1 FROM auditEntry a WHERE a.action = 'decision.withdrawn'
                                AND instr(',' || json_extract(a.body, '$.details.revokedAwards') || ',', ',' || award.id || ',') > 0)
                """, arguments: [source])
        }
        #expect(revoked == 1)
    }

    /// The published keys by verification-method id, read from the DID document.
    static func keys(_ document: JSONValue) throws -> [String: IssuerKeys.PublicKey] {
        var keys: [String: IssuerKeys.PublicKey] = [:]
        for method in document["verificationMethod"]?.arrayValue ?? [] {
            let id = try #require(method["id"]?.stringValue)
            keys[id] = KeyEncoding.publicKey(multikey: try #require(method["publicKeyMultibase"]?.stringValue), id: id)
        }
        return keys
    }

    static func signIn(_ server: ServerProcess, _ username: String) async throws -> [String: String] {
        let signIn = try await server.request("POST", "/api/v1/session", body: #"{"username": "\#(username)", "password": "erkend-demo-2026"}"#)
        #expect(signIn.status == 201)
        let cookie = String(signIn.headers["set-cookie"]?.split(separator: ";").first ?? "")
        let csrf = (try JSONSerialization.jsonObject(with: signIn.body) as? [String: Any])?["csrfToken"] as? String ?? ""
        return ["Cookie": cookie, "X-CSRF-Token": csrf]
    }
}
