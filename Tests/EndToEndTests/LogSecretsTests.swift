import ErkendTestSupport
import Foundation
import Testing

/// The log of `erkend serve` at its most verbose level holds identifiers, never
/// secrets or personal data: logs are read by operators and shipped to places
/// the database's access rules do not reach.
@Suite("Logs keep secrets", .serialized)
struct LogSecretsTests {
    @Test("At log level trace, signing in, tokens and sign-off links leave no password, token, cookie, CSRF token or personal data in the log")
    func traceLogHoldsNoSecrets() async throws {
        // Setup: a server at its most verbose, and values that appear nowhere else.
        let server = try ServerProcess(arguments: ["--demo", "--log-level", "trace"])
        defer { server.kill() }
        let unique = UUID().uuidString.prefix(8).lowercased()
        let password = "Wachtwoord-\(unique)-geheim"
        let wrongPassword = "Verkeerd-\(unique)-geheim"
        let learnerName = "Ilse Geheimnaam\(unique)"
        let learnerEmail = "ilse.\(unique)@student.example.nl"
        let mentorName = "Fatima Verborgen\(unique)"
        let mentorEmail = "fatima.\(unique)@bitsbytes.example.nl"
        let strangerToken = "erkend_" + String(repeating: "x", count: 20) + unique

        // Act: everything that handles a secret or personal data.
        let admin = try await Self.signIn(server, "beheer@demo.erkend.nl", "erkend-demo-2026")
        let created = try await server.request("POST", "/api/v1/accounts",
                                               body: #"{"username": "logtoets@demo.erkend.nl", "displayName": "Log toets", "roles": ["coach"], "password": "\#(password)"}"#,
                                               headers: admin.headers)
        try #require(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
        let failed = try await server.request("POST", "/api/v1/session", body: #"{"username": "logtoets@demo.erkend.nl", "password": "\#(wrongPassword)"}"#)
        let coach = try await Self.signIn(server, "logtoets@demo.erkend.nl", password)
        let whoAmI = try await server.request("GET", "/api/v1/session", headers: ["Cookie": coach.cookie])
        let token = try await server.json("POST", "/api/v1/tokens", body: #"{"name": "log test", "scopes": \#(RegistryClient.staffScopes)}"#,
                                          headers: coach.headers)
        let secret = try #require(token.json["secret"] as? String, "token: \(token)")
        let bearer = ["Authorization": "Bearer \(secret)"]
        let learner = try await server.json("POST", "/api/v1/learners",
                                            body: #"{"name": "\#(learnerName)", "email": "\#(learnerEmail)", "studentNumber": "S\#(unique)", "dateOfBirth": "2008-03-14"}"#,
                                            headers: bearer)
        let learnerID = try #require(learner.json["id"] as? String, "learner: \(learner)")
        let mentor = try await server.json("POST", "/api/v1/mentors",
                                           body: #"{"name": "\#(mentorName)", "organisation": "Bits & Bytes BV", "email": "\#(mentorEmail)", "phone": "+31 6 1234 5678"}"#,
                                           headers: bearer)
        let mentorID = try #require(mentor.json["id"] as? String, "mentor: \(mentor)")
        let client = RegistryClient(server: server, coach: bearer, assessor: bearer)
        try #require(await client.enrolAndPlace(learnerID, mentor: mentorID))
        let badUpdate = try await server.request("PUT", "/api/v1/learners/\(learnerID)", body: #"{"name": "\#(learnerName)", "email": 42}"#, headers: bearer)
        let read = try await server.request("GET", "/api/v1/learners/\(learnerID)", headers: bearer)
        let link = try #require(await client.requestSignoff(learnerID, mentor: mentorID))
        let page = try await server.request("GET", "/signoff/\(link.token)")
        let view = try await server.request("GET", "/api/v1/signoff/\(link.token)")
        let signed = try await server.request("POST", "/api/v1/signoff/\(link.token)/sign",
                                              body: #"{"name": "\#(mentorName)", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-10-02", "feedback": "Goed gedaan."}"#)
        let reused = try await server.request("POST", "/api/v1/signoff/\(link.token)/sign",
                                              body: #"{"name": "\#(mentorName)", "organisation": "Bits & Bytes BV", "level": "3"}"#)
        let stranger = try await server.request("GET", "/api/v1/learners", headers: ["Authorization": "Bearer \(strangerToken)"])
        let signOut = try await server.request("DELETE", "/api/v1/session", headers: coach.headers)
        #expect(server.stop() == 0)

        // Check: the requests did what they should, the log says something, and holds none of the secrets.
        let statuses: [Int] = [failed.status, whoAmI.status, badUpdate.status, read.status, page.status, view.status,
                               signed.status, reused.status, stranger.status, signOut.status]
        #expect(statuses == [401, 200, 400, 200, 200, 200, 200, 409, 401, 204])
        let log = server.log
        // The log is verbose and does tell what happened, by route and identifier.
        #expect(log.contains(" trace ") && log.contains(" debug "), "the log is not verbose: \(log.suffix(2000))")
        #expect(log.contains("route=/api/v1/signoff/{token}/sign") && log.contains("route=/signoff/{token}"), "\(log.suffix(2000))")
        #expect(log.contains("learner=\(learnerID)") && log.contains("signed in"), "the log names no identifiers: \(log.suffix(2000))")
        let secrets: [(String, String)] = [
            ("the demo password", "erkend-demo-2026"),
            ("the new account's password", password),
            ("a wrong password", wrongPassword),
            ("the API token", secret),
            ("an unknown API token", strangerToken),
            ("the administrator's session cookie", admin.cookieValue),
            ("the session cookie", coach.cookieValue),
            ("the administrator's CSRF token", admin.csrf),
            ("the CSRF token", coach.csrf),
            ("the sign-off link's token", link.token),
            ("the learner's name", learnerName),
            ("the learner's family name", "Geheimnaam\(unique)"),
            ("the learner's email address", learnerEmail),
            ("the learner's student number", "S\(unique)"),
            ("the learner's date of birth", "2008-03-14"),
            ("the mentor's name", mentorName),
            ("the mentor's email address", mentorEmail),
        ]
        for (what, value) in secrets {
            #expect(!log.contains(value), "the log holds \(what): \(Self.lines(of: log, containing: value))")
        }
        print("trace log of erkend serve: \(log.utf8.count) bytes, \(log.split(separator: "\n").count) lines, none of \(secrets.count) secrets")
    }

    // MARK: - Helpers

    struct Session {
        var cookie: String
        var csrf: String
        var cookieValue: String { String(cookie.split(separator: "=", maxSplits: 1).last ?? "") }
        var headers: [String: String] { ["Cookie": cookie, "X-CSRF-Token": csrf] }
    }

    static func signIn(_ server: ServerProcess, _ username: String, _ password: String) async throws -> Session {
        let response = try await server.request("POST", "/api/v1/session", body: #"{"username": "\#(username)", "password": "\#(password)"}"#)
        try #require(response.status == 201, "sign-in of \(username): \(response.status)")
        let cookie = String(response.headers["set-cookie"]?.split(separator: ";").first ?? "")
        let csrf = (try JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["csrfToken"] as? String ?? ""
        try #require(!cookie.isEmpty && !csrf.isEmpty)
        return Session(cookie: cookie, csrf: csrf)
    }

    /// The log lines that hold `value`, for the failure message.
    static func lines(of log: String, containing value: String) -> String {
        log.split(separator: "\n").filter { $0.contains(value) }.prefix(5).joined(separator: "\n")
    }
}
