@testable import ErkendServer
import ErkendCore
import Foundation
import HTTPTypes
import Testing

/// The limits that keep one client from wearing the registry down: token
/// creation and sign-off links are rate limited, and pages have a largest size.
/// (Body size and sign-in limits are tested with their routes.)
@Suite("Limits")
struct LimitsTests {
    @Test("An account creates at most 10 API tokens a minute; another account is not slowed down by it")
    func tokenCreationRateLimit() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let body = #"{"name": "script", "scopes": ["catalogue:read"]}"#
            // Tokens are made in a session (a token needs the admin scope to manage its account).
            let (designerCookie, designerCSRF, _) = try await SessionTests.signIn(client, "designer@example.org")
            let (coachCookie, coachCSRF, _) = try await SessionTests.signIn(client, "coach@example.org")
            let csrf = HTTPField.Name("X-CSRF-Token")!
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<11 {
                statuses.append(try await client.json(.post, "/api/v1/tokens", body: body, headers: [.cookie: designerCookie, csrf: designerCSRF]).status)
            }
            let other = try await client.json(.post, "/api/v1/tokens", body: body, headers: [.cookie: coachCookie, csrf: coachCSRF])

            #expect(statuses.prefix(10).allSatisfy { $0 == .created }, "\(statuses)")
            #expect(statuses.last == .tooManyRequests)
            #expect(other.status == .created)
        }
    }

    @Test("Sign-off links are rate limited per address: the 31st use within a minute is refused with 429")
    func signoffLinkRateLimit() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            let unknown = "/api/v1/signoff/" + String(repeating: "A", count: 43)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<31 {
                statuses.append(try await client.json(.get, unknown).status)
            }

            #expect(statuses.prefix(30).allSatisfy { $0 == .notFound }, "\(statuses)")
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test("A page holds at most 200 items; a larger pageSize is refused with a reason")
    func pageSizeLimit() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let largest = try await client.json(.get, "/api/v1/units?pageSize=200")
            let tooLarge = try await client.json(.get, "/api/v1/units?pageSize=201")

            #expect(largest.status == .ok)
            #expect(tooLarge.status == .badRequest)
            #expect((tooLarge.body["detail"] as? String ?? "").contains("between 1 and 200"))
        }
    }
}
