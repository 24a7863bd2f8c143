import ErkendTestSupport
import Foundation
import Testing

/// `erkend serve --log-format json`: one JSON object a line, the request id on every line a request
/// caused, and still no secret or personal value.
@Suite("JSON logs", .serialized)
struct JSONLogTests {
    @Test("with --log-format json every line parses as JSON, request lines carry the request id, and no password, link token or e-mail address appears")
    func jsonLines() async throws {
        let server = try ServerProcess(arguments: ["--demo", "--log-format", "json", "--log-level", "debug"])
        defer { server.kill() }
        let unique = UUID().uuidString.prefix(8).lowercased()
        let email = "joris.\(unique)@student.example.nl"
        let name = "Joris Onbekend\(unique)"

        let wrong = try await server.request("POST", "/api/v1/session", body: #"{"username": "coach@demo.erkend.nl", "password": "fout-\#(unique)"}"#)
        #expect(wrong.status == 401)
        let client = try await RegistryClient.signIn(server)
        let learner = try await server.json("POST", "/api/v1/learners", body: #"{"name": "\#(name)", "email": "\#(email)"}"#, headers: client.coach)
        let learnerID = try #require(learner.json["id"] as? String, "\(learner)")
        let mentor = try #require(await client.createMentor("Mentor \(unique)"))
        try #require(await client.enrolAndPlace(learnerID, mentor: mentor))
        let link = try #require(await client.requestSignoff(learnerID, mentor: mentor))
        #expect(try await server.request("GET", "/api/v1/signoff/\(link.token)").status == 200)
        #expect(await client.sign(link.token) != nil)
        #expect(server.stop() == 0)

        let lines = server.log.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count > 10)
        var requestLines = 0
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["time"] is String && object?["level"] is String && object?["message"] is String, "\(line)")
            let metadata = object?["metadata"] as? [String: Any]
            if metadata?["route"] != nil || object?["message"] as? String == "signed in" {
                requestLines += 1
                #expect((object?["request_id"] as? String)?.isEmpty == false, "a line a request caused carries its id: \(line)")
            }
        }
        #expect(requestLines >= 8, "the requests were logged: \(requestLines)")
        let log = server.log
        for (what, value) in [("the demo password", "erkend-demo-2026"), ("the wrong password", "fout-\(unique)"), ("the link's token", link.token),
                              ("the learner's e-mail address", email), ("the learner's name", name)] {
            #expect(!log.contains(value), "the log holds \(what)")
        }
    }
}
