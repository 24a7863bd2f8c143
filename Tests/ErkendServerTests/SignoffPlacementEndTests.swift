@testable import ErkendServer
import ErkendCore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A mentor's access ends with the placement (issue 9).
@Suite("Placement end")
struct SignoffPlacementEndTests {
    @Test("After the placement ends, its mentor can no longer sign, be asked to sign, or record observations for the learner")
    func mentorStopsAtPlacementEnd() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let learner = "/api/v1/learners/learner-self"
            let requested = try await client.json(.post, "\(learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#,
                                                  headers: app.headers(.learner))
            let id = try #require(((requested.body as? [String: Any])?["request"] as? [String: Any])?["id"] as? String)
            let token = try #require(try await app.mailedToken(id))
            // The placement's last day is the day before the test's today (2026-09-21).
            _ = try await app.services.progression.endPlacement(TestApplication.learnerID, "placement-learner-self", on: "2026-09-20", by: .commandLine)

            let signed = try await client.json(.post, "/api/v1/signoff/\(token)/sign",
                                               body: #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-09-15", "feedback": "Goed."}"#)
            #expect(signed.status == .unprocessableContent, "\(String(describing: signed.body))")
            #expect(((signed.body as? [String: Any])?["detail"] as? String)?.contains("ended on 2026-09-20") == true, "\(String(describing: signed.body))")
            let asked = try await client.json(.post, "\(learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#,
                                              headers: app.headers(.learner))
            #expect(asked.status == .unprocessableContent)
            let recorded = try await client.json(.post, "\(learner)/observations",
                                                 body: #"{"epa": "SD-EPA-K1", "date": "2026-09-15", "level": "2", "feedback": "Netjes."}"#,
                                                 headers: app.headers(.mentor))
            #expect(recorded.status == .unprocessableContent, "\(String(describing: recorded.body))")
            let observations = try await client.json(.get, "\(learner)/observations", headers: app.headers(.coach))
            #expect((observations.body as? [Any])?.isEmpty == true, "nothing was recorded")
        }
    }
}
