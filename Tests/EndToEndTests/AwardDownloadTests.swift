import ErkendCredentials
import ErkendTestSupport
import Foundation
import GRDB
import LinkedData
import Testing

/// A learner without a wallet takes their credential as a file; staff and the command line revoke.
@Suite("Award downloads and revocation", .serialized)
struct AwardDownloadTests {
    static let publicURL = CredentialRoutesTests.publicURL

    @Test("only the learner downloads; a downloaded Open Badges file and VC-JWT verify against the served keys; a revocation over the API and one on the command line both show")
    func downloadAndRevoke() async throws {
        let directory = try TemporaryDirectory("erkend-awards")
        let server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL], directory: directory)
        defer { _ = server.stop() }
        let keys = try CredentialRoutesTests.keys(JSONParser.parse(try await server.request("GET", "/.well-known/did.json").body))

        let database = try DatabaseInspection(server.database)
        // The demo learner account (leerling@) is Sanne Visser's; her first passed unit, and any other award.
        let (rows, others) = try await database.queue.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT award.id, award.learner FROM award JOIN account ON account.learner = award.learner
                WHERE account.username = 'leerling@demo.erkend.nl' AND award.kind = 'unit-passed' ORDER BY award.id LIMIT 1
                """),
             try Row.fetchAll(db, sql: "SELECT id, learner FROM award WHERE kind = 'unit-passed' ORDER BY id"))
        }
        try database.close()
        try #require(rows.count == 1)
        let first: String = rows[0]["id"], learner: String = rows[0]["learner"]
        let other = try #require(others.first { $0["id"] != first })
        let second: String = other["id"], secondLearner: String = other["learner"]

        let admin = try await CredentialRoutesTests.signIn(server, "beheer@demo.erkend.nl")
        let owner = try await CredentialRoutesTests.signIn(server, "leerling@demo.erkend.nl")
        let anonymous = try await server.request("GET", "/api/v1/learners/\(learner)/awards")
        #expect(anonymous.status == 401)
        let list = try await server.request("GET", "/api/v1/learners/\(learner)/awards", headers: admin)
        let listed = try #require(try JSONSerialization.jsonObject(with: list.body) as? [[String: Any]])
        #expect(listed.contains { $0["id"] as? String == first && $0["status"] as? String == "offered" })

        // Staff see the list but do not take the learner's credential: only she collects it.
        let coach = try await CredentialRoutesTests.signIn(server, "coach@demo.erkend.nl")
        for staff in [admin, coach] {
            #expect(try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(first)/ob3", headers: staff).status == 403)
            #expect(try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(first)/vc-jwt", headers: staff).status == 403)
        }
        let mentor = try await CredentialRoutesTests.signIn(server, "praktijkopleider@demo.erkend.nl")
        #expect(try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(first)/ob3", headers: mentor).status == 403)
        let unchanged = try JSONSerialization.jsonObject(with: try await server.request("GET", "/api/v1/learners/\(learner)/awards", headers: admin).body) as? [[String: Any]]
        #expect(unchanged?.first { $0["id"] as? String == first }?["status"] as? String == "offered", "a refused download does not collect")

        let file = try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(first)/ob3", headers: owner)
        #expect(file.status == 200)
        #expect(file.headers["content-type"] == "application/vc+ld+json")
        let credential = try JSONParser.parse(file.body)
        let loader = try ErkendContext.loader(publicURL: Self.publicURL)
        let signers = try DataIntegrity.verify(credential, loader: loader) { keys[$0] }
        #expect(signers == ["did:web:erkend.test#ed25519-1"])
        #expect(credential["id"]?.stringValue == Self.publicURL + "/credentials/" + first)
        #expect(credential["credentialStatus"]?["statusListCredential"]?.stringValue == Self.publicURL + "/status/1")
        var tampered = try #require(credential.objectValue)
        tampered["name"] = "Iets anders"
        #expect(throws: CredentialError.self) { try DataIntegrity.verify(.object(tampered), loader: loader) { keys[$0] } }

        let jwt = try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(first)/vc-jwt", headers: owner)
        #expect(jwt.status == 200)
        let payload = try VCJWT.verify(String(decoding: jwt.body, as: UTF8.self)) { keys[$0] }
        #expect(payload["id"]?.stringValue == Self.publicURL + "/credentials/" + first || payload["jti"]?.stringValue == Self.publicURL + "/credentials/" + first)

        // The download counts as collecting the award.
        let after = try JSONSerialization.jsonObject(with: try await server.request("GET", "/api/v1/learners/\(learner)/awards", headers: admin).body) as? [[String: Any]]
        #expect(after?.first { $0["id"] as? String == first }?["status"] as? String == "collected")

        // A coach may not revoke; the examencommissie may, and the bit is set.
        let refused = try await server.request("POST", "/api/v1/learners/\(learner)/awards/\(first)/revoke", body: #"{"reason": "x"}"#, headers: coach)
        #expect(refused.status == 403)
        let committee = try await CredentialRoutesTests.signIn(server, "examencommissie@demo.erkend.nl")
        let revoked = try await server.request("POST", "/api/v1/learners/\(learner)/awards/\(first)/revoke",
                                               body: #"{"reason": "Fraude vastgesteld"}"#, headers: committee)
        #expect(revoked.status == 200)
        let entry = try #require(credential["credentialStatus"])
        let listBody = try await server.request("GET", "/status/1").body
        let statusList = try JSONParser.parse(listBody)
        #expect(try BitstringStatusList.isSet(entry: entry, listCredential: statusList) == true)

        // What the live server served, for Scripts/verify-issued.sh and the independent verifiers.
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ERKEND_ISSUED_DIR"] ?? RepositoryRoot.path(".build/issued").path)
            .appendingPathComponent("served")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try file.body.write(to: folder.appendingPathComponent("unit-ob3.downloaded.json"))
        try jwt.body.write(to: folder.appendingPathComponent("unit.downloaded.vc-jwt"))
        try listBody.write(to: folder.appendingPathComponent("status-list-1.after-revocation.json"))
        try await server.request("GET", "/.well-known/did.json").body.write(to: folder.appendingPathComponent("did.json"))
        try await server.request("GET", "/.well-known/jwt-vc-issuer").body.write(to: folder.appendingPathComponent("jwt-vc-issuer.json"))
        try await server.request("GET", "/contexts/erkend/v1").body.write(to: folder.appendingPathComponent("erkend-context-v1.json"))
        try Data(#"{"\#(Self.publicURL)/contexts/erkend/v1": "erkend-context-v1.json"}"#.utf8).write(to: folder.appendingPathComponent("contexts-index.json"))
        let again = try await server.request("POST", "/api/v1/learners/\(learner)/awards/\(first)/revoke", body: #"{"reason": "nog eens"}"#, headers: committee)
        #expect(again.status == 409)
        let gone = try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(first)/ob3", headers: owner)
        #expect(gone.status == 409)
        #expect(server.stop() == 0)

        // On the command line, by the id of a credential of the award.
        let cli = try ErkendBinary.run(["credential", "revoke", Self.publicURL + "/credentials/" + second, "--reason", "Ingetrokken na bezwaar",
                                        "--database", server.database])
        #expect(cli.status == 0, "\(cli.error)")
        #expect(cli.output.contains("award \(second) revoked"))
        let shown = try ErkendBinary.run(["credential", "list", secondLearner, "--json", "--database", server.database])
        let awards = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [[String: Any]])
        #expect(awards.first { $0["id"] as? String == second }?["status"] as? String == "revoked")
        let unknown = try ErkendBinary.run(["credential", "revoke", "no-such-award", "--reason", "x", "--database", server.database])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("no-such-award"))
    }
}
