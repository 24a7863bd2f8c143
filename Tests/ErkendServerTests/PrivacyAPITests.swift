@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing

/// The learner's rights (AVG/GDPR) over HTTP: export, access log, consent, erasure.
@Suite("Privacy")
struct PrivacyAPITests {
    static let learner = "/api/v1/learners/learner-self"

    /// Some of everything for learner-self: an observation with feedback, a graded result, a recognition case with evidence.
    static func fill(_ client: some TestClientProtocol, _ app: TestApplication) async throws {
        try await client.json(.post, "\(learner)/observations", body: #"{"epa": "SD-EPA-K1", "date": "2026-09-01", "level": "2", "feedback": "Sanne werkte nauwkeurig aan de login-module."}"#, headers: app.headers(.mentor))
        try await client.json(.post, "\(learner)/results", body: #"{"unit": "SD-B1-K1-W1", "achievedOn": "2026-06-01", "assessor": "M. Smit", "grade": "8"}"#, headers: app.headers(.coach))
        let evidence = Data("Certificaat op naam van Sanne de Vries".utf8).base64EncodedString()
        try await client.json(.post, "\(learner)/recognition", body: #"{"evidence": [{"kind": "document", "title": "Certificaat", "content": "\#(evidence)", "mediaType": "text/plain"}], "targets": [{"target": {"kind": "unit", "reference": "GEN-DIGI"}, "evidence": [0]}]}"#, headers: app.headers(.learner))
    }

    @Test("A learner exports all their data, with the lawful basis of each kind and who accessed it")
    func export() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            try await Self.fill(client, app)
            try await client.json(.get, "\(Self.learner)/progress", headers: app.headers(.coach))

            let export = try await client.json(.get, "\(Self.learner)/export", headers: app.headers(.learner))
            #expect(export.status == .ok)
            #expect((export.body["learner"] as? [String: Any])?["name"] as? String == "Sanne de Vries")
            for key in ["enrolments", "placements", "mentors", "observations", "results", "recognitionCases", "consents", "auditEntries"] {
                #expect(export.body[key] is [Any], "\(key) is in the export")
            }
            let processing = try #require(export.body["processing"] as? [[String: Any]])
            #expect(processing.contains { $0["record"] as? String == "observation" && $0["basis"] as? String == "public-task" })
            let accesses = try #require(export.body["accessLog"] as? [[String: Any]])
            #expect(accesses.contains { $0["actor"] as? String == "account:account-coach" && ($0["what"] as? String ?? "").contains("progress") })
            // The learner's own reads are not someone else's access; only the export itself is logged.
            let own = accesses.filter { ($0["actor"] as? String) == "account:account-learner" }
            #expect(own.count == 1 && (own.first?["what"] as? String ?? "").hasSuffix("/export"), "\(own)")

            #expect(try await client.json(.get, "/api/v1/learners/learner-other/export", headers: app.headers(.learner)).status == .forbidden)
            let audit = try await app.store.audit.entries(subject: TestApplication.learnerID, page: .first)
            #expect(audit.items.contains { $0.record.action == AuditAction.personalDataExported })
        }
    }

    @Test("A mentor sees grades only after the learner consents")
    func consentToGrades() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            try await Self.fill(client, app)
            let before = try await client.json(.get, "\(Self.learner)/results", headers: app.headers(.mentor))
            #expect((before.body as? [[String: Any]])?.first?["grade"] == nil)
            let coachView = try await client.json(.get, "\(Self.learner)/results", headers: app.headers(.coach))
            #expect((coachView.body as? [[String: Any]])?.first?["grade"] as? String == "8")

            let consent = try await client.json(.put, "\(Self.learner)/consents/grades-to-mentors", body: #"{"granted": true}"#, headers: app.headers(.learner))
            #expect(consent.status == .ok)
            let after = try await client.json(.get, "\(Self.learner)/results", headers: app.headers(.mentor))
            #expect((after.body as? [[String: Any]])?.first?["grade"] as? String == "8")
            #expect(try await client.json(.put, "\(Self.learner)/consents/grades-to-mentors", body: #"{"granted": true}"#, headers: app.headers(.coach)).status == .forbidden,
                    "consent is the learner's to give")
        }
    }

    @Test("Erasure removes the learner's personal data from every table and from the file, and the audit chain still verifies")
    func erasure() async throws {
        let directory = try TemporaryDirectory()
        let app = try await TestApplication(demo: true, databasePath: directory.path("erkend.sqlite"))
        try await app.test { client in
            try await Self.fill(client, app)
            try await client.json(.post, "\(Self.learner)/decisions", body: #"{"epa": "SD-EPA-K1", "level": "2", "committee": "Examencommissie", "deciders": ["J. de Boer"], "overrideReason": "Praktijkexamen"}"#, headers: app.headers(.assessor))

            let noReason = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": ""}"#, headers: app.headers(.administrator))
            #expect(noReason.status == .badRequest)
            #expect(try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "x"}"#, headers: app.headers(.learner)).status == .forbidden)
            let erased = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "Verzoek 2026-117"}"#, headers: app.headers(.administrator))
            #expect(erased.status == .ok)
            #expect((erased.body["name"] as? String ?? "").hasPrefix("Gewist"))

            let decisions = try await client.json(.get, "\(Self.learner)/decisions", headers: app.headers(.assessor))
            #expect((decisions.body as? [Any])?.count == 1, "decisions stay, as records of the committee")
            #expect(try await client.json(.get, "/api/v1/session", headers: app.headers(.learner)).status == .unauthorized, "the learner's account is closed")
        }
        #expect(try await app.store.audit.verify().isIntact)
        try await app.store.database.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        let bytes = try Data(contentsOf: directory.url.appendingPathComponent("erkend.sqlite"))
        for secret in ["Sanne de Vries", "login-module", "Certificaat op naam", "100001"] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "'\(secret)' is gone from the database file")
        }
    }
}
