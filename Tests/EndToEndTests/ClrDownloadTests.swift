import ErkendCredentials
import ErkendTestSupport
import Foundation
import GRDB
import LinkedData
import Testing

/// A demo learner whose first phase is complete downloads it as CLR 2.0 from a running `erkend serve`.
@Suite("CLR downloads", .serialized)
struct ClrDownloadTests {
    static let publicURL = CredentialRoutesTests.publicURL

    @Test("the demo learner's completed phase downloads as a CLR stacking her unit and entrustment credentials; it verifies, and stops verifying once a stacked unit is revoked")
    func downloadCLR() async throws {
        let directory = try TemporaryDirectory("erkend-clr")
        let server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL], directory: directory)
        defer { _ = server.stop() }
        let keys = try CredentialRoutesTests.keys(JSONParser.parse(try await server.request("GET", "/.well-known/did.json").body))

        let database = try DatabaseInspection(server.database)
        let (phases, units) = try await database.queue.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT award.id, award.learner, award.certifiedCode, award.certifiedVersion, award.body FROM award
                JOIN account ON account.learner = award.learner
                WHERE account.username = 'leerling@demo.erkend.nl' AND award.kind = 'phase-completed'
                """),
             try Row.fetchAll(db, sql: """
                SELECT award.id FROM award JOIN account ON account.learner = award.learner
                WHERE account.username = 'leerling@demo.erkend.nl' AND award.kind = 'unit-passed' AND award.certifiedCode = 'GEN-DIGI'
                """))
        }
        try database.close()
        try #require(phases.count == 1, "Sanne's orientation phase is complete in the demo story")
        let award: String = phases[0]["id"], learner: String = phases[0]["learner"]
        #expect(phases[0]["certifiedCode"] as String == "SD-25604")
        let unit: String = try #require(units.first)["id"]

        let owner = try await CredentialRoutesTests.signIn(server, "leerling@demo.erkend.nl")
        let coach = try await CredentialRoutesTests.signIn(server, "coach@demo.erkend.nl")
        #expect(try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(award)/clr", headers: coach).status == 403)
        #expect(try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(unit)/clr", headers: owner).status == 422,
                "a unit award is no stack")

        let file = try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(award)/clr", headers: owner)
        #expect(file.status == 200)
        #expect(file.headers["content-type"] == "application/vc+ld+json")
        #expect(file.headers["content-disposition"]?.contains("SD-25604-1-orientatie-clr.json") == true)
        let clr = try JSONParser.parse(file.body)
        #expect(clr["type"] == ["VerifiableCredential", "ClrCredential"])
        let loader = try ErkendContext.loader(publicURL: Self.publicURL)
        #expect(try DataIntegrity.verify(clr, loader: loader) { keys[$0] } == ["did:web:erkend.test#ed25519-1"])
        let stacked = try #require(clr["credentialSubject"]?["verifiableCredential"]?.arrayValue)
        // The phase itself, GEN-DIGI, SD-B1-K1-W1, SD-B1-K2-W1, and the decisions on K1 and K2 at level 2.
        #expect(stacked.count == 6)
        for part in stacked {
            #expect(try DataIntegrity.verify(part, loader: loader) { keys[$0] } == ["did:web:erkend.test#ed25519-1"])
        }
        let codes = Set(stacked.compactMap { $0["credentialSubject"]?["achievement"]?["humanCode"]?.stringValue })
        #expect(codes == ["SD-25604", "GEN-DIGI", "SD-B1-K1-W1", "SD-B1-K2-W1", "SD-EPA-K1", "SD-EPA-K2"])
        let checked = try await server.json("POST", "/api/v1/verify", body: String(decoding: file.body, as: UTF8.self))
        #expect(checked.json["valid"] as? Bool == true, "\(checked.json)")

        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["ERKEND_ISSUED_DIR"] ?? RepositoryRoot.path(".build/issued").path)
            .appendingPathComponent("served")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try file.body.write(to: folder.appendingPathComponent("phase-clr.downloaded.json"))
        // This server's keys: every demo server makes its own.
        try await server.request("GET", "/.well-known/did.json").body.write(to: folder.appendingPathComponent("did.clr.json"))

        // Revoking a unit the phase stacks makes the CLR invalid for anyone who checks it.
        let committee = try await CredentialRoutesTests.signIn(server, "examencommissie@demo.erkend.nl")
        let revoked = try await server.request("POST", "/api/v1/learners/\(learner)/awards/\(unit)/revoke",
                                               body: #"{"reason": "Fraude vastgesteld"}"#, headers: committee)
        #expect(revoked.status == 200)
        let after = try await server.json("POST", "/api/v1/verify", body: String(decoding: file.body, as: UTF8.self))
        #expect(after.json["valid"] as? Bool == false)
        #expect(after.json["status"] as? String == "revoked")
        #expect((after.json["problem"] as? String)?.contains("of the CLR") == true, "\(after.json)")
        #expect(server.stop() == 0)
    }
}
