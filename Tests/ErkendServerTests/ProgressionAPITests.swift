@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// Progression over HTTP, on the demo catalogue: learners, observations,
/// mentor sign-off by link, decisions, results, recognition and progress.
@Suite("Progression API")
struct ProgressionAPITests {
    static let learner = "/api/v1/learners/learner-self"

    static func observation(level: String = "2", date: String = "2026-09-01", epa: String = "SD-EPA-K1") -> String {
        #"{"epa": "\#(epa)", "date": "\#(date)", "level": "\#(level)", "feedback": "Werkte zorgvuldig, vroeg op tijd om hulp.", "context": {"workplace": "Bits & Bytes BV", "complexity": "medium"}}"#
    }

    @Test("Staff enrol and place a learner with a mentor, and the mentor then sees that learner only")
    func enrolAndPlace() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let coach = app.headers(.coach)
            let created = try await client.json(.post, "/api/v1/learners", body: #"{"name": "Noah Visser", "studentNumber": "200001", "dateOfBirth": "2008-03-14"}"#, headers: coach)
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            let enrolled = try await client.json(.post, "/api/v1/learners/\(id)/enrolments", body: #"{"programme": "SD-25604", "startDate": "2026-09-01", "cohort": "2026-2027"}"#, headers: coach)
            #expect(enrolled.status == .created)
            #expect(enrolled.body["programme"] as? String == "SD-25604@1")
            let placed = try await client.json(.post, "/api/v1/learners/\(id)/placements", body: #"{"organisation": "Codefabriek", "kind": "bpv", "startDate": "2026-09-01", "mentors": ["mentor-1"]}"#, headers: coach)
            #expect(placed.status == .created)

            let mentorList = try await client.json(.get, "/api/v1/learners", headers: app.headers(.mentor))
            let names = (mentorList.body["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
            #expect(Set(names) == ["Sanne de Vries", "Noah Visser"], "mentor-1 mentors these two only")
            #expect(try await client.json(.get, "/api/v1/learners/learner-other", headers: app.headers(.mentor)).status == .forbidden)
            #expect(try await client.json(.get, "/api/v1/learners/\(id)", headers: app.headers(.mentor)).status == .ok)
        }
    }

    @Test("Bad observations are refused with a reason and nothing is recorded")
    func badObservations() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let mentor = app.headers(.mentor)
            let cases: [(String, String)] = [
                (Self.observation(level: "7"), "scale"),
                (Self.observation(date: "2027-01-01"), "future"),
                (Self.observation(date: "2024-01-01"), "before"),
                (Self.observation(epa: "VP-EPA-VTH"), "not in the programme"),
                (#"{"epa": "SD-EPA-K1", "date": "2026-09-01", "level": "2", "feedback": "  "}"#, "feedback"),
            ]
            for (body, fragment) in cases {
                let response = try await client.json(.post, "\(Self.learner)/observations", body: body, headers: mentor)
                #expect(response.status == .badRequest || response.status == .unprocessableContent, "\(fragment)")
                let text = (response.body["detail"] as? String ?? "") + ((response.body["errors"] as? [[String: Any]])?.compactMap { $0["message"] as? String }.joined() ?? "")
                #expect(text.lowercased().contains(fragment), "\(fragment): \(text)")
            }
            let stored = try await client.json(.get, "\(Self.learner)/observations", headers: mentor)
            #expect((stored.body as? [Any])?.isEmpty == true)
        }
    }

    @Test("A mentor signs off through a single-use link that cannot be reused, altered or used after it expires")
    func signoffLink() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let requested = try await client.json(.post, "\(Self.learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#, headers: app.headers(.learner))
            #expect(requested.status == .created)
            let body = try #require(requested.body as? [String: Any])
            #expect(body["link"] == nil, "the link is mailed to the mentor, never in the response")
            let delivery = try #require(body["delivery"] as? [String: Any])
            #expect(delivery["sentTo"] as? String == "f…@bitsandbytes.example.nl")
            #expect(delivery["status"] as? String == "queued")
            let id = try #require((body["request"] as? [String: Any])?["id"] as? String)
            let token = try #require(try await app.mailedToken(id))
            #expect(token.count >= 43)

            let view = try await client.json(.get, "/api/v1/signoff/\(token)")
            #expect(view.status == .ok)
            #expect(view.body["learnerName"] as? String == "Sanne de Vries")
            #expect(((view.body["epa"] as? [String: Any])?["code"] as? String) == "SD-EPA-K1")

            var altered = Array(token)
            altered[5] = altered[5] == "A" ? "B" : "A"
            #expect(try await client.json(.get, "/api/v1/signoff/\(String(altered))").status == .notFound)

            let submission = #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-09-15", "feedback": "Zelfstandig een bug opgelost en getest."}"#
            let signed = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: submission)
            #expect(signed.status == .ok)
            #expect(signed.body["status"] as? String == "signed")
            let again = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: submission)
            #expect(again.status == .conflict || again.status == .badRequest || again.status == .unprocessableContent)
            let declineAfter = try await client.json(.post, "/api/v1/signoff/\(token)/decline", body: #"{"reason": "te laat"}"#)
            #expect(declineAfter.status != .ok)

            let observations = try await client.json(.get, "\(Self.learner)/observations", headers: app.headers(.coach))
            let list = try #require(observations.body as? [[String: Any]])
            #expect(list.count == 1, "the second use recorded nothing")
            #expect((list.first?["observer"] as? [String: Any])?["id"] as? String == "mentor-1")
        }
    }

