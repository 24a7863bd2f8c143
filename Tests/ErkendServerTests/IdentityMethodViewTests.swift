@testable import ErkendServer
import ErkendCore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Testing

/// Wherever a mentor's signature counts as evidence — the observation list, the
/// committee's rule check and page, a recognition (EVC) case — it says how
/// Erkend knew the signer was the mentor.
@Suite("Identity method in the views")
struct IdentityMethodViewTests {
    static let learner = "/api/v1/learners/learner-self"

    @Test("an observation signed through the e-mailed link shows that in the observation list, the rule check and the committee page")
    func observationShowsIdentityMethod() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            // One observation recorded by staff with their own account, one signed by the mentor through the mailed link.
            let staff = try await client.json(.post, "\(Self.learner)/observations",
                                              body: #"{"epa": "SD-EPA-K1", "date": "2026-08-01", "level": "3", "feedback": "Goed."}"#, headers: app.headers(.coach))
            try #require(staff.status == .created)
            let requested = try await client.json(.post, "\(Self.learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#, headers: app.headers(.coach))
            let id = try #require((requested.body["request"] as? [String: Any])?["id"] as? String)
            let token = try #require(try await app.mailedToken(id))
            let signed = try await client.json(.post, "/api/v1/signoff/\(token)/sign",
                                               body: #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV", "level": "3", "date": "2026-08-20", "feedback": "Zelfstandig."}"#)
            try #require(signed.status == .ok, "\(String(describing: signed.body))")

            let observations = try #require(try await client.json(.get, "\(Self.learner)/observations", headers: app.headers(.coach)).body as? [[String: Any]])
            let methods = Dictionary(uniqueKeysWithValues: observations.map { ($0["date"] as? String ?? "", $0["identityMethod"] as? String ?? "none") })
            #expect(methods == ["2026-08-01": "none", "2026-08-20": "emailedLink"])

            let check = try await client.json(.get, "\(Self.learner)/decision-check?epa=SD-EPA-K1&level=3&on=2026-09-01", headers: app.headers(.assessor))
            #expect(check.status == .ok)
            let evidence = try #require(check.body["evidence"] as? [[String: Any]])
            #expect(evidence.count == 2)
            #expect(evidence.map { $0["identityMethod"] as? String } == [nil, "emailedLink"], "oldest first; the staff observation has none")
            #expect(evidence.last?["observer"] as? String == "Fatima el Amrani")

            let page = try await client.page(.get, "/learners/learner-self/epas/SD-EPA-K1?level=3", headers: app.headers(.assessor))
            #expect(page.status == .ok)
            let mentions = page.html.components(separatedBy: "getekend via de gemailde link").count - 1
            #expect(mentions == 2, "in the observation table and in the list the decision rests on")
        }
    }

    @Test("a practice statement used as EVC evidence carries how its signer was known to be the mentor")
    func recognitionEvidenceShowsIdentityMethod() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let placement = try await client.json(.post, "\(Self.learner)/placements", body: #"""
                {"organisation": "Bits & Bytes BV", "kind": "stage", "startDate": "2026-02-01", "mentors": ["mentor-1"]}
                """#, headers: app.headers(.coach))
            let placementID = try #require(placement.body["id"] as? String)
            let requested = try await client.json(.post, "\(Self.learner)/signoff-requests", body: #"""
                {"mentor": "mentor-1", "practiceStatement": {"placement": "\#(placementID)", "periodStart": "2026-02-01", "periodEnd": "2026-06-30",
                 "tasks": [{"reference": {"kind": "werkproces", "code": "B1-K1-W1"}, "description": "Plande het werk", "frequency": "wekelijks"}]}}
                """#, headers: app.headers(.coach))
            try #require(requested.status == .created, "\(String(describing: requested.body))")
            let id = try #require((requested.body["request"] as? [String: Any])?["id"] as? String)
            let token = try #require(try await app.mailedToken(id))
            let signed = try await client.json(.post, "/api/v1/signoff/\(token)/sign", body: #"{"name": "Fatima el Amrani", "organisation": "Bits & Bytes BV"}"#)
            try #require(signed.status == .ok, "\(String(describing: signed.body))")
            let statement = try #require(signed.body["resultingRecord"] as? String)

            let opened = try await client.json(.post, "\(Self.learner)/recognition", body: #"""
                {"evidence": [{"kind": "practiceStatement", "practiceStatement": "\#(statement)"}],
                 "targets": [{"target": {"kind": "unit", "reference": "GEN-DIGI"}, "evidence": [0]}]}
                """#, headers: app.headers(.coach))
            try #require(opened.status == .created, "\(String(describing: opened.body))")
            let cases = try #require(try await client.json(.get, "\(Self.learner)/recognition", headers: app.headers(.assessor)).body as? [[String: Any]])
            let item = try #require((cases.first?["evidence"] as? [[String: Any]])?.first)
            #expect(item["kind"] as? String == "practiceStatement")
            #expect(item["identityMethod"] as? String == "emailedLink")
        }
    }
}
