import ErkendCore
@testable import ErkendServer
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The web interface driven in-process: layout, language, errors, sign-in, and each role's pages.
@Suite("Web pages")
struct PagesTests {
    static let skill = "http://data.europa.eu/esco/skill/3bddfd7c-ab6d-40c2-883d-5e97fb7640ba"

    @Test("The public catalogue lists published programmes and units with their reuse, and credits ESCO")
    func publicCatalogue() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let home = try await client.page(.get, "/")
            #expect(home.status == .ok)
            #expect(home.html.contains(#"<html lang="nl">"#))
            #expect(home.html.contains(#"href="/programmes/SD-25604""#))
            #expect(home.html.contains("in opleidingen"), "each unit shows in how many programmes it is used")
            #expect(home.html.contains("Deze dienst gebruikt de ESCO-classificatie van de Europese Commissie."))
            #expect(home.html.contains(#"href="/sign-in""#))

            let programme = try await client.page(.get, "/programmes/SD-25604")
            #expect(programme.status == .ok)
            #expect(programme.html.contains(#"href="/units/"#))
            #expect(programme.html.contains(#"href="/epas/SD-EPA-K1""#))

            let search = try await client.page(.get, "/?q=zzzzqqq")
            #expect(search.html.contains("Niets gevonden"))
        }
    }

    @Test("Pages carry a CSP without inline script, refuse framing, send no referrer, and HSTS when the public URL is https")
    func securityHeaders() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let home = try await client.page(.get, "/")
            let policy = try #require(home.header("Content-Security-Policy"))
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(home.header("Referrer-Policy") == "no-referrer")
            #expect(home.header("Strict-Transport-Security")?.hasPrefix("max-age=") == true, "the test application's public URL is https")
            #expect(home.headers[.cacheControl] == "no-cache", "the public catalogue may be kept, but is checked first")

            let personal = try await client.page(.get, "/learners/learner-self", headers: app.headers(.learner))
            #expect(personal.status == .ok)
            #expect(personal.headers[.cacheControl] == "no-store")
            #expect(!personal.html.contains("<script>"), "no inline script")

            let script = try await client.page(.get, "/static/erkend.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
        }
    }

    @Test("The language follows Accept-Language, and ?lang= switches it and is remembered in a cookie")
    func language() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let english = try await client.page(.get, "/", language: "en-GB,en;q=0.9,nl;q=0.5")
            #expect(english.html.contains(#"<html lang="en">"#))
            #expect(english.html.contains("This service uses the ESCO classification of the European Commission."))
            #expect(english.html.contains(">Sign in<"))

            let switched = try await client.page(.get, "/?lang=nl", language: "en")
            #expect(switched.html.contains(#"<html lang="nl">"#))
            #expect(switched.cookies.contains("erkend_lang=nl"))

            let remembered = try await client.page(.get, "/", headers: [.cookie: "erkend_lang=en"], language: "nl")
            #expect(remembered.html.contains(#"<html lang="en">"#))
            let unknown = try await client.page(.get, "/?lang=xx", language: "de, fr;q=0.8")
            #expect(unknown.html.contains(#"<html lang="nl">"#), "Dutch when no asked language has a table")
        }
    }

    @Test("An unknown page is a friendly page in the visitor's language that shows no internals")
    func friendlyErrors() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let missing = try await client.page(.get, "/nothing/here", language: "en")
            #expect(missing.status == .notFound)
            #expect(missing.html.contains("Page not found"))
            #expect(!missing.html.contains("no such route"))
            #expect(missing.headers[.contentType]?.hasPrefix("text/html") == true)

            let unknownUnit = try await client.page(.get, "/units/NOPE-1")
            #expect(unknownUnit.status == .notFound)
            #expect(unknownUnit.html.contains("Pagina niet gevonden"))

            let api = try await client.json(.get, "/api/v1/nothing", headers: [.accept: "text/html"])
            #expect(api.headers[.contentType] == "application/problem+json", "the API keeps its problem documents")
        }
    }

    @Test("A page that needs an account sends the visitor to sign in, and one the role may not see is refused")
    func access() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let anonymous = try await client.page(.get, "/learners/learner-self")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/sign-in?next=/learners/learner-self")

            let other = try await client.page(.get, "/learners/learner-other", headers: app.headers(.learner))
            #expect(other.status == .forbidden)
            #expect(other.html.contains("Geen toegang"))
            #expect(!other.html.contains("Daan Bakker"))

            let design = try await client.page(.get, "/design", headers: app.headers(.learner))
            #expect(design.status == .forbidden)
            let learnerHome = try await client.page(.get, "/", headers: app.headers(.learner))
            #expect(learnerHome.html.contains(#"href="/learners/learner-self""#), "the navigation offers a learner their own progress")
            #expect(!learnerHome.html.contains(#"href="/design""#), "and not the designer's pages")
        }
    }

    @Test("Signing in through the form starts a session; a form without its sign-in token or with a wrong password is refused")
    func signIn() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let form = try await client.page(.get, "/sign-in?next=/design")
            let token = try #require(inputValue("form", in: form.html))
            let formCookie = try #require(form.cookies.split(separator: "\n").first { $0.hasPrefix("erkend_signin=") }?.split(separator: ";").first)
            #expect(inputValue("next", in: form.html) == "/design")

            let forged = try await client.page(.post, "/sign-in", form: "username=designer%40example.org&password=correct+horse+battery+staple&form=\(token)")
            #expect(forged.status == .badRequest, "without the form's cookie the sign-in is refused")
            #expect(!forged.cookies.contains("erkend_session="))

            let wrong = try await client.page(.post, "/sign-in", form: "username=designer%40example.org&password=nope&form=\(token)&next=%2Fdesign",
                                              headers: [.cookie: String(formCookie)])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("Inloggen lukte niet"))

            let signedIn = try await client.page(.post, "/sign-in", form: "username=designer%40example.org&password=correct+horse+battery+staple&form=\(token)&next=%2Fdesign",
                                                 headers: [.cookie: String(formCookie)])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/design")
            let session = try #require(signedIn.cookies.split(separator: "\n").first { $0.hasPrefix("erkend_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
            let cookie = String(session.split(separator: ";").first!)

            let design = try await client.page(.get, "/design", headers: [.cookie: cookie])
            #expect(design.status == .ok)
            #expect(design.html.contains("Test designer"))
            let csrf = try #require(inputValue("csrf", in: design.html))

            let noToken = try await client.page(.post, "/sign-out", form: "csrf=wrong", headers: [.cookie: cookie])
            #expect(noToken.status == .forbidden, "a form post of a session without its CSRF token is refused")
            let out = try await client.page(.post, "/sign-out", form: "csrf=\(csrf)", headers: [.cookie: cookie])
            #expect(out.status == .seeOther)
            let after = try await client.page(.get, "/design", headers: [.cookie: cookie])
            #expect(after.status == .seeOther, "the session ended")
        }
    }

    @Test("A learner sees their phase, what's next, the skills profile and a link to export their data")
    func learnerPage() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            try await client.json(.post, "/api/v1/learners/learner-self/observations",
                                  body: #"{"epa": "SD-EPA-K1", "date": "2026-09-01", "level": "3", "feedback": "Netjes getest."}"#, headers: app.headers(.coach))
            let page = try await client.page(.get, "/learners/learner-self", headers: app.headers(.learner))
            #expect(page.status == .ok)
            #expect(page.html.contains("Sanne de Vries"))
            #expect(page.html.contains("Huidige fase"))
            #expect(page.html.contains("Wat is de volgende stap?"))
            #expect(page.html.contains("Vaardighedenprofiel"))
            #expect(page.html.contains("Netjes getest."), "the new observation is among the evidence")
            #expect(page.html.contains(#"href="/api/v1/learners/learner-self/export""#))

            let english = try await client.page(.get, "/learners/learner-self?lang=en", headers: app.headers(.learner))
            #expect(english.html.contains("Current phase"))
            #expect(english.html.contains("Skills profile"))
        }
    }

    @Test("A learner switches sharing with their mentor on and off; each change is recorded, and a coach may not switch them")
    func sharingSwitches() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let page = try await client.page(.get, "/learners/learner-self", headers: app.headers(.learner))
            #expect(page.html.contains(#"name="grades-to-mentors""#) && !page.html.contains(#"name="grades-to-mentors" id="share-grades-to-mentors" checked"#))
            let coach = try await client.page(.get, "/learners/learner-self", headers: app.headers(.coach))
            #expect(!coach.html.contains("sharing-form"), "only the learner (and an administrator) sets the switches")
            let shared = try await client.page(.post, "/learners/learner-self/sharing", form: "grades-to-mentors=on", headers: app.headers(.learner))
            #expect(shared.status == .seeOther)
            var consents = try await client.json(.get, "/api/v1/learners/learner-self/consents", headers: app.headers(.learner))
            var list = try #require(consents.body as? [[String: Any]])
            #expect(list.contains { $0["purpose"] as? String == "grades-to-mentors" && $0["granted"] as? Bool == true }, "\(list)")
            #expect(!list.contains { $0["purpose"] as? String == "evidence-to-mentors" && $0["granted"] as? Bool == true })
            let after = try await client.page(.get, "/learners/learner-self?shared=1", headers: app.headers(.learner))
            #expect(after.html.contains(#"id="share-grades-to-mentors" checked"#))
            #expect(after.html.contains("Je keuzes zijn opgeslagen."))
            _ = try await client.page(.post, "/learners/learner-self/sharing", form: "", headers: app.headers(.learner))
            consents = try await client.json(.get, "/api/v1/learners/learner-self/consents", headers: app.headers(.learner))
            list = try #require(consents.body as? [[String: Any]])
            #expect(list.contains { $0["purpose"] as? String == "grades-to-mentors" && $0["granted"] as? Bool == false }, "switched off again: \(list)")
            let refused = try await client.page(.post, "/learners/learner-self/sharing", form: "grades-to-mentors=on", headers: app.headers(.coach))
            #expect(refused.status == .forbidden, "a coach cannot give consent for a learner")
        }
    }

    @Test("The committee reads the chart and the rule check, and records a decision through the form")
    func committeeDecision() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            for (date, level) in [("2026-08-01", "2"), ("2026-08-20", "3")] {
                let recorded = try await client.json(.post, "/api/v1/learners/learner-self/observations",
                                                     body: #"{"epa": "SD-EPA-K1", "date": "\#(date)", "level": "\#(level)", "feedback": "Goed bezig."}"#, headers: app.headers(.coach))
                #expect(recorded.status == .created)
            }
            let page = try await client.page(.get, "/learners/learner-self/epas/SD-EPA-K1?level=3", headers: app.headers(.assessor))
            #expect(page.status == .ok)
            #expect(page.html.contains("<svg"))
            #expect(page.html.components(separatedBy: "<circle").count - 1 == 2, "one dot per observation")
            #expect(page.html.contains("De beslisregel is niet gehaald"))
            #expect(page.html.contains("1 van 3 observaties op niveau 3 of hoger"))
            #expect(page.html.contains(#"name="overrideReason""#))

            let learnerView = try await client.page(.get, "/learners/learner-self/epas/SD-EPA-K1", headers: app.headers(.learner))
            #expect(learnerView.status == .ok)
            #expect(!learnerView.html.contains(#"name="committee""#), "a learner sees the chart but not the decision form")

            let refused = try await client.page(.post, "/learners/learner-self/epas/SD-EPA-K1/decisions",
                                                form: "level=3&committee=Examencommissie+ICT&deciders=J.+de+Boer", headers: app.headers(.assessor))
            #expect(refused.status == .unprocessableContent, "a decision the rule does not support needs a reason")
            #expect(refused.html.contains(#"role="alert""#))
            #expect(refused.html.contains("Dit besluit volgt niet uit de beslisregel"), "the reason in Dutch on a Dutch page")

            let decided = try await client.page(.post, "/learners/learner-self/epas/SD-EPA-K1/decisions",
                                                form: "level=3&committee=Examencommissie+ICT&deciders=J.+de+Boer%2C+A.+Yilmaz&overrideReason=Portfolio+van+de+vorige+opleiding",
                                                headers: app.headers(.assessor))
            #expect(decided.status == .seeOther)
            #expect(decided.headers[.location] == "/learners/learner-self/epas/SD-EPA-K1?decided=1")
            let decisions = try await client.json(.get, "/api/v1/learners/learner-self/decisions", headers: app.headers(.coach))
            let first = try #require((decisions.body as? [[String: Any]])?.first)
            #expect(first["level"] as? String == "3")
            #expect(first["deciders"] as? [String] == ["J. de Boer", "A. Yilmaz"])

            let coachPost = try await client.page(.post, "/learners/learner-self/epas/SD-EPA-K1/decisions",
                                                  form: "level=2&committee=X&deciders=Y&overrideReason=Z", headers: app.headers(.coach))
            #expect(coachPost.status == .forbidden, "only the committee decides")
        }
    }

    @Test("A designer finds a skill without script, saves a unit with an aligned outcome, publishes it, and the public catalogue shows it")
    func designerFlow() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            let searched = try await client.page(.post, "/design/units", form: "action=search&code=WEB-1&titleNl=Webtoegankelijkheid&skillQuery=softw", headers: designer)
            #expect(searched.status == .ok)
            #expect(searched.html.contains(#"name="skill" value="http://data.europa.eu/esco/skill/"#), "the search offers ESCO skills to choose")
            #expect(inputValue("titleNl", in: searched.html) == "Webtoegankelijkheid", "what was typed stays")

            let form = "action=save&code=WEB-1&titleNl=Webtoegankelijkheid&titleEn=Web+accessibility&unitKind=module&nlqf=4&ects=2,5"
                + "&outcomeCode=WEB-1-LU1&outcomeStatement=Toetst+een+pagina+op+WCAG&skill=\(Self.skill.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            let saved = try await client.page(.post, "/design/units", form: form, headers: designer)
            #expect(saved.status == .seeOther)
            let again = try await client.page(.post, "/design/units", form: form, headers: designer)
            #expect(again.status == .unprocessableContent, "a code that exists is refused with the form kept")
            #expect(again.html.contains("Die code bestaat al"), "in Dutch on a Dutch page")
            #expect(!again.html.contains("already exists"), "never the core's English sentence on a Dutch page")
            let againInEnglish = try await client.page(.post, "/design/units?lang=en", form: form, headers: designer)
            #expect(againInEnglish.html.contains("already exists"), "the core's own words on an English page")

            let beforePublishing = try await client.page(.get, "/")
            #expect(!beforePublishing.html.contains("Webtoegankelijkheid"), "a draft is not public")

            let published = try await client.page(.post, "/design/units/WEB-1/versions/1/publish", form: "", headers: designer)
            #expect(published.status == .seeOther)
            let home = try await client.page(.get, "/")
            #expect(home.html.contains("Webtoegankelijkheid"))
            let unit = try await client.page(.get, "/units/WEB-1?lang=en")
            #expect(unit.html.contains("Web accessibility"))
            #expect(unit.html.contains(Self.skill), "the outcome's ESCO skill is shown")

            let validation = try await client.page(.get, "/design/validation", headers: designer)
            #expect(validation.status == .ok)
            let newVersion = try await client.page(.post, "/design/units/WEB-1/versions", form: "", headers: designer)
            #expect(newVersion.status == .seeOther)
        }
    }

    @Test("A designer deprecates a published unit with what replaces it; a replacement that does not exist is refused in Dutch")
    func deprecateWithReplacement() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            for code in ["WEB-OUD", "WEB-NIEUW"] {
                let saved = try await client.page(.post, "/design/units", form: "action=save&code=\(code)&titleNl=Web+\(code)&unitKind=module", headers: designer)
                #expect(saved.status == .seeOther)
                let published = try await client.page(.post, "/design/units/\(code)/versions/1/publish", form: "", headers: designer)
                #expect(published.status == .seeOther)
            }
            let overview = try await client.page(.get, "/design", headers: designer)
            #expect(overview.html.contains(#"<option value="units/WEB-OUD/1">"#))
            let wrong = try await client.page(.post, "/design/deprecate", form: "entry=units%2FWEB-OUD%2F1&replacedBy=BESTAAT-NIET", headers: designer)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("Er is geen onderdeel van dezelfde soort met die code"), "in Dutch, with what to do")
            let done = try await client.page(.post, "/design/deprecate", form: "entry=units%2FWEB-OUD%2F1&replacedBy=WEB-NIEUW", headers: designer)
            #expect(done.status == .seeOther)
            let old = try await client.page(.get, "/units/WEB-OUD")
            #expect(old.html.contains(#"<a href="/units/WEB-NIEUW">WEB-NIEUW</a>"#), "the old unit leads to its replacement")
            let again = try await client.page(.post, "/design/deprecate", form: "entry=units%2FWEB-OUD%2F1", headers: designer)
            #expect(again.status == .unprocessableContent, "a deprecated version cannot be deprecated again")
            let learner = try await client.page(.post, "/design/deprecate", form: "entry=units%2FWEB-NIEUW%2F1", headers: app.headers(.learner))
            #expect(learner.status == .forbidden)
        }
    }

    @Test("The validation report reads in Dutch on a Dutch page and links each finding to its entry")
    func validationInDutch() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let designer = app.headers(.designer)
            let saved = try await client.page(.post, "/design/units", form: "action=save&code=ZONDER-LU&titleNl=Zonder+leeruitkomst&unitKind=module", headers: designer)
            #expect(saved.status == .seeOther)
            let dutch = try await client.page(.get, "/design/validation", headers: designer)
            #expect(dutch.html.contains("Deze leereenheid heeft geen leeruitkomsten."), "\(dutch.html)")
            #expect(dutch.html.contains(#"href="/units/ZONDER-LU""#))
            let english = try await client.page(.get, "/design/validation?lang=en", headers: designer)
            #expect(!english.html.contains("Deze leereenheid heeft geen leeruitkomsten."))
            #expect(english.html.contains("ZONDER-LU@1"))
        }
    }

    @Test("Every language table has every key of the Dutch one")
    func translationsComplete() throws {
        let translations = try Translations()
        #expect(translations.languages.first == "nl")
        #expect(translations.languages.contains("en"))
        let dutch = Set(try #require(translations.tables["nl"]).keys)
        for language in translations.languages {
            let raw = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: RepositoryRoot.path("Templates/Translations/\(language).json")))
            #expect(Set(raw.keys) == dutch, "\(language).json misses \(dutch.subtracting(raw.keys).sorted())")
        }
        #expect(Translations.preferences("nl;q=0.2, en-US, de;q=0") == ["en-us", "nl"])
    }

    @Test("The chart puts each observation at its level and date, and the target as a dashed line")
    func chart() {
        let chart = ProgressChart(levels: ["1", "2", "3", "4", "5"],
                                  points: [.init(day: "2026-01-01", level: "2", observer: "A"), .init(day: "2026-03-01", level: "4", observer: "B <b>")],
                                  title: "Observaties", description: "Stippen", target: "4")
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<circle").count - 1 == 2)
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains("B &lt;b&gt;"), "text is escaped")
        #expect(!svg.contains("style="), "no inline styles under the pages' CSP")
        let first = try? #require(svg.range(of: #"<circle cx=""#))
        #expect(first != nil)
    }
}
