import ErkendCore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Taxonomy API")
struct TaxonomyAPITests {
    @Test("Skill search returns matches with the ESCO attribution")
    func search() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let response = try await client.json(.get, "/api/v1/skills?q=softw&lang=en")
            let items = response.body["items"] as? [[String: Any]]
            #expect(items?.first?["uri"] as? String == Samples.skillB.rawValue)
            #expect((response.body["attribution"] as? String)?.contains("ESCO classification of the European Commission") == true)
        }
    }

    @Test("A skill is found by its UUID or its whole URI, with its neighbours")
    func skillDetail() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let byKey = try await client.json(.get, "/api/v1/skills/\(Samples.skillA.key)")
            let encoded = Samples.skillA.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byURI = try await client.json(.get, "/api/v1/skills/\(encoded)")
            #expect(byKey.status == .ok)
            #expect(byURI.status == .ok)
            let broader = byKey.body["broader"] as? [[String: Any]]
            #expect(broader?.first?["uri"] as? String == Samples.skillGroup.rawValue)
            let occupations = byKey.body["occupations"] as? [[String: Any]]
            #expect(occupations?.first?["requirement"] as? String == "essential")
        }
    }

    @Test("An occupation lists the skills it needs")
    func occupationDetail() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let response = try await client.json(.get, "/api/v1/occupations/\(Samples.occupation.key)")
            let skills = response.body["skills"] as? [[String: Any]]
            #expect(skills?.count == 2)
            let missing = try await client.json(.get, "/api/v1/occupations/\(Samples.skillA.key)")
            #expect(missing.status == .notFound, "a skill is not an occupation")
        }
    }

    @Test("Stats count what the taxonomy holds")
    func stats() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let response = try await client.json(.get, "/api/v1/taxonomy/stats")
            #expect(response.body["skills"] as? Int == 2)
            #expect(response.body["relations"] as? Int == 4)
        }
    }
}