    @Test("A link for another learner's mentor is refused, and a learner cannot ask for someone else")
    func signoffScope() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let wrongMentor = try await client.json(.post, "\(Self.learner)/signoff-requests", body: #"{"mentor": "mentor-2", "epa": "SD-EPA-K1"}"#, headers: app.headers(.coach))
            #expect(wrongMentor.status == .unprocessableContent)
            let otherLearner = try await client.json(.post, "/api/v1/learners/learner-other/signoff-requests", body: #"{"mentor": "mentor-2", "epa": "SD-EPA-K1"}"#, headers: app.headers(.learner))
            #expect(otherLearner.status == .forbidden)
        }
    }

    @Test("A decision the rule does not support needs an override; one it supports records ruleMet")
    func decisions() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let assessor = app.headers(.assessor)
            let decision = #"{"epa": "SD-EPA-K1", "level": "2", "committee": "Examencommissie ICT", "deciders": ["J. de Boer", "A. Yilmaz"]}"#
            let refused = try await client.json(.post, "\(Self.learner)/decisions", body: decision, headers: assessor)
            #expect(refused.status == .unprocessableContent)
            #expect((refused.body["detail"] as? String ?? "").contains("override") || (refused.body["errors"] as? [Any])?.isEmpty == false)

            let overridden = try await client.json(.post, "\(Self.learner)/decisions",
                                                   body: #"{"epa": "SD-EPA-K1", "level": "2", "committee": "Examencommissie ICT", "deciders": ["J. de Boer"], "overrideReason": "Beoordeeld op een praktijkexamen"}"#, headers: assessor)
            #expect(overridden.status == .created)
            #expect(overridden.body["ruleMet"] as? Bool == false)

            // Three observations at level 3 by two observers within six months meet the standard rule.
            try await client.json(.post, "\(Self.learner)/observations", body: Self.observation(level: "3", date: "2026-08-01"), headers: app.headers(.mentor))
            try await client.json(.post, "\(Self.learner)/observations", body: Self.observation(level: "3", date: "2026-08-15"), headers: app.headers(.mentor))
            try await client.json(.post, "\(Self.learner)/observations", body: Self.observation(level: "4", date: "2026-09-10"), headers: app.headers(.coach))
            let check = try await client.json(.get, "\(Self.learner)/decision-check?epa=SD-EPA-K1&level=3", headers: app.headers(.coach))
            #expect(check.body["isMet"] as? Bool == true || (check.body["shortfalls"] as? [Any])?.isEmpty == true)
            let met = try await client.json(.post, "\(Self.learner)/decisions",
                                            body: #"{"epa": "SD-EPA-K1", "level": "3", "committee": "Examencommissie ICT", "deciders": ["J. de Boer"]}"#, headers: assessor)
            #expect(met.status == .created)
            #expect(met.body["ruleMet"] as? Bool == true)
            #expect((met.body["basis"] as? [Any])?.count == 3)

            let id = try #require(met.body["id"] as? String)
            let noReason = try await client.json(.post, "\(Self.learner)/decisions/\(id)/withdraw", body: #"{"reason": ""}"#, headers: assessor)
            #expect(noReason.status == .badRequest)
            let withdrawn = try await client.json(.post, "\(Self.learner)/decisions/\(id)/withdraw", body: #"{"reason": "Basis bleek onvolledig"}"#, headers: assessor)
            #expect(withdrawn.status == .ok)
            #expect(try await client.json(.post, "\(Self.learner)/decisions", body: decision, headers: app.headers(.coach)).status == .forbidden,
                    "only assessors decide")
        }
    }

    @Test("Staff see whose entrustments are due for renewal across learners; mentors, learners and designers do not")
    func reentrustmentDueAcrossLearners() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let before = try await client.json(.get, "/api/v1/reentrustment-due", headers: app.headers(.coach))
            #expect(before.status == .ok)
            #expect((before.body["learners"] as? [Any])?.isEmpty == true)

            let decision = #"{"epa": "SD-EPA-K1", "level": "2", "committee": "Examencommissie ICT", "deciders": ["J. de Boer"], "validUntil": "2026-10-15", "overrideReason": "Praktijkexamen"}"#
            #expect(try await client.json(.post, "\(Self.learner)/decisions", body: decision, headers: app.headers(.assessor)).status == .created)

            let due = try await client.json(.get, "/api/v1/reentrustment-due?programme=SD-25604", headers: app.headers(.assessor))
            let entries = try #require(due.body["learners"] as? [[String: Any]])
            #expect(entries.map { $0["learner"] as? String } == ["learner-self"])
            let first = try #require((entries.first?["due"] as? [[String: Any]])?.first)
            #expect(first["epa"] as? String == "SD-EPA-K1@1")
            let reason = try #require((first["reasons"] as? [[String: Any]])?.first)
            #expect(reason["kind"] as? String == "validityEnds")
            #expect(reason["on"] as? String == "2026-10-15")
            #expect(due.body["total"] as? Int == 1)

            let otherProgramme = try await client.json(.get, "/api/v1/reentrustment-due?programme=NO-SUCH", headers: app.headers(.coach))
            #expect((otherProgramme.body["learners"] as? [Any])?.isEmpty == true)
            for role: Role in [.mentor, .learner, .designer] {
                #expect(try await client.json(.get, "/api/v1/reentrustment-due", headers: app.headers(role)).status == .forbidden)
            }
        }
    }

    @Test("Progress shows the phase, what is still needed and the share of the way to independent practice")
    func progress() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let coach = app.headers(.coach)
            let recorded = try await client.json(.post, "\(Self.learner)/results", body: #"{"unit": "SD-B1-K1-W1", "achievedOn": "2026-06-01", "assessor": "M. Smit", "grade": "7,5"}"#, headers: coach)
            #expect(recorded.status == .created, "\(recorded.body ?? "")")
            let report = try await client.json(.get, "\(Self.learner)/progress", headers: app.headers(.learner))
            let first = try #require((report.body as? [[String: Any]])?.first)
            let phases = try #require(first["phases"] as? [String: Any])
            #expect(((phases["current"] as? [String: Any])?["phase"] as? String) == "orientatie")
            let share = try #require((first["progress"] as? [String: Any])?["share"] as? Double)
            #expect(share > 0 && share < 1)
            #expect(first["skills"] != nil)
            #expect(try await client.json(.get, "/api/v1/learners/learner-other/progress", headers: app.headers(.learner)).status == .forbidden)
        }
    }

    @Test("A recognised unit from an Open Badge counts like a completed one and stays marked as recognised")
    func recognition() async throws {
        let app = try await TestApplication(demo: true)
        let badge = try String(contentsOf: RepositoryRoot.path("Tests/LinkedDataTests/Resources/examples/ob3/validator-simple.signed.json"), encoding: .utf8)
        let body = try String(decoding: JSONSerialization.data(withJSONObject: [
            "evidence": [["kind": "openBadge3", "content": badge]],
            "targets": [["target": ["kind": "unit", "reference": "GEN-DIGI"], "evidence": [0], "rationale": "Badge dekt digitale vaardigheden"]],
        ]), as: UTF8.self)
        try await app.test { client in
            let opened = try await client.json(.post, "\(Self.learner)/recognition", body: body, headers: app.headers(.learner))
            #expect(opened.status == .created)
            let id = try #require(opened.body["id"] as? String)
            let title = ((opened.body["evidence"] as? [[String: Any]])?.first?["title"] as? String) ?? ""
            #expect(!title.isEmpty, "the title is read from the credential")
            let decided = try await client.json(.post, "\(Self.learner)/recognition/\(id)/decision",
                                                body: #"{"result": "full", "reasons": ["De badge dekt alle leeruitkomsten van GEN-DIGI."]}"#, headers: app.headers(.assessor))
            #expect(decided.status == .ok)
            let results = try await client.json(.get, "\(Self.learner)/results", headers: app.headers(.coach))
            let recognised = (results.body as? [[String: Any]])?.first
            #expect(((recognised?["basis"] as? [String: Any])?["kind"] as? String) == "recognised")
        }
    }

    @Test("A document of 2 MiB is accepted as evidence, and one over 5 MiB is refused with 413 naming the limit")
    func evidenceSizeLimit() async throws {
        let app = try await TestApplication(demo: true)
        @Sendable func body(bytes: Int) throws -> String {
            try String(decoding: JSONSerialization.data(withJSONObject: [
                "evidence": [["kind": "document", "title": "Stageverslag", "mediaType": "application/pdf",
                              "content": Data(repeating: 0x25, count: bytes).base64EncodedString()]],
                "targets": [["target": ["kind": "unit", "reference": "GEN-DIGI"], "evidence": [0]]],
            ]), as: UTF8.self)
        }
        try await app.test { client in
            let accepted = try await client.json(.post, "\(Self.learner)/recognition", body: try body(bytes: 2 * 1024 * 1024), headers: app.headers(.learner))
            #expect(accepted.status == .created)
            let refused = try await client.json(.post, "\(Self.learner)/recognition", body: try body(bytes: 5 * 1024 * 1024 + 1), headers: app.headers(.learner))
            #expect(refused.status == .contentTooLarge)
            #expect((refused.body["detail"] as? String)?.contains("5 MiB") == true)
            let cases = try await client.json(.get, "\(Self.learner)/recognition", headers: app.headers(.learner))
            #expect((cases.body as? [Any])?.count == 1, "the refused case stored nothing")
        }
    }
}
