@testable import ErkendServer
import ErkendCore
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import Testing

/// The pages a mentor sees after opening a sign-off link on a phone.
@Suite("Sign-off pages")
struct SignoffPageTests {
    /// Asks for a sign-off as the learner and returns the token of the link.
    static func requestLink(_ client: some TestClientProtocol, _ app: TestApplication) async throws -> String {
        let requested = try await client.json(.post, "/api/v1/learners/learner-self/signoff-requests", body: #"{"mentor": "mentor-1", "epa": "SD-EPA-K1"}"#, headers: app.headers(.learner))
        let body = try #require(requested.body as? [String: Any])
        #expect(body["link"] == nil && body["qr"] == nil, "the link reaches only the mentor, by mail")
        let id = try #require((body["request"] as? [String: Any])?["id"] as? String)
        return try #require(try await app.mailedToken(id))
    }

    static func html(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, form: String? = nil) async throws -> (status: HTTPResponse.Status, html: String, headers: HTTPFields) {
        try await client.execute(uri: uri, method: method, headers: form == nil ? [:] : [.contentType: "application/x-www-form-urlencoded"],
                                 body: form.map { ByteBuffer(string: $0) }) { ($0.status, String(buffer: $0.body), $0.headers) }
    }

    @Test("The form shows the learner, the EPA's levels and the mentor's details, with headers that keep the link secret")
    func formShowsWhatToSign() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let token = try await Self.requestLink(client, app)
            let page = try await Self.html(client, .get, "/signoff/\(token)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Sanne de Vries"))
            #expect(page.html.contains("Fatima el Amrani"))
            #expect(page.html.contains(#"name="level" value="4""#))
            #expect(!page.html.contains("role=\"alert\"") && !page.html.contains(">nil<") && !page.html.contains("nil"),
                    "a fresh page has no alert box, and never the word nil (finding 14)")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
        }
    }

    @Test("Signing through the form records the observation; the link then says it was used")
    func signThroughTheForm() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let token = try await Self.requestLink(client, app)
            let missingFeedback = try await Self.html(client, .post, "/signoff/\(token)", form: "action=sign&level=3&date=2026-09-15&name=Fatima+el+Amrani&organisation=Bits+%26+Bytes+BV&feedback=")
            #expect(missingFeedback.status == .ok, "the form comes back with the problem")
            #expect(missingFeedback.html.contains("feedback"))

            let signed = try await Self.html(client, .post, "/signoff/\(token)", form: "action=sign&level=3&date=2026-09-15&complexity=medium&name=Fatima+el+Amrani&organisation=Bits+%26+Bytes+BV&feedback=Mooi+werk%2C+netjes+getest.")
            #expect(signed.status == .ok)
            #expect(signed.html.contains("Dank u wel"))

            let again = try await Self.html(client, .get, "/signoff/\(token)")
            #expect(again.status == .gone)
            let observations = try await client.json(.get, "/api/v1/learners/learner-self/observations", headers: app.headers(.coach))
            #expect((observations.body as? [[String: Any]])?.first?["level"] as? String == "3")
        }
    }

    @Test("An unknown link gets a page that says so, not an error")
    func unknownLink() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let page = try await Self.html(client, .get, "/signoff/\(String(repeating: "x", count: 43))")
            #expect(page.status == .notFound)
            #expect(page.html.contains("Deze link werkt niet"))
        }
    }

    @Test("Declining through the form keeps the reason and uses the link up")
    func declineThroughTheForm() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let token = try await Self.requestLink(client, app)
            let declined = try await Self.html(client, .post, "/signoff/\(token)", form: "action=decline&reason=Ik+heb+dit+niet+zelf+gezien")
            #expect(declined.html.contains("Geweigerd"))
            #expect(try await Self.html(client, .get, "/signoff/\(token)").status == .gone)
        }
    }

    @Test("A problem with the form reads in Dutch on a Dutch page and in English on an English one, never the other way round")
    func problemsInTheVisitorsLanguage() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let token = try await Self.requestLink(client, app)
            let form = "action=sign&level=3&date=2026-09-15&name=Fatima+el+Amrani&organisation=Bits+%26+Bytes+BV&feedback=+"
            let dutch = try await client.page(.post, "/signoff/\(token)", form: form, language: "nl-NL,nl;q=0.9")
            #expect(dutch.html.contains("Schrijf een paar woorden feedback"), "\(dutch.html)")
            #expect(!dutch.html.contains("write a few words"), "the core's English sentence stays off a Dutch page")
            #expect(dutch.html.contains(#"<html lang="nl">"#))
            let english = try await client.page(.post, "/signoff/\(token)", form: form, language: "en-GB,en;q=0.9")
            #expect(english.html.contains("write a few words of feedback"), "\(english.html)")
            #expect(english.html.contains("How independently did Sanne de Vries do it?"))
            #expect(!english.html.contains("Ondertekenen"), "the English form has no Dutch button")
            let noName = try await client.page(.post, "/signoff/\(token)", form: "action=sign&level=3&date=2026-09-15&name=&organisation=X&feedback=Goed", language: "nl")
            #expect(noName.html.contains("Vul uw naam in."))
        }
    }

    @Test("A mentor with an account sees their open requests and their learners, but never the link")
    func mentorSeesOpenRequests() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let token = try await Self.requestLink(client, app)
            let page = try await client.page(.get, "/learners", headers: app.headers(.mentor))
            #expect(page.status == .ok)
            #expect(page.html.contains("Open aanvragen om af te tekenen"))
            #expect(page.html.contains(#"href="/learners/learner-self""#), "the learner of the request")
            #expect(!page.html.contains(token) && !page.html.contains("/signoff/"), "the link is only in the mentor's mail")
            #expect(!page.html.contains("Kees"), "only this mentor's learners")
            let signed = try await client.page(.post, "/signoff/\(token)", form: "action=sign&level=3&date=2026-09-15&name=Fatima&organisation=Bits&feedback=Goed+gedaan")
            #expect(signed.status == .ok)
            let after = try await client.page(.get, "/learners", headers: app.headers(.mentor))
            #expect(after.html.contains("Er wacht niets op uw handtekening."), "a signed request is no longer open")
        }
    }

    @Test("A learner asks her mentor for a sign-off from her page: the page says where the mail went, never the link, and the mentor's mail carries it")
    func learnerAsksFromHerPage() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let page = try await client.page(.get, "/learners/learner-self", headers: app.headers(.learner))
            #expect(page.html.contains(#"<option value="mentor-1">Fatima el Amrani (Bits &amp; Bytes BV)</option>"#), "her current mentor")
            #expect(!page.html.contains("Kees Jansen"), "not another learner's mentor")
            #expect(page.html.contains(#"<option value="SD-EPA-K1">"#))
            let asked = try await client.page(.post, "/learners/learner-self/signoff-requests", form: "mentor=mentor-1&epa=SD-EPA-K1", headers: app.headers(.learner))
            #expect(asked.status == .seeOther)
            let location = try #require(asked.headers[.location])
            #expect(location.hasPrefix("/learners/learner-self?asked=") && !location.contains("signoff/"), "\(location)")
            let after = try await client.page(.get, location, headers: app.headers(.learner))
            #expect(after.html.contains("De link is per e-mail gestuurd naar f…@"), "\(after.html)")
            #expect(!after.html.contains("/signoff/"))
            let open = try await client.json(.get, "/api/v1/mentor/requests", headers: app.headers(.mentor))
            #expect((open.body as? [[String: Any]])?.count == 1, "one open request for the mentor")
            let wrong = try await client.page(.post, "/learners/learner-self/signoff-requests", form: "mentor=mentor-2&epa=SD-EPA-K1", headers: app.headers(.learner))
            #expect(wrong.status == .unprocessableContent, "another learner's mentor is refused")
            #expect(wrong.html.contains("Dat kan niet: deze praktijkopleider begeleidt je nu niet"), "\(wrong.html)")
        }
    }
}
