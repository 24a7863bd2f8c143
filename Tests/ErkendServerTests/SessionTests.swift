@testable import ErkendServer
import ErkendCore
import ErkendStore
import HTTPTypes
import ErkendTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Signing in, sessions and tokens")
struct SessionTests {
    static let password = "correct horse battery staple"

    /// Signs in and returns the cookie header value and the CSRF token.
    static func signIn(_ client: some TestClientProtocol, _ username: String, _ password: String = SessionTests.password) async throws -> (cookie: String, csrf: String, status: HTTPResponse.Status) {
        try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: "{\"username\": \"\(username)\", \"password\": \"\(password)\"}")) { response in
            let setCookie = response.headers[.setCookie] ?? ""
            let cookie = String(setCookie.split(separator: ";").first ?? "")
            let body = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            return (cookie, body?["csrfToken"] as? String ?? "", response.status)
        }
    }

    @Test("Signing in sets a Secure, HttpOnly, SameSite cookie and the session works with its CSRF token")
    func cookieSession() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let setCookie = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                     body: ByteBuffer(string: "{\"username\": \"designer@example.org\", \"password\": \"\(Self.password)\"}")) {
                $0.headers[.setCookie] ?? ""
            }
            #expect(setCookie.contains("Secure"))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))

            let (cookie, csrf, _) = try await Self.signIn(client, "designer@example.org")
            let whoAmI = try await client.json(.get, "/api/v1/session", headers: [.cookie: cookie])
            #expect((whoAmI.body["account"] as? [String: Any])?["username"] as? String == "designer@example.org")

            let body = "{\"code\": \"LO-C\", \"statement\": {\"nl\": \"Iets\"}}"
            let withoutCSRF = try await client.json(.post, "/api/v1/outcomes", body: body, headers: [.cookie: cookie])
            #expect(withoutCSRF.status == .forbidden, "an unsafe request with only the cookie is refused")
            let withCSRF = try await client.json(.post, "/api/v1/outcomes", body: body, headers: [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(withCSRF.status == .created)

            let signOut = try await client.json(.delete, "/api/v1/session", headers: [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(signOut.status == .noContent)
            let afterSignOut = try await client.json(.get, "/api/v1/session", headers: [.cookie: cookie])
            #expect(afterSignOut.status == .unauthorized)
        }
    }

    @Test("A wrong password and an unknown user get the same answer")
    func wrongPassword() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let wrong = try await client.json(.post, "/api/v1/session", body: "{\"username\": \"coach@example.org\", \"password\": \"nope nope nope\"}")
            let unknown = try await client.json(.post, "/api/v1/session", body: "{\"username\": \"nobody@example.org\", \"password\": \"nope nope nope\"}")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.body["detail"] as? String == unknown.body["detail"] as? String)
        }
    }

    @Test("Five failed attempts from one address make that address wait, even with the right password")
    func lockout() async throws {
        let app = try await TestApplication()
        for _ in 0..<5 {
            await #expect(throws: ErkendError.self) {
                _ = try await app.services.auth.signIn(username: "coach@example.org", password: "wrong password!")
            }
        }
        let error = await #expect(throws: ErkendError.self) {
            _ = try await app.services.auth.signIn(username: "coach@example.org", password: Self.password)
        }
        #expect(error?.code == .limitExceeded)
        #expect(error?.message.contains("try again in") == true)
    }

    @Test("Sign-ins from one address are rate limited")
    func signInRateLimit() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<12 {
                statuses.append(try await client.json(.post, "/api/v1/session", body: "{\"username\": \"x\(index)@example.org\", \"password\": \"y\"}").status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test("An API token works until it is revoked, and only within its scopes")
    func tokens() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            // Tokens are made in a session: only an administrator's token (scope admin) manages an account.
            let (cookie, csrf, _) = try await Self.signIn(client, "designer@example.org")
            let session: HTTPFields = [.cookie: cookie, HTTPField.Name("X-CSRF-Token")!: csrf]
            let created = try await client.json(.post, "/api/v1/tokens", body: "{\"name\": \"export script\", \"scopes\": [\"catalogue:read\"]}", headers: session)
            #expect(created.status == .created)
            let secret = try #require(created.body["secret"] as? String)
            let id = try #require((created.body["token"] as? [String: Any])?["id"] as? String)
            let bearer: HTTPFields = [.authorization: "Bearer \(secret)"]

            #expect(try await client.json(.get, "/api/v1/catalog/validation", headers: bearer).status == .ok)
            let write = try await client.json(.post, "/api/v1/outcomes", body: "{\"code\": \"A\", \"statement\": {\"nl\": \"x\"}}", headers: bearer)
            #expect(write.status == .forbidden, "the token lacks catalogue:write although its account is a designer")

            #expect(try await client.json(.delete, "/api/v1/tokens/\(id)", headers: session).status == .noContent)
            #expect(try await client.json(.get, "/api/v1/catalog/validation", headers: bearer).status == .unauthorized)
        }
    }

    @Test("A disabled account cannot sign in and its token stops working")
    func disabledAccount() async throws {
        let app = try await TestApplication()
        var coach = try #require(try await app.store.accounts.account(Account.ID(trusted: "account-coach")))
        coach.isDisabled = true
        try await app.store.accounts.update(coach)
        try await app.test { client in
            #expect(try await client.json(.get, "/api/v1/session", headers: app.headers(.coach)).status == .unauthorized)
            let (_, _, status) = try await Self.signIn(client, "coach@example.org")
            #expect(status == .unauthorized)
        }
    }
}
