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

    static let boundary = "----erkend-verify-2f9c1e"

    static func multipart(file: String, name: String = "badge.json") -> String {
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/json\r\n\r\n"
            + file + "\r\n--\(boundary)--\r\n"
    }

    func upload(_ client: some TestClientProtocol, _ body: String, language: String) async throws -> (status: HTTPResponse.Status, html: String) {
        let headers: HTTPFields = [.accept: "text/html", .acceptLanguage: language, .contentType: "multipart/form-data; boundary=\(Self.boundary)"]
        return try await client.execute(uri: "/verify", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    @Test("anyone uploads a credential file on the public page instead of pasting; a file too large, not text or cut off is refused with words")
    func verifyUpload() async throws {
        let app = try await TestApplication()
        let external = try String(contentsOf: RepositoryRoot.path("Tests/LinkedDataTests/Resources/examples/ob3/validator-simple-did-key.signed.json"),
                                  encoding: .utf8)
        try await app.test { client in
            let form = try await client.page(.get, "/verify", language: "en")
            #expect(form.html.contains("enctype=\"multipart/form-data\"") && form.html.contains("type=\"file\""))
            let checked = try await upload(client, Self.multipart(file: external), language: "en")
            #expect(checked.status == .ok)
            #expect(checked.html.contains("This credential is valid."))
            let tampered = try await upload(client, Self.multipart(file: external.replacingOccurrences(of: "Andy F. Miller", with: "Someone Else")), language: "en")
            #expect(tampered.html.contains("This credential is not valid."))
            let pasted = "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\nhello\r\n--\(Self.boundary)--\r\n"
            #expect(try await upload(client, pasted, language: "nl").html.contains("Dit is geen credential die Erkend kan lezen"))
            let binary = try await upload(client, Self.multipart(file: "\u{FFFD}\u{0}PNG"), language: "en")
            #expect(binary.status == .ok && binary.html.contains("not text (UTF-8)"))
            let large = try await upload(client, Self.multipart(file: String(repeating: " ", count: CredentialPagesController.maximumFile + 1) + external),
                                         language: "en")
            #expect(large.status == .contentTooLarge)
            let cut = String(Self.multipart(file: external).dropLast(10))
            let cutOff = try await upload(client, cut, language: "en")
            #expect(cutOff.html.contains("cut off"))
        }
    }
}
