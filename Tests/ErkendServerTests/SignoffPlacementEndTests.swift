@testable import ErkendServer
import ErkendCore
import ErkendStore
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
            // The mentor's account no longer opens the learner's record at all, and says why.
            #expect(recorded.status == .forbidden, "\(String(describing: recorded.body))")
            #expect(((recorded.body as? [String: Any])?["detail"] as? String)?.contains("placement with this learner has ended") == true)
            let observations = try await client.json(.get, "\(learner)/observations", headers: app.headers(.coach))
            #expect((observations.body as? [Any])?.isEmpty == true, "nothing was recorded")
        }
    }

    @Test("A mentor whose placement ended no longer reads the learner's record but still sees what they recorded themselves")
    func endedMentorReadsOnlyOwnRecords() async throws {
        let app = try await TestApplication(demo: true)
        let audit = AuditRecord(at: TestApplication.instant, actor: .system, channel: .system, action: "observation.recorded")
        // Recorded by the ended mentor during the placement, and one by the current mentor.
        try await app.store.progression.observations.record(
            ProgressionSamples.observation("obs-ended", learner: TestApplication.learnerID, enrolment: "enrolment-learner-self",
                                           epa: ExactReference("SD-EPA-K1", version: 1), mentor: TestApplication.endedMentorID, date: "2026-03-10"), audit: audit)
        try await app.store.progression.observations.record(
            ProgressionSamples.observation("obs-current", learner: TestApplication.learnerID, enrolment: "enrolment-learner-self",
                                           epa: ExactReference("SD-EPA-K1", version: 1), mentor: TestApplication.mentorID, date: "2026-09-10"), audit: audit)
        try await app.test { client in
            let record = try await client.json(.get, "/api/v1/learners/learner-self", headers: app.endedMentorHeaders)
            #expect(record.status == .forbidden)
            #expect(((record.body as? [String: Any])?["detail"] as? String)?.contains("/api/v1/mentor/records") == true, "\(String(describing: record.body))")
            let observations = try await client.json(.get, "/api/v1/learners/learner-self/observations", headers: app.endedMentorHeaders)
            #expect(observations.status == .forbidden)
            let list = try await client.json(.get, "/api/v1/learners", headers: app.endedMentorHeaders)
            #expect(((list.body as? [String: Any])?["items"] as? [Any])?.isEmpty == true, "an ended placement leaves the mentor's list")

            let own = try await client.json(.get, "/api/v1/mentor/records", headers: app.endedMentorHeaders)
            #expect(own.status == .ok)
            let items = try #require((own.body as? [String: Any])?["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["placementCurrent"] as? Bool == false)
            #expect(items.first?["placementEnds"] as? String == "2026-06-30")
            let ids = (items.first?["observations"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == ["obs-ended"], "only the mentor's own observation, never the current mentor's")

            // The current mentor still reads the whole record.
            let current = try await client.json(.get, "/api/v1/learners/learner-self/observations", headers: app.headers(.mentor))
            #expect((current.body as? [Any])?.count == 2)
        }
    }

    @Test("Two mentors on one placement each see in their records only the practice statements they signed themselves")
    func coMentorsSeeOnlyTheirOwnStatements() async throws {
        let app = try await TestApplication(demo: true)
        let progression = app.store.progression
        let audit = AuditRecord(at: TestApplication.instant, actor: .system, channel: .system, action: AuditAction.placementCreated)
        // A second mentor with an account joins mentor-1 on a new placement of learner-self.
        try await progression.mentors.create(Mentor(id: "mentor-co", name: "Ilse Vos", organisation: "Bits & Bytes BV", email: "ilse@bitsandbytes.example.nl"),
                                             audit: audit)
        try await progression.placements.create(Placement(id: "placement-shared", learner: TestApplication.learnerID, enrolment: "enrolment-learner-self",
                                                          organisation: "Bits & Bytes BV", kind: .bpv, startDate: "2026-07-01",
                                                          mentors: [TestApplication.mentorID, "mentor-co"]), audit: audit)
        let account = Account(id: "account-mentor-co", username: "mentor-co@example.org", displayName: "Ilse Vos", roles: [.mentor], mentor: "mentor-co",
                              createdAt: TestApplication.instant)
        try await app.store.accounts.create(account, passwordHash: app.services.auth.passwords.hash("correct horse battery staple"))
        let coToken = "\(AuthService.tokenPrefix)test-mentor-co"
        try await app.store.accounts.createToken(APIToken(id: "token-mentor-co", account: account.id, name: "test", scopes: Set(TokenScope.allCases),
                                                          createdAt: TestApplication.instant), secretHash: Secrets.hash(coToken), audit: nil)
        for (id, mentor, name) in [("ps-fatima", TestApplication.mentorID, "Fatima el Amrani"), ("ps-ilse", Mentor.ID(trusted: "mentor-co"), "Ilse Vos")] {
            var statement = PracticeStatement(id: PracticeStatement.ID(trusted: id), learner: TestApplication.learnerID, placement: "placement-shared",
                                              periodStart: "2026-07-01", periodEnd: "2026-08-31",
                                              tasks: [PerformedTask(reference: .werkproces(code: "B1-K1-W2"), description: "Bouwt een webapplicatie", frequency: "weekly")])
            try await progression.statements.create(statement, audit: AuditRecord(at: TestApplication.instant, actor: .system, channel: .system,
                                                                                  action: AuditAction.statementRequested))
            let token = "\(id)-" + String(repeating: "x", count: 40)
            try await progression.signoffs.create(SignoffRequest(id: SignoffRequest.ID(trusted: "sr-\(id)"), purpose: .practiceStatement(statement.id),
                                                                 learner: TestApplication.learnerID, mentor: mentor, requestedBy: "account-coach",
                                                                 createdAt: TestApplication.instant, expiresAt: TestApplication.instant.addingTimeInterval(3_600)),
                                                  token: token, audit: AuditRecord(at: TestApplication.instant, actor: .system, channel: .system,
                                                                                   action: AuditAction.signoffRequested))
            statement.status = .signed
            statement.signedBy = PracticeStatement.Signatory(name: name, organisation: "Bits & Bytes BV", identityMethod: .emailedLink)
            statement.signedOn = "2026-09-01"
            try await progression.signoffs.sign(token: token, statement: statement, at: TestApplication.instant,
                                                audit: AuditRecord(at: TestApplication.instant, actor: .mentor(mentor), channel: .signoffLink(SignoffRequest.ID(trusted: "sr-\(id)")),
                                                                   action: AuditAction.signoffSigned))
        }
        try await app.test { client in
            func statements(_ headers: HTTPFields) async throws -> [String] {
                let answer = try await client.json(.get, "/api/v1/mentor/records", headers: headers)
                #expect(answer.status == .ok, "\(String(describing: answer.body))")
                let items = try #require((answer.body as? [String: Any])?["items"] as? [[String: Any]])
                return items.flatMap { ($0["statements"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
            }
            #expect(try await statements(app.headers(.mentor)) == ["ps-fatima"], "Fatima reads what she signed, not Ilse's statement")
            #expect(try await statements([.authorization: "Bearer \(coToken)"]) == ["ps-ilse"], "Ilse reads only her own")
            // The mentor's page lists the same, under what they recorded.
            let fatima = try await client.page(.get, "/learners", headers: app.headers(.mentor))
            #expect(fatima.html.contains("Wat u vastlegde"))
            #expect(fatima.html.contains(#"data-statement="ps-fatima""#) && !fatima.html.contains(#"data-statement="ps-ilse""#))
            let ilse = try await client.page(.get, "/learners", headers: [.authorization: "Bearer \(coToken)"], language: "en")
            #expect(ilse.html.contains("Practice statements you signed"))
            #expect(ilse.html.contains(#"data-statement="ps-ilse""#) && !ilse.html.contains(#"data-statement="ps-fatima""#))
        }
    }
}
