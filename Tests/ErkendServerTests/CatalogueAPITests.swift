import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Catalogue API")
struct CatalogueAPITests {
    static let outcome = """
        {"code": "LO-1", "statement": {"nl": "Schrijft onderhoudbare code", "en": "Writes maintainable code"},
         "level": {"nlqf": 4}, "alignments": [{"skill": "\(Samples.skillA.rawValue)"}]}
        """

    @Test("A designer creates, publishes and versions an outcome over HTTP")
    func lifecycle() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let designer = app.headers(.designer)
            let created = try await client.json(.post, "/api/v1/outcomes", body: Self.outcome, headers: designer)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/v1/outcomes/LO-1/versions/1")
            #expect(created.body["status"] as? String == "draft")

            let published = try await client.json(.post, "/api/v1/outcomes/LO-1/versions/1/publish", headers: designer)
            #expect(published.status == .ok)
            #expect(published.body["status"] as? String == "published")

            let edit = try await client.json(.put, "/api/v1/outcomes/LO-1/versions/1", body: Self.outcome, headers: designer)
            #expect(edit.status == .conflict)
            #expect(edit.headers[.contentType] == "application/problem+json")

            let next = try await client.json(.post, "/api/v1/outcomes/LO-1/versions", headers: designer)
            #expect(next.status == .created)
            #expect(next.body["version"] as? Int == 2)

            let overview = try await client.json(.get, "/api/v1/outcomes/LO-1", headers: designer)
            #expect((overview.body["current"] as? [String: Any])?["version"] as? Int == 1, "the published version counts until the draft is published")
            #expect((overview.body["versions"] as? [Any])?.count == 2)

            let publicView = try await client.json(.get, "/api/v1/outcomes/LO-1")
            #expect((publicView.body["versions"] as? [Any])?.count == 1, "without an account only published versions show")
            let draft = try await client.json(.get, "/api/v1/outcomes/LO-1/versions/2")
            #expect(draft.status == .notFound)
        }
    }

    @Test("The JSON export carries the catalogue's description, and an import of it sets the description")
    func exportAndImportKeepTheDescription() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let designer = app.headers(.designer)
            let body = """
                {"catalogue": {"name": "ROC Voorbeeld", "institution": {"name": "ROC Voorbeeld", "country": "NL"},
                               "description": {"nl": "Catalogus van het ROC"}},
                 "outcomes": [\(Self.outcome)]}
                """
            let imported = try await client.json(.post, "/api/v1/catalog/import", body: body, headers: designer)
            #expect(imported.status == .ok)

            let export = try await client.json(.get, "/api/v1/catalog/export", headers: designer)
            let catalogue = export.body["catalogue"] as? [String: Any]
            #expect(catalogue?["name"] as? String == "ROC Voorbeeld")
            #expect((catalogue?["institution"] as? [String: Any])?["country"] as? String == "NL")
            #expect((export.body["outcomes"] as? [Any])?.count == 1)
        }
    }

    @Test("A unit shows the programmes that use it")
    func usageShowsReuse() async throws {
        let app = try await TestApplication()
        try await app.store.catalogue.write([
            .insert(.unit(Samples.unit())), .insert(.programme(Samples.programme("P-1"))), .insert(.programme(Samples.programme("P-2"))),
        ])
        try await app.test { client in
            let usage = try await client.json(.get, "/api/v1/units/U-1/usage", headers: app.headers(.designer))
            let users = (usage.body as? [[String: Any]])?.compactMap { ($0["user"] as? [String: Any])?["code"] as? String }
            #expect(users == ["P-1", "P-2"])
        }
    }

    @Test("Bad input gets a problem document that says what and where, never a 500")
    func badInput() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let cases: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (.post, "/api/v1/outcomes", "{not json", .badRequest, "not valid JSON"),
                (.post, "/api/v1/outcomes", "{\"statement\": {\"nl\": \"x\"}}", .badRequest, "'code' is missing"),
                (.post, "/api/v1/outcomes", "{\"code\": \"A\", \"statement\": {\"nl\": \"x\"}, \"levle\": {}}", .badRequest, "unknown field 'levle'"),
                (.post, "/api/v1/outcomes", "{\"code\": \"A\", \"statement\": {\"nl\": \"x\"}, \"level\": {\"eqf\": \"four\"}}", .badRequest, "/level/eqf"),
                (.post, "/api/v1/outcomes", "{\"code\": \"a b\", \"statement\": {\"nl\": \"x\"}}", .badRequest, "letters, digits"),
                (.post, "/api/v1/units", "{\"code\": \"U\", \"title\": {\"nl\": \"x\"}, \"outcomes\": [\"LO@zero\"]}", .badRequest, "CODE@VERSION"),
                (.get, "/api/v1/units/NOPE", nil, .notFound, "does not exist"),
                (.get, "/api/v1/units/NOPE/versions/x", nil, .badRequest, "version number"),
                (.get, "/api/v1/units?pageSize=0", nil, .badRequest, "pageSize"),
                (.get, "/api/v1/units?status=gone", nil, .badRequest, "draft, published, deprecated"),
                (.get, "/api/v1/skills?skillType=magic", nil, .badRequest, "skillType"),
                (.get, "/api/v1/nowhere", nil, .notFound, "no such route"),
            ]
            for (method, uri, body, status, fragment) in cases {
                let response = try await client.json(method, uri, body: body, headers: app.headers(.designer))
                #expect(response.status == status, "\(method) \(uri)")
                let detail = response.body["detail"] as? String ?? ""
                #expect(detail.contains(fragment), "\(method) \(uri): \(detail)")
                #expect(response.body["type"] as? String != nil, "problem documents have a type")
            }
        }
    }

    @Test("A request body over the limit is refused with 413")
    func bodyLimit() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let huge = "{\"code\": \"A\", \"statement\": {\"nl\": \"" + String(repeating: "x", count: 2 * 1024 * 1024) + "\"}}"
            let response = try await client.json(.post, "/api/v1/outcomes", body: huge, headers: app.headers(.designer))
            #expect(response.status == .contentTooLarge)
        }
    }
}
