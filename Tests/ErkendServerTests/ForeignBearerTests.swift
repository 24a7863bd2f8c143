@testable import ErkendServer
import ErkendCore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Erkend's own API tokens start with `erk_`; wallets send OpenID4VCI access tokens in the same
/// `Authorization: Bearer` header. The middleware must take only the first kind as a sign-in.
@Suite("Bearer tokens that are not Erkend's")
struct ForeignBearerTests {
    @Test("a bearer token without the erk_ prefix leaves a public route open and a protected route at 401")
    func foreignBearer() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let foreign: HTTPFields = [.authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl"]
            #expect(try await client.json(.get, "/.well-known/did.json", headers: foreign).status == .ok,
                    "a public route is served as to anyone without an account")
            let protected = try await client.json(.get, "/api/v1/catalog/validation", headers: foreign)
            #expect(protected.status == .unauthorized)
            #expect((protected.body["detail"] as? String)?.contains("sign in") == true)
        }
    }

    @Test("an unknown erk_ token is still refused, even on a public route")
    func unknownErkendToken() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let unknown: HTTPFields = [.authorization: "Bearer \(AuthService.tokenPrefix)not-a-real-token"]
            let published = try await client.json(.get, "/.well-known/did.json", headers: unknown)
            let protected = try await client.json(.get, "/api/v1/catalog/validation", headers: unknown)
            #expect(published.status == .unauthorized)
            #expect(protected.status == .unauthorized)
        }
    }

    @Test("the erk_ secret is taken from the header only with the bearer scheme")
    func parsing() {
        #expect(AuthenticationMiddleware.erkendBearer("Bearer erk_abc") == "erk_abc")
        #expect(AuthenticationMiddleware.erkendBearer("bearer erk_abc") == "erk_abc")
        #expect(AuthenticationMiddleware.erkendBearer("Bearer eyJ.x.y") == nil)
        #expect(AuthenticationMiddleware.erkendBearer("Basic erk_abc") == nil)
        #expect(AuthenticationMiddleware.erkendBearer("DPoP erk_abc") == nil)
    }
}
