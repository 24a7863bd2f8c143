@testable import ErkendServer
import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// An erasure withdraws the learner's open sign-off links (issue 9): the link says so in words,
/// with status `withdrawn` rather than `expired`, and the list of requests says it too.
@Suite("Withdrawn sign-off links")
struct SignoffWithdrawnPagesTests {
    @Test("After an erasure the open link says it was withdrawn, in words and without the learner, and the request list shows it withdrawn")
    func erasureWithdrawsTheLink() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let asked = try await client.json(.post, "/api/v1/learners/learner-self/signoff-requests",
                                              body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#, headers: app.headers(.coach))
            try #require(asked.status == .created, "\(String(describing: asked.body))")
            let id = try #require((asked.body["request"] as? [String: Any])?["id"] as? String)
            let token = try #require(try await app.mailedToken(id))
            let before = try await client.page(.get, "/learners/learner-self", headers: app.headers(.coach))
            #expect(before.html.contains(#"data-request="\#(id)""#) && before.html.contains("wacht op de handtekening"), "the request is listed as waiting")
            #expect(!before.html.contains(token), "the list never shows the link")

            let erased = try await client.json(.post, "/api/v1/learners/learner-self/erasure", body: #"{"reason": "AVG-verzoek 2026-117"}"#,
                                               headers: app.headers(.administrator))
            try #require(erased.status == .ok, "\(String(describing: erased.body))")

            let view = try await client.json(.get, "/api/v1/signoff/\(token)")
            #expect(view.status == .gone)
            #expect(view.body["status"] as? String == "withdrawn", "withdrawn, not expired: \(String(describing: view.body))")
            let page = try await client.page(.get, "/signoff/\(token)")
            #expect(page.status == .gone)
            #expect(page.html.contains("Deze aanvraag is ingetrokken"), "the mentor reads what happened")
            #expect(!page.html.contains("Sanne") && !page.html.contains("verlopen"))
            let english = try await client.page(.get, "/signoff/\(token)", language: "en")
            #expect(english.html.contains("This request was withdrawn"))
            let signed = try await client.page(.post, "/signoff/\(token)", form: "action=sign&level=3&date=2026-09-15&name=Fatima&organisation=Bits&feedback=Goed")
            #expect(signed.status == .gone || signed.status == .conflict, "nothing can be signed: \(signed.status)")

            let status = try await client.json(.get, "/api/v1/learners/learner-self/signoff-requests/\(id)", headers: app.headers(.coach))
            #expect((status.body["request"] as? [String: Any])?["status"] as? String == "withdrawn", "\(String(describing: status.body))")
            #expect((status.body["message"] as? String ?? "").contains("withdrawn"), "\(String(describing: status.body))")
            let after = try await client.page(.get, "/learners/learner-self", headers: app.headers(.coach))
            #expect(after.html.contains("ingetrokken (de gegevens van de lerende zijn gewist)"), "the list says it in words")
        }
    }
}
