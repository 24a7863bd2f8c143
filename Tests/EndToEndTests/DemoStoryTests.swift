import ErkendTestSupport
import Foundation
import Testing

/// `erkend serve --demo` on a fresh database tells the story of issue 3:
/// a learner half-way on two EPAs, one with a unit recognised through EVC,
/// one whose skills' currency runs out; with learner and mentor accounts,
/// and an audit log that verifies.
@Suite("The demo story")
struct DemoStoryTests {
    @Test("serve --demo creates learners whose progress tells the story, and the audit log verifies")
    func story() async throws {
        let server = try ServerProcess()
        #expect(server.log.contains("leerling@demo.erkend.nl"), "\(server.log)")
        #expect(server.log.contains("praktijkopleider@demo.erkend.nl"))
        #expect(!server.log.contains("/signoff/"), "a link is a credential and stays out of the log")

        let coach = try await RegistryClient.bearer(server, "coach@demo.erkend.nl")
        let learners = try await server.request("GET", "/api/v1/learners?pageSize=50", headers: coach)
        let items = try #require((try JSONSerialization.jsonObject(with: learners.body) as? [String: Any])?["items"] as? [[String: Any]])
        func id(_ name: String) throws -> String { try #require(items.first { $0["name"] as? String == name }?["id"] as? String, "\(name) in \(items)") }
        func progress(_ name: String) async throws -> [String: Any] {
            let response = try await server.request("GET", "/api/v1/learners/\(try id(name))/progress", headers: coach)
            #expect(response.status == 200)
            return try #require((try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])?.first)
        }

        // Half-way: phase 2 of 3, level 2 of target 4 on both EPAs (half the EPA part), about half the way in all.
        let sanne = try await progress("Sanne Visser")
        let phases = try #require(sanne["phases"] as? [String: Any])
        #expect((phases["current"] as? [String: Any])?["phase"] as? String == "verdieping")
        let measure = try #require(sanne["progress"] as? [String: Any])
        let epas = try #require(measure["epas"] as? [[String: Any]])
        #expect(epas.count == 2)
        #expect(epas.allSatisfy { $0["currentLevel"] as? String == "2" && $0["targetLevel"] as? String == "4" }, "\(epas)")
        #expect(measure["epaShare"] as? Double == 0.5)
        let share = try #require(measure["share"] as? Double)
        #expect(share > 0.45 && share < 0.6, "share \(share)")
        let check = try await server.json("GET", "/api/v1/learners/\(try id("Sanne Visser"))/decision-check?epa=SD-EPA-K1&level=3", headers: coach)
        #expect(check.json["isMet"] as? Bool == true || (check.json["shortfalls"] as? [Any])?.isEmpty == true, "\(check.json)")

        // EVC: the unit counts and stays marked as recognised.
        let results = try await server.request("GET", "/api/v1/learners/\(try id("Yusuf Demir"))/results", headers: coach)
        let recognised = try #require(try JSONSerialization.jsonObject(with: results.body) as? [[String: Any]])
        #expect(recognised.contains { ($0["unit"] as? String)?.hasPrefix("VP-B1-K2") == true
                                      && ($0["basis"] as? [String: Any])?["kind"] as? String == "recognised" }, "\(recognised)")

        // Fading: evidence years old, currency below half, re-entrustment due on the EPA entrusted then.
        let lotte = try await progress("Lotte Jansen")
        let skills = try #require(lotte["skills"] as? [String: Any])
        let standings = try #require(skills["skills"] as? [[String: Any]])
        let lowest = standings.compactMap { $0["currency"] as? Double }.min() ?? 1
        #expect(lowest < 0.5, "lowest currency \(lowest)")
        let due = try #require(skills["reentrustmentDue"] as? [[String: Any]])
        #expect(due.contains { ($0["epa"] as? String)?.hasPrefix("SD-EPA-K1") == true }, "\(due)")

        // The learner and mentor accounts sign in and see their own.
        let learner = try await server.request("POST", "/api/v1/session", body: #"{"username": "leerling@demo.erkend.nl", "password": "erkend-demo-2026"}"#)
        #expect(learner.status == 201)
        let cookie = String(learner.headers["set-cookie"]?.split(separator: ";").first ?? "")
        #expect(try await server.request("GET", "/api/v1/learners/\(try id("Sanne Visser"))/progress", headers: ["Cookie": cookie]).status == 200)
        #expect(try await server.request("GET", "/api/v1/learners/\(try id("Lotte Jansen"))/progress", headers: ["Cookie": cookie]).status == 403)
        let mentor = try await server.request("POST", "/api/v1/session", body: #"{"username": "praktijkopleider@demo.erkend.nl", "password": "erkend-demo-2026"}"#)
        #expect(mentor.status == 201)
        let mentorCookie = String(mentor.headers["set-cookie"]?.split(separator: ";").first ?? "")
        let requests = try await server.request("GET", "/api/v1/mentor/requests", headers: ["Cookie": mentorCookie])
        #expect((try JSONSerialization.jsonObject(with: requests.body) as? [Any])?.count == 1, "one open request for Fatima")

        // A new link, asked for by the coach, shows Fatima what to sign.
        let mentorID = try #require(((try JSONSerialization.jsonObject(with: requests.body) as? [[String: Any]])?.first?["mentor"]) as? String)
        let asked = try await server.json("POST", "/api/v1/learners/\(try id("Sanne Visser"))/signoff-requests",
                                          body: #"{"mentor": "\#(mentorID)", "epa": "SD-EPA-K2"}"#, headers: coach)
        #expect(asked.status == 201, "\(asked.json)")
        #expect(asked.json["link"] == nil, "the link goes to Fatima's address only")
        #expect((asked.json["delivery"] as? [String: Any])?["sentTo"] as? String == "f…@codefabriek.example.nl", "\(asked.json)")
        // The serve command says where mail goes without SMTP; Fatima's mail is there, addressed to her.
        #expect(server.log.contains(server.outbox.path), "the log names the outbox folder: \(server.log)")
        let askedID = try #require((asked.json["request"] as? [String: Any])?["id"] as? String)
        let token = try #require(await server.mailedToken(request: askedID), "the mail with the link is in \(server.outbox.path)")
        let mails = try FileManager.default.contentsOfDirectory(at: server.outbox, includingPropertiesForKeys: nil)
        let mail = try #require(try mails.map { try String(contentsOf: $0, encoding: .utf8) }.first { $0.contains(token) })
        #expect(mail.contains("<fatima@codefabriek.example.nl>"))
        #expect(MailText.signoffLink(in: mail)?.hasPrefix("\(server.base)/signoff/") == true, "the link names the port the server listens on")
        let open = try await server.json("GET", "/api/v1/signoff/\(token)")
        #expect(open.status == 200)
        #expect(open.json["learnerName"] as? String == "Sanne Visser")

        #expect(server.stop() == 0)
        let audit = try ErkendBinary.run(["audit", "verify", "--database", server.database])
        #expect(audit.status == 0, "\(audit.output)\(audit.error)")
        #expect(audit.output.contains("intact"))
        let dueList = try ErkendBinary.run(["learners", "due", "--database", server.database])
        #expect(dueList.status == 0, "\(dueList.error)")
        #expect(dueList.output.contains("Lotte Jansen") && dueList.output.contains("fading"), "the fading learner is on the staff list: \(dueList.output)")
        #expect(!dueList.output.contains("Noah de Boer"), "a starter without decisions is not")
    }
}
