@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import GRDB
import Hummingbird
import Logging
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Testing

/// Erasure forgets: the learner's name written by staff into any free-text
/// field is gone afterwards — from the API, the export and the raw database
/// file and WAL — and the record stops: enrolments end, open links close, and
/// nothing new is recorded about the learner.
@Suite("Erasure")
struct ErasureTests {
    static let learner = "/api/v1/learners/learner-self"
    /// The learner's name (TestApplication seeds "Sanne de Vries"), and parts of it.
    static let name = "Sanne de Vries"
    static let traces = ["Sanne de Vries", "Sanne", "Vries"]

    /// A record with the learner's name in every free-text field Erkend has about a learner.
    static func fillWithName(_ client: some TestClientProtocol, _ app: TestApplication) async throws -> (openLink: String, caseID: String) {
        let n = name
        let placement = try await client.json(.post, "\(learner)/placements", body: #"""
            {"organisation": "Bits & Bytes BV", "department": "Team van \#(n)", "kind": "stage", "startDate": "2026-02-01", "mentors": ["mentor-1"]}
            """#, headers: app.headers(.coach))
        try #require(placement.status == .created, "\(String(describing: placement.body))")
        let placementID = try #require(placement.body["id"] as? String)

        let observation = try await client.json(.post, "\(learner)/observations", body: #"""
            {"epa": "SD-EPA-K1", "date": "2026-09-01", "level": "2", "feedback": "\#(n) werkte nauwkeurig.",
             "context": {"workplace": "Bureau van \#(n)", "department": "Afdeling \#(n)", "complexity": "low"}}
            """#, headers: app.headers(.mentor))
        try #require(observation.status == .created, "\(String(describing: observation.body))")

        let decision = try await client.json(.post, "\(learner)/decisions", body: #"""
            {"epa": "SD-EPA-K1", "level": "2", "committee": "Examencommissie", "deciders": ["J. de Boer"],
             "scope": "Alleen projecten van \#(n)", "overrideReason": "Praktijkexamen van \#(n) gezien"}
            """#, headers: app.headers(.assessor))
        try #require(decision.status == .created, "\(String(describing: decision.body))")
        let decisionID = try #require(decision.body["id"] as? String)
        let withdrawn = try await client.json(.post, "\(learner)/decisions/\(decisionID)/withdraw",
                                              body: #"{"reason": "\#(n) vroeg om een herbeoordeling"}"#, headers: app.headers(.assessor))
        try #require(withdrawn.status == .ok, "\(String(describing: withdrawn.body))")

        let evidence = Data("Getuigschrift op naam van \(n)".utf8).base64EncodedString()
        let opened = try await client.json(.post, "\(learner)/recognition", body: #"""
            {"evidence": [{"kind": "document", "title": "Getuigschrift \#(n)", "issuer": "Opleider van \#(n)", "content": "\#(evidence)", "mediaType": "text/plain"}],
             "targets": [{"target": {"kind": "unit", "reference": "GEN-DIGI"}, "evidence": [0], "rationale": "\#(n) liet dit zien"}]}
            """#, headers: app.headers(.coach))
        try #require(opened.status == .created, "\(String(describing: opened.body))")
        let caseID = try #require(opened.body["id"] as? String)
        let decided = try await client.json(.post, "\(learner)/recognition/\(caseID)/decision", body: #"""
            {"result": "refused", "reasons": ["Het getuigschrift van \#(n) is te oud"]}
            """#, headers: app.headers(.assessor))
        try #require(decided.status == .ok || decided.status == .created, "\(String(describing: decided.body))")

        // A practice statement asked of the workplace, its tasks described with the name.
        let statement = try await client.json(.post, "/api/v1/learners/learner-self/signoff-requests", body: #"""
            {"mentor": "mentor-1", "practiceStatement": {"placement": "\#(placementID)", "periodStart": "2026-02-01", "periodEnd": "2026-06-30",
             "tasks": [{"reference": {"kind": "werkproces", "code": "B1-K1-W1"}, "description": "\#(n) plande het werk", "frequency": "wekelijks met \#(n)"}]}}
            """#, headers: app.headers(.coach))
        try #require(statement.status == .created, "\(String(describing: statement.body))")

        // A link the mentor declines, with the name in the reason, and one left open.
        let declined = try await Self.link(client, app)
        let decline = try await client.json(.post, "/api/v1/signoff/\(declined)/decline", body: #"{"reason": "\#(n) was die dag ziek"}"#)
        try #require(decline.status == .ok, "\(String(describing: decline.body))")
        return (try await Self.link(client, app), caseID)
    }

    /// A new sign-off link for an observation by mentor-1; its token.
    static func link(_ client: some TestClientProtocol, _ app: TestApplication) async throws -> String {
        let response = try await client.json(.post, "/api/v1/learners/learner-self/signoff-requests",
                                             body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#, headers: app.headers(.coach))
        try #require(response.status == .created, "\(String(describing: response.body))")
        // The link goes only to the mentor's mail; read it from the outbox as the mail carries it.
        let request = try #require((response.body["request"] as? [String: Any])?["id"] as? String)
        return try #require(try await app.mailedToken(request))
    }

    /// The raw body of a GET.
    static func text(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: headers, body: nil) { response in
            (response.status, String(buffer: response.body))
        }
    }

    @Test("after erasure the learner's name is in no free-text field: not over the API, not in the export, not in the database file or its WAL, nor in the outbox folder")
    func freeTextForgotten() async throws {
        let directory = try TemporaryDirectory()
        let outbox = URL(fileURLWithPath: directory.path("outbox"))
        let app = try await TestApplication(demo: true, databasePath: directory.path("erkend.sqlite"), mailFolder: outbox)
        @Sendable func outboxTexts() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: outbox.path).map { try String(contentsOf: outbox.appendingPathComponent($0), encoding: .utf8) }
        }
        let views = ["", "/observations", "/decisions", "/results", "/recognition", "/progress", "/export", "/consents"]
        try await app.test { client in
            _ = try await Self.fillWithName(client, app)
            // Before: the name is there, in the free text as much as in the learner record.
            let before = try await Self.text(client, "\(Self.learner)/export", app.headers(.administrator))
            #expect(before.1.components(separatedBy: Self.name).count > 10, "the test placed the name in many fields")
            // The sign-off mails leave through the demo's outbox folder and name the learner there;
            // mail about another learner stays when this one is erased.
            let transport = try #require(app.services.mailTransport)
            let sender = MailSender(outbox: app.store.progression.outbox, transport: transport,
                                    composer: try MailComposer(from: "erkend@roc.example.nl", publicAddress: app.services.publicAddress),
                                    now: { TestApplication.instant }, logger: Logger(label: "test"))
            let sent = await sender.sendDue()
            #expect(sent >= 2, "the observation link and the practice statement link: sent \(sent)")
            try await transport.send(MailMessage(from: "erkend@roc.example.nl", to: "x@example.org", toName: "X", subject: "Over een ander", text: "Andere leerling", date: TestApplication.instant,
                                                 headers: [MailMessage.learnerHeader: "learner-other"]))
            #expect(try outboxTexts().contains { $0.contains(Self.name) })

            let erased = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "AVG-verzoek 2026-117"}"#, headers: app.headers(.administrator))
            #expect(erased.status == .ok, "\(String(describing: erased.body))")

            for view in views {
                let (status, body) = try await Self.text(client, Self.learner + view, app.headers(.administrator))
                #expect(status == .ok, "\(view): \(status)")
                for trace in Self.traces { #expect(!body.contains(trace), "'\(trace)' is still in GET \(Self.learner)\(view)") }
            }
            let kept = try outboxTexts()
            #expect(kept.count == 1 && kept[0].contains("Andere leerling"), "only the mail about the other learner is left")
            let export = try await client.json(.get, "\(Self.learner)/export", headers: app.headers(.administrator))
            let observations = try #require(export.body["observations"] as? [[String: Any]])
            #expect(observations.first?["feedback"] as? String == Erasure.marker)
            let cases = try #require(export.body["recognitionCases"] as? [[String: Any]])
            #expect(((cases.first?["evidence"] as? [[String: Any]])?.first?["title"] as? String) == Erasure.marker)
        }
        // Evidence goes with its hash; the chain does not need it.
        let evidence = try await app.store.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM evidenceContent") }
        #expect(evidence == 0)
        #expect(try await app.store.audit.verify().isIntact)

        // The raw file and WAL as the erasure left them: it checkpoints the WAL into the file itself.
        let database = directory.path("erkend.sqlite")
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: database + "-wal"))) ?? Data()
        let file = try Data(contentsOf: URL(fileURLWithPath: database))
        for trace in ["Sanne de Vries", "Vries", "Getuigschrift op naam", "100001"] {
            #expect(file.range(of: Data(trace.utf8)) == nil, "'\(trace)' is still in the database file")
            #expect(wal.range(of: Data(trace.utf8)) == nil, "'\(trace)' is still in the WAL")
        }
    }

    @Test("the erasure's audit entry keeps its reason and who asked, and a reason naming the learner is refused")
    func reasonKept() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let naming = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "Verzoek van Sanne de Vries"}"#, headers: app.headers(.administrator))
            #expect(naming.status == .badRequest, "the audit log is forever; no name goes into it")
            let number = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "Verzoek 100001"}"#, headers: app.headers(.administrator))
            #expect(number.status == .badRequest)
            let erased = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "AVG-verzoek 2026-117"}"#, headers: app.headers(.administrator))
            #expect(erased.status == .ok)
            let again = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "AVG-verzoek 2026-118"}"#, headers: app.headers(.administrator))
            #expect(again.status == .conflict, "erased once; the second request changes nothing")
        }
        let entries = try await app.store.audit.entries(subject: TestApplication.learnerID, page: .first).items
        let erasure = try #require(entries.first { $0.record.action == AuditAction.learnerErased })
        #expect(erasure.record.details["reason"] == "AVG-verzoek 2026-117")
        #expect(erasure.record.details["requestedBy"] == "account:account-administrator")
        #expect(entries.filter { $0.record.action == AuditAction.learnerErased }.count == 1)
    }

    @Test("an erased learner's record stops: enrolments end, the open link closes, and new observations, links and results are refused")
    func recordStops() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let openLink = try await Self.link(client, app)
            #expect(try await client.json(.get, "/api/v1/signoff/\(openLink)").status == .ok)
            let erased = try await client.json(.post, "\(Self.learner)/erasure", body: #"{"reason": "AVG-verzoek 2026-117"}"#, headers: app.headers(.administrator))
            #expect(erased.status == .ok)

            let record = try await client.json(.get, Self.learner, headers: app.headers(.administrator))
            let enrolments = try #require(record.body["enrolments"] as? [[String: Any]], "\(String(describing: record.body))")
            #expect(!enrolments.isEmpty && enrolments.allSatisfy { $0["status"] as? String == "withdrawn" }, "\(enrolments)")

            let view = try await client.json(.get, "/api/v1/signoff/\(openLink)")
            #expect(view.status != .ok || view.body["status"] as? String != "open", "the open link was withdrawn: \(view.status) \(String(describing: view.body))")
            let sign = try await client.json(.post, "/api/v1/signoff/\(openLink)/sign",
                                             body: #"{"name": "Fatima el Amrani", "level": "3", "date": "2026-10-02", "feedback": "Goed."}"#)
            #expect(!(200..<300).contains(sign.status.code), "a withdrawn link cannot be signed: \(sign.status)")

            let observation = try await client.json(.post, "\(Self.learner)/observations",
                                                    body: #"{"epa": "SD-EPA-K1", "date": "2026-09-01", "level": "2", "feedback": "Nog een."}"#, headers: app.headers(.coach))
            #expect(observation.status == .conflict, "\(observation.status) \(String(describing: observation.body))")
            #expect((observation.body["detail"] as? String ?? "").contains("erased"), "\(String(describing: observation.body))")
            let link = try await client.json(.post, "\(Self.learner)/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#, headers: app.headers(.coach))
            #expect(link.status == .conflict, "\(link.status) \(String(describing: link.body))")
            let result = try await client.json(.post, "\(Self.learner)/results",
                                               body: #"{"unit": "SD-B1-K1-W1", "achievedOn": "2026-06-01", "assessor": "M. Smit"}"#, headers: app.headers(.coach))
            #expect(result.status == .conflict, "\(result.status) \(String(describing: result.body))")
            let enrol = try await client.json(.post, "\(Self.learner)/enrolments",
                                              body: #"{"programme": "SD-25604", "startDate": "2026-09-01", "cohort": "2026-2027"}"#, headers: app.headers(.coach))
            #expect(enrol.status == .conflict, "\(enrol.status) \(String(describing: enrol.body))")
            let rename = try await client.json(.put, Self.learner, body: #"{"name": "Sanne de Vries"}"#, headers: app.headers(.coach))
            #expect(rename.status == .conflict, "an erased learner is not given a name again: \(rename.status) \(String(describing: rename.body))")
        }
    }
}
