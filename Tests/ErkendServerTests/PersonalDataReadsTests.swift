@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Testing

/// Every read of a learner's personal data leaves an access-log entry the
/// learner can see — a search of learners as much as a record — and the
/// export gives the data itself, evidence included.
@Suite("Personal data reads")
struct PersonalDataReadsTests {
    static let learner = "/api/v1/learners/learner-self"

    static func accessLog(_ app: TestApplication, _ id: Learner.ID = TestApplication.learnerID) async throws -> [AccessRecord] {
        try await app.store.privacy.accesses(learner: id, page: .first).items
    }

    @Test("a search of learners logs an access for each learner it shows, and none for learners it does not")
    func searchIsLogged() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let found = try await client.json(.get, "/api/v1/learners?q=Sanne", headers: app.headers(.coach))
            #expect(found.status == .ok)
            let items = try #require(found.body["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? String } == ["learner-self"])
        }
        let logged = try await Self.accessLog(app)
        #expect(logged.contains { $0.actor == "account:account-coach" && $0.what == "GET /api/v1/learners" }, "\(logged)")
        #expect(try await Self.accessLog(app, TestApplication.otherLearnerID).isEmpty, "Daan was not in the answer")
    }

    @Test("the learner's own export is in their access log, and the export holds the evidence itself")
    func exportLoggedWithEvidence() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            try await PrivacyAPITests.fill(client, app)
            let export = try await client.json(.get, "\(Self.learner)/export", headers: app.headers(.learner))
            #expect(export.status == .ok)
            let evidence = try #require(export.body["evidence"] as? [[String: Any]])
            #expect(evidence.count == 1)
            #expect(evidence.first?["text"] as? String == "Certificaat op naam van Sanne de Vries")
            #expect(evidence.first?["mediaType"] as? String == "text/plain")
        }
        let logged = try await Self.accessLog(app)
        #expect(logged.contains { $0.actor == "account:account-learner" && $0.what.hasSuffix("/export") }, "\(logged)")
    }

    @Test("a document that is not text is exported in base64")
    func binaryEvidence() async throws {
        let stored = StoredEvidence(key: "k", recognitionCase: "RC-1", mediaType: "application/pdf", sha256: String(repeating: "0", count: 64),
                                    bytes: Data([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]))
        let exported = ExportedEvidence(stored)
        #expect(exported.text == nil)
        #expect(exported.base64 == "JVBERv8A")
        #expect(exported.size == 6)
    }
}
