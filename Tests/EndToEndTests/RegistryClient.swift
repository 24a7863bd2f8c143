import Foundation

/// Staff of the demo registry at work over HTTP: a coach who enrols and places
/// learners and records observations, an assessor who decides, and mentors who
/// sign through links. Every method returns the id of what was written only
/// when the server acknowledged it with a 2xx.
struct RegistryClient: Sendable {
    let server: ServerProcess
    let coach: [String: String]
    let assessor: [String: String]

    /// The scopes a coach or an assessor can use (a token never gets a scope its roles cannot use).
    static let staffScopes = #"["catalogue:read", "learners:read", "learners:write", "reports"]"#

    /// Signs in as the demo coach and assessor and creates an API token for each.
    static func signIn(_ server: ServerProcess) async throws -> RegistryClient {
        RegistryClient(server: server,
                       coach: try await bearer(server, "coach@demo.erkend.nl"),
                       assessor: try await bearer(server, "examencommissie@demo.erkend.nl"))
    }

    /// The Authorization header of a new token of a demo account, with every scope its roles can use.
    static func bearer(_ server: ServerProcess, _ username: String) async throws -> [String: String] {
        let signIn = try await server.request("POST", "/api/v1/session", body: #"{"username": "\#(username)", "password": "erkend-demo-2026"}"#)
        guard signIn.status == 201 else { throw Refused(what: "sign-in of \(username)", status: signIn.status, body: signIn.body) }
        let cookie = String(signIn.headers["set-cookie"]?.split(separator: ";").first ?? "")
        let session = try JSONSerialization.jsonObject(with: signIn.body) as? [String: Any]
        let csrf = session?["csrfToken"] as? String ?? ""
        let scopes = String(decoding: try JSONSerialization.data(withJSONObject: session?["tokenScopes"] as? [String] ?? []), as: UTF8.self)
        let token = try await server.json("POST", "/api/v1/tokens", body: #"{"name": "end-to-end", "scopes": \#(scopes)}"#,
                                          headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        guard let secret = token.json["secret"] as? String else { throw Refused(what: "token for \(username)", status: token.status, body: Data()) }
        return ["Authorization": "Bearer \(secret)"]
    }

    struct Refused: Error, CustomStringConvertible {
        var what: String
        var status: Int
        var body: Data
        var description: String { "\(what) answered \(status): \(String(decoding: body, as: UTF8.self))" }
    }

    /// Writes and returns the new record's id, or nil when the server did not acknowledge it.
    private func create(_ path: String, _ body: String, as headers: [String: String], id key: String = "id") async -> String? {
        guard let response = try? await server.json("POST", path, body: body, headers: headers),
              (200..<300).contains(response.status) else { return nil }
        return response.json[key] as? String
    }

    func createLearner(_ name: String) async -> String? {
        await create("/api/v1/learners", #"{"name": "\#(name)"}"#, as: coach)
    }

    func createMentor(_ name: String) async -> String? {
        let address = name.lowercased().filter { $0.isLetter || $0.isNumber } + "@bitsandbytes.example.nl"
        return await create("/api/v1/mentors", #"{"name": "\#(name)", "organisation": "Bits & Bytes BV", "email": "\#(address)"}"#, as: coach)
    }

    /// Enrols the learner in the Software developer programme and places them with `mentor`.
    func enrolAndPlace(_ learner: String, mentor: String) async -> Bool {
        let enrolled = await create("/api/v1/learners/\(learner)/enrolments", #"{"programme": "SD-25604", "startDate": "2026-09-01", "cohort": "2026-2027"}"#, as: coach)
        guard enrolled != nil else { return false }
        let placed = await create("/api/v1/learners/\(learner)/placements",
                                  #"{"organisation": "Bits & Bytes BV", "kind": "bpv", "startDate": "2026-09-01", "mentors": ["\#(mentor)"]}"#, as: coach)
        return placed != nil
    }

    /// A learner enrolled and placed with a new mentor: (learner, mentor).
    func placedLearner(_ name: String) async throws -> (learner: String, mentor: String) {
        guard let learner = await createLearner(name), let mentor = await createMentor("Mentor of \(name)"),
              await enrolAndPlace(learner, mentor: mentor) else {
            throw Refused(what: "setting up learner \(name)", status: 0, body: Data(server.log.suffix(2000).utf8))
        }
        return (learner, mentor)
    }

    func recordObservation(_ learner: String, level: Int = 2) async -> String? {
        await create("/api/v1/learners/\(learner)/observations",
                     #"{"epa": "SD-EPA-K1", "date": "2026-10-01", "level": "\#(level)", "feedback": "Werkte zorgvuldig."}"#, as: coach)
    }

    func decide(_ learner: String) async -> String? {
        await create("/api/v1/learners/\(learner)/decisions",
                     #"{"epa": "SD-EPA-K1", "level": "2", "committee": "Examencommissie ICT", "deciders": ["J. de Boer"], "overrideReason": "Praktijkexamen"}"#,
                     as: assessor)
    }

    /// A sign-off request for an observation by `mentor`: (request id, the token of its link), the token read from the
    /// mail the server wrote into its outbox folder (no SMTP server configured), as the mentor would read it.
    func requestSignoff(_ learner: String, mentor: String) async -> (id: String, token: String)? {
        guard let response = try? await server.json("POST", "/api/v1/learners/\(learner)/signoff-requests",
                                                    body: #"{"mentor": "\#(mentor)", "epa": "SD-EPA-K1"}"#, headers: coach),
              response.status == 201, response.json["link"] == nil,
              let id = (response.json["request"] as? [String: Any])?["id"] as? String,
              let token = await server.mailedToken(request: id) else { return nil }
        return (id, token)
    }

    /// Signs through a link; the id of the request when acknowledged.
    func sign(_ token: String) async -> String? {
        await create("/api/v1/signoff/\(token)/sign",
                     #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-10-02", "feedback": "Zelfstandig."}"#,
                     as: [:])
    }
}
