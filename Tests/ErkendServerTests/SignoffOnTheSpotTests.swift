@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Signing on the spot (issue 9): the learner shows the link as a QR code, and
/// a signature made with it is no evidence until the mentor confirms it with a
/// one-time code mailed to their registered address, or signs in with their
/// own mentor account.
@Suite("Signing on the spot")
struct SignoffOnTheSpotTests {
    static let learner = "/api/v1/learners/learner-self"
    static let submission = #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "4", "date": "2026-09-15", "feedback": "Zelfstandig gedaan."}"#

    /// An on-the-spot request by the learner: (request id, token of the link the learner shows).
    static func onTheSpot(_ client: some TestClientProtocol, _ app: TestApplication) async throws -> (id: String, token: String) {
        let requested = try await client.json(.post, "\(learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1", "onTheSpot": true}"#,
                                              headers: app.headers(.learner))
        #expect(requested.status == .created)
        let body = try #require(requested.body as? [String: Any])
        #expect((body["qr"] as? String)?.hasPrefix("<svg") == true, "the learner gets a QR code to show")
        let link = try #require(body["link"] as? String)
        let id = try #require((body["request"] as? [String: Any])?["id"] as? String)
        return (id, String(link.split(separator: "/").last ?? ""))
    }

    static func observations(_ client: some TestClientProtocol, _ app: TestApplication) async throws -> [[String: Any]] {
        let response = try await client.json(.get, "\(learner)/observations", headers: app.headers(.coach))
        return try #require(response.body as? [[String: Any]])
    }

    /// The code in the mail waiting in the outbox for the request.
    static func mailedCode(_ app: TestApplication, _ id: String) async throws -> String? {
        let mails = try await app.store.progression.outbox.mails(about: OutgoingMail.about(signoff: SignoffRequest.ID(trusted: id)))
        return mails.first { $0.status == .queued && $0.template == "signoff-code" }?.values["code"]
    }

    @Test("On-the-spot signing without the code records no evidence; a wrong code neither; the mailed code does, once")
    func signatureWaitsForTheCode() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let (id, token) = try await Self.onTheSpot(client, app)
            let view = try await client.json(.get, "/api/v1/signoff/\(token)")
            #expect(((view.body as? [String: Any])?["mentor"] as? [String: Any])?["email"] == nil, "the learner's screen shows no address")

            let held = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: Self.submission)
            #expect(held.status == .accepted, "\(String(describing: held.body))")
            #expect((held.body as? [String: Any])?["status"] as? String == "pending")
            #expect(try await Self.observations(client, app).isEmpty, "an unconfirmed signature is no evidence")
            let check = try await client.json(.get, "\(Self.learner)/decision-check?epa=SD-EPA-K1&level=4", headers: app.headers(.coach))
            #expect(!"\(String(describing: check.body))".contains("Fatima"), "nor does it count for a decision")

            let code = try #require(try await Self.mailedCode(app, id), "a code was mailed to the mentor")
            #expect(code.count == 6 && code.allSatisfy(\.isNumber))
            let wrongCode = code == "123456" ? "654321" : "123456"
            let wrong = try await client.json(.post, "/api/v1/signoff/\(token)/confirm", body: #"{"code": "\#(wrongCode)"}"#)
            #expect(wrong.status == .badRequest || wrong.status == .unprocessableContent)
            #expect(try await Self.observations(client, app).isEmpty)

            let confirmed = try await client.json(.post, "/api/v1/signoff/\(token)/confirm", body: #"{"code": "\#(code)"}"#)
            #expect(confirmed.status == .ok, "\(String(describing: confirmed.body))")
            #expect((confirmed.body as? [String: Any])?["status"] as? String == "signed")
            let stored = try await Self.observations(client, app)
            #expect(stored.count == 1)
            #expect(stored.first?["identityMethod"] as? String == "onTheSpotCode")
            let again = try await client.json(.post, "/api/v1/signoff/\(token)/confirm", body: #"{"code": "\#(code)"}"#)
            #expect(again.status == .conflict || again.status == .gone || again.status == .notFound)
            #expect(try await Self.observations(client, app).count == 1, "the code works once")

            let audit = try await app.store.audit.entries(after: 0, limit: 1000)
            #expect(audit.contains { $0.record.action == AuditAction.signoffSigned && $0.record.details["identityMethod"] == "onTheSpotCode" })
            #expect(audit.contains { $0.record.action == AuditAction.signoffHeld })
        }
    }

    @Test("Five wrong codes lock the held signature until the mentor signs again")
    func wrongCodesAreLimited() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let (id, token) = try await Self.onTheSpot(client, app)
            _ = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: Self.submission)
            let code = try #require(try await Self.mailedCode(app, id))
            let wrongCode = code == "123456" ? "654321" : "123456"
            for _ in 0..<5 { _ = try await client.json(.post, "/api/v1/signoff/\(token)/confirm", body: #"{"code": "\#(wrongCode)"}"#) }
            let locked = try await client.json(.post, "/api/v1/signoff/\(token)/confirm", body: #"{"code": "\#(code)"}"#)
            #expect(locked.status == .conflict, "even the right code is refused after five wrong ones")
            #expect(try await Self.observations(client, app).isEmpty)
        }
    }

    @Test("A mentor signed in with their own account signs on the spot without a code, recorded as mentorAccount")
    func mentorAccountNeedsNoCode() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let (_, token) = try await Self.onTheSpot(client, app)
            let signed = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: Self.submission, headers: app.headers(.mentor))
            #expect(signed.status == .ok, "\(String(describing: signed.body))")
            let stored = try await Self.observations(client, app)
            #expect(stored.count == 1)
            #expect(stored.first?["identityMethod"] as? String == "mentorAccount")
        }
    }

    @Test("A mailed link records that the mentor's identity came from the e-mailed link")
    func emailedLinkIsRecorded() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let requested = try await client.json(.post, "\(Self.learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#,
                                                  headers: app.headers(.learner))
            let id = try #require(((requested.body as? [String: Any])?["request"] as? [String: Any])?["id"] as? String)
            let token = try #require(try await app.mailedToken(id))
            let signed = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: Self.submission)
            #expect(signed.status == .ok)
            #expect(try await Self.observations(client, app).first?["identityMethod"] as? String == "emailedLink")
        }
    }
}
