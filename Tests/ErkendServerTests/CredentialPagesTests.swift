@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Credential pages: the learner's own and the public check")
struct CredentialPagesTests {
    @Test("the learner sees her awards with downloads and gets a wallet QR code; staff get no such page")
    func learnerPage() async throws {
        let app = try await TestApplication(demo: true)
        let award = try AwardRules.award(for: ProgressionSamples.result(learner: TestApplication.learnerID), id: "AW-1")
        try await app.store.awards.create(award, audit: ProgressionSamples.audit(AuditAction.awardCreated))
        let learner: HTTPFields = [.authorization: "Bearer \(app.tokens[.learner]!)"]
        let coach: HTTPFields = [.authorization: "Bearer \(app.tokens[.coach]!)"]
        try await app.test { client in
            let page = try await client.page(.get, "/learners/\(TestApplication.learnerID)/credentials", headers: learner, language: "nl")
            #expect(page.status == .ok)
            #expect(page.html.contains("Mijn credentials") && page.html.contains("U-1@1") && page.html.contains("klaar om op te halen"))
            #expect(page.html.contains("/api/v1/learners/\(TestApplication.learnerID)/awards/AW-1/ob3"))
            #expect(page.html.contains("Aan wallet toevoegen"))
            let staff = try await client.page(.get, "/learners/\(TestApplication.learnerID)/credentials", headers: coach)
            #expect(staff.status == .forbidden)
            let offer = try await client.page(.post, "/learners/\(TestApplication.learnerID)/credentials/AW-1/offer", form: "csrf=", headers: learner,
                                              language: "en")
            #expect(offer.status == .ok)
            #expect(offer.html.contains("<svg") && offer.html.contains("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Ferkend.test"))
            #expect(offer.html.contains("Add to your wallet"))
        }
    }

    @Test("anyone pastes a credential on the public page and reads the result in words; what is not a credential is said so")
    func verifyPage() async throws {
        let app = try await TestApplication()
        let external = try String(contentsOf: RepositoryRoot.path("Tests/LinkedDataTests/Resources/examples/ob3/validator-simple-did-key.signed.json"),
                                  encoding: .utf8)
        try await app.test { client in
            let form = try await client.page(.get, "/verify", language: "nl")
            #expect(form.status == .ok && form.html.contains("<textarea") && form.html.contains("Credential controleren"))
            let garbage = try await client.page(.post, "/verify", form: "credential=hello", language: "nl")
            #expect(garbage.html.contains("Dit is geen credential die Erkend kan lezen"))
            let encoded = external.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let checked = try await client.page(.post, "/verify", form: "credential=\(encoded)", language: "en")
            #expect(checked.html.contains("This credential is valid."))
            #expect(checked.html.contains("not checked (another issuer"))
            let tampered = external.replacingOccurrences(of: "Andy F. Miller", with: "Someone Else")
            let refused = try await client.page(.post, "/verify", form: "credential=\(tampered.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                                language: "en")
            #expect(refused.html.contains("This credential is not valid."))
        }
    }
}
