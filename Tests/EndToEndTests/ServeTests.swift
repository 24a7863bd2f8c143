import ErkendTestSupport
import Foundation
import Testing

/// `erkend serve --demo` on a real socket, as the README's first command runs it.
@Suite("Serving the demo over HTTP", .serialized)
struct ServeTests {
    @Test("The demo registry serves its catalogue, refuses anonymous writes and lets a designer publish")
    func demoOverHTTP() async throws {
        let server = try ServerProcess()
        defer { _ = server.stop() }

        let root = try await server.json("GET", "/api/v1")
        let programme = try await server.json("GET", "/api/v1/programmes/SD-25604")
        let search = try await server.json("GET", "/api/v1/skills?q=softw&lang=en")
        let anonymousWrite = try await server.json("POST", "/api/v1/outcomes", body: #"{"code": "X", "statement": {"nl": "x"}}"#)

        #expect((root.json["attribution"] as? String)?.contains("ESCO") == true)
        #expect(programme.status == 200)
        #expect(((programme.json["current"] as? [String: Any])?["crebo"] as? String) == "25604")
        #expect((search.json["total"] as? Int ?? 0) > 0)
        #expect(anonymousWrite.status == 401)

        let signIn = try await server.request("POST", "/api/v1/session", body: #"{"username": "ontwikkelaar@demo.erkend.nl", "password": "erkend-demo-2026"}"#)
        #expect(signIn.status == 201)
        let cookie = String(signIn.headers["set-cookie"]?.split(separator: ";").first ?? "")
        let csrf = (try JSONSerialization.jsonObject(with: signIn.body) as? [String: Any])?["csrfToken"] as? String ?? ""
        let headers = ["Cookie": cookie, "X-CSRF-Token": csrf]
        let created = try await server.json("POST", "/api/v1/outcomes", body: #"{"code": "LO-E2E", "statement": {"nl": "Test"}, "alignments": [{"skill": "http://data.europa.eu/esco/skill/3bddfd7c-ab6d-40c2-883d-5e97fb7640ba"}]}"#, headers: headers)
        let published = try await server.json("POST", "/api/v1/outcomes/LO-E2E/versions/1/publish", headers: headers)
        #expect(created.status == 201)
        #expect(published.json["status"] as? String == "published")
    }

    @Test("SIGTERM stops the server cleanly, and a restart keeps the data without loading the demo twice")
    func restartKeepsData() async throws {
        let directory = try TemporaryDirectory("erkend-restart")
        let first = try ServerProcess(directory: directory)
        let before = try await first.json("GET", "/api/v1/units?pageSize=200")
        #expect(first.stop() == 0)

        let second = try ServerProcess(directory: directory)
        defer { _ = second.stop() }
        let after = try await second.json("GET", "/api/v1/units?pageSize=200")
        #expect(after.json["total"] as? Int == before.json["total"] as? Int)
        #expect((after.json["total"] as? Int ?? 0) > 0)
    }
}
