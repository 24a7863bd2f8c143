import ErkendCredentials
import ErkendTestSupport
import Foundation
import LinkedData
import Testing

/// `erkend serve --database postgres://…` on a throw-away PostgreSQL cluster: the registry's daily work
/// over HTTP, every record in PostgreSQL.
@Suite("Serving from PostgreSQL", .serialized)
struct PostgresServeTests {
    static let publicURL = CredentialRoutesTests.publicURL

    @Test("a tour on PostgreSQL: sign in, observe, a sign-off link used once, a decision that gives an award, and a learner downloading hers, verified")
    func tour() async throws {
        let url = try PostgresCluster.shared().makeDatabase()
        let directory = try TemporaryDirectory("erkend-serve-postgres")
        let server = try ServerProcess(arguments: ["--demo", "--public-url", Self.publicURL], directory: directory, database: url)
        defer { server.kill() }
        #expect(server.log.contains("database \(url)"), "the server names the database it serves from")

        let client = try await RegistryClient.signIn(server)
        let (learner, mentor) = try await client.placedLearner("Noor Bakker")
        #expect(await client.recordObservation(learner) != nil)
        let signoff = try #require(await client.requestSignoff(learner, mentor: mentor), "the sign-off mail reaches the outbox folder")
        #expect(await client.sign(signoff.token) != nil)
        #expect(await client.sign(signoff.token) == nil, "a link signs once")
        let decision = try #require(await client.decide(learner))

        let admin = try await CredentialRoutesTests.signIn(server, "beheer@demo.erkend.nl")
        let list = try await server.request("GET", "/api/v1/learners/\(learner)/awards", headers: admin)
        #expect(list.status == 200)
        let awards = try #require(try JSONSerialization.jsonObject(with: list.body) as? [[String: Any]])
        #expect(awards.count == 1, "the decision gave one award: \(awards)")
        let award = try #require(awards.first?["id"] as? String)

        #expect(try await server.request("GET", "/api/v1/learners/\(learner)/awards/\(award)/ob3", headers: admin).status == 403,
                "only the learner takes their credential")

        // The demo learner account (leerling@) is Sanne Visser's: she downloads one of her awards.
        let learners = try await server.request("GET", "/api/v1/learners?pageSize=50", headers: client.coach)
        let items = try #require((try JSONSerialization.jsonObject(with: learners.body) as? [String: Any])?["items"] as? [[String: Any]])
        let sanne = try #require(items.first { $0["name"] as? String == "Sanne Visser" }?["id"] as? String)
        let owner = try await CredentialRoutesTests.signIn(server, "leerling@demo.erkend.nl")
        let hers = try #require(try JSONSerialization.jsonObject(with: try await server.request("GET", "/api/v1/learners/\(sanne)/awards", headers: owner).body)
            as? [[String: Any]])
        let herAward = try #require(hers.first?["id"] as? String)
        let keys = try CredentialRoutesTests.keys(JSONParser.parse(try await server.request("GET", "/.well-known/did.json").body))
        let file = try await server.request("GET", "/api/v1/learners/\(sanne)/awards/\(herAward)/ob3", headers: owner)
        #expect(file.status == 200)
        let credential = try JSONParser.parse(file.body)
        let signers = try DataIntegrity.verify(credential, loader: try ErkendContext.loader(publicURL: Self.publicURL)) { keys[$0] }
        #expect(signers == ["did:web:erkend.test#ed25519-1"])
        #expect(try await server.json("GET", "/api/v1/learners/\(learner)/progress", headers: client.coach).status == 200)
        #expect(decision.isEmpty == false)
        #expect(server.stop() == 0)

        // The same database from the command line: the audit chain the server wrote is one intact chain.
        let verified = try ErkendBinary.run(["audit", "verify", "--database", url])
        #expect(verified.status == 0, "\(verified.output) \(verified.error)")
        let mail = try FileManager.default.contentsOfDirectory(atPath: directory.path("erkend-data/outbox"))
        #expect(mail.contains { $0.hasSuffix(".eml") })
    }
}
