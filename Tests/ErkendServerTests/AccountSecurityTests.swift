@testable import ErkendServer
import ErkendCore
import ErkendStore
import ErkendTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import GRDB
import NIOCore
import HummingbirdTesting
import Testing

/// The account findings of the outside review (issue 9) and the token scopes of issue 14.
@Suite("Account security")
struct AccountSecurityTests {
    static let password = "correct horse battery staple"
    static let csrf = HTTPField.Name("X-CSRF-Token")!

    static func newAccount(_ username: String, password: String = AccountSecurityTests.password) -> String {
        #"{"username": "\#(username)", "displayName": "Nieuw", "roles": ["coach"], "password": "\#(password)"}"#
    }

    // MARK: - Finding 1 and 15: user names and passwords

    @Test("A password or user name with a NUL or another control character is refused")
    func controlCharacters() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let nulPassword = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("nul@example.org", password: #"\u0000aaaaaaaaaaaa"#),
                                                    headers: app.headers(.administrator))
            #expect(nulPassword.status == .badRequest)
            #expect((nulPassword.body["detail"] as? String)?.contains("control characters") == true)
            let nulName = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount(#"nul\u0000@example.org"#), headers: app.headers(.administrator))
            #expect(nulName.status == .badRequest)
            let tabPassword = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("tab@example.org", password: #"aaaaaa\taaaaaa"#),
                                                    headers: app.headers(.administrator))
            #expect(tabPassword.status == .badRequest)
            // Signing in with a control character is a wrong password, never a shortened one.
            let signIn = try await client.json(.post, "/api/v1/session", body: #"{"username": "coach@example.org", "password": "\u0000"}"#)
            #expect(signIn.status == .unauthorized)
        }
    }

    @Test("User names are NFKC and case-folded, so look-alikes are one account, and invisible characters are refused")
    func userNamesNormalised() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let fullWidth = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("ＦＡtima@Example.org"), headers: app.headers(.administrator))
            #expect(fullWidth.status == .created)
            #expect(fullWidth.body["username"] as? String == "fatima@example.org")
            let again = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("FATIMA@example.org"), headers: app.headers(.administrator))
            #expect(again.status == .conflict)
            // "zoë" precomposed and decomposed are one name.
            let nfc = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("zo\u{00EB}@example.org"), headers: app.headers(.administrator))
            let nfd = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("zoe\u{0308}@example.org"), headers: app.headers(.administrator))
            #expect(nfc.status == .created)
            #expect(nfd.status == .conflict)
            for invisible in ["\u{200B}", "\u{200D}", "\u{FEFF}", "\u{2060}", "\u{00AD}"] {
                let refused = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("fat\(invisible)ima2@example.org"), headers: app.headers(.administrator))
                #expect(refused.status == .badRequest, "U+\(String(invisible.unicodeScalars.first!.value, radix: 16)) is refused")
            }
            let signIn = try await client.json(.post, "/api/v1/session", body: #"{"username": "Ｆatima@EXAMPLE.org", "password": "\#(Self.password)"}"#)
            #expect(signIn.status == .created)
        }
    }

    @Test("An account stored before names were normalised still signs in with its old name")
    func legacyUserName() async throws {
        let app = try await TestApplication()
        // "straße" was stored lowercased; its normal form folds ß to ss.
        try await app.store.database.writer.write { db in
            try db.execute(sql: "UPDATE account SET username = 'straße@example.org' WHERE username = 'coach@example.org'")
        }
        let signedIn = try await app.services.auth.signIn(username: "Straße@example.org", password: Self.password)
        #expect(signedIn.account.username == "straße@example.org")
    }

    // MARK: - Finding 2: the 72-byte limit

    @Test("Every byte of a long password counts: 72 P and 28 A does not accept 72 P and 28 B")
    func longPasswords() async throws {
        let app = try await TestApplication()
        let long = String(repeating: "P", count: 72) + String(repeating: "A", count: 28)
        let other = String(repeating: "P", count: 72) + String(repeating: "B", count: 28)
        try await AccountAdministration(accounts: app.store.accounts, passwordCost: 4).create(
            username: "long@example.org", displayName: "Lang", roles: [.coach], password: long)
        _ = try await app.services.auth.signIn(username: "long@example.org", password: long)
        let error = await #expect(throws: ErkendError.self) { _ = try await app.services.auth.signIn(username: "long@example.org", password: other) }
        #expect(error?.code == .unauthenticated)
        let stored = try #require(try await app.store.accounts.account(username: "long@example.org")?.password.hash)
        #expect(stored.hasPrefix("$erkend-hmac-bcrypt$"), "the hash records its scheme")
    }

    @Test("A plain bcrypt hash of before still signs in, and is replaced by the keyed construction on that sign-in")
    func oldHashesMigrate() async throws {
        let app = try await TestApplication()
        let account = Account(id: "account-old", username: "old@example.org", displayName: "Oud", roles: [.coach], createdAt: TestApplication.instant)
        try await app.store.accounts.create(account, passwordHash: PasswordHasher.plainBcrypt(Self.password, cost: 4))
        _ = try await app.services.auth.signIn(username: "old@example.org", password: Self.password)
        let stored = try #require(try await app.store.accounts.account(username: "old@example.org")?.password.hash)
        #expect(stored.hasPrefix("$erkend-hmac-bcrypt$0$"))
        _ = try await app.services.auth.signIn(username: "old@example.org", password: Self.password)
        let audit = try await app.store.audit.entries(after: 0, limit: 1000)
        #expect(audit.contains { $0.record.action == AuditAction.passwordRehashed && $0.record.target == "account-old" })
    }

    @Test("A hash made with another pepper does not verify, and the current pepper's hashes do")
    func peppers() throws {
        let one = try PasswordHasher.Pepper.from(String(repeating: "k", count: 32))
        let two = try PasswordHasher.Pepper.from(String(repeating: "q", count: 32))
        let hash = PasswordHasher(cost: 4, pepper: one).hash(Self.password)
        #expect(PasswordHasher(cost: 4, pepper: one).verify(Self.password, against: hash) == .match(rehash: false))
        #expect(PasswordHasher(cost: 4, pepper: two).verify(Self.password, against: hash) == .mismatch)
        // A hash made with the built-in key is still accepted once a pepper is set, and replaced.
        let builtIn = PasswordHasher(cost: 4, pepper: .builtIn).hash(Self.password)
        #expect(PasswordHasher(cost: 4, pepper: one).verify(Self.password, against: builtIn) == .match(rehash: true))
        #expect(throws: ErkendError.self) { try PasswordHasher.Pepper.from("short") }
    }

    // MARK: - Finding 3: timing and lockout

    @Test("An unknown user name takes as long as a wrong password for a real account")
    func sameTime() async throws {
        let store = try ErkendStore.inMemory()
        let services = ErkendServices(store: store, passwordCost: 10)
        try await AccountAdministration(accounts: store.accounts, passwordCost: 10).create(
            username: "real@example.org", displayName: "Echt", roles: [.coach], password: Self.password)
        func median(_ username: String) async -> Double {
            var times: [Double] = []
            for attempt in 0..<3 {
                let started = ContinuousClock.now
                _ = try? await services.auth.signIn(username: username, password: "wrong password \(attempt)", source: "timing-\(username)-\(attempt)")
                let elapsed = ContinuousClock.now - started
                times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            return times.sorted()[1]
        }
        _ = await median("warm-up@example.org")
        // One bcrypt check at the account's cost, measured on its own: an unknown name must spend
        // about as much (before, its decoy hash had cost 4 — a sixty-fourth of the time).
        let hasher = PasswordHasher(cost: 10, pepper: .builtIn)
        var checks: [Double] = []
        for _ in 0..<3 {
            let started = ContinuousClock.now
            hasher.burn("wrong password")
            let elapsed = ContinuousClock.now - started
            checks.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let check = checks.sorted()[1]
        let unknown = await median("nobody@example.org")
        #expect(unknown > check * 0.5, "unknown \(unknown) s against one bcrypt check \(check) s")
    }

    @Test("Five wrong guesses from one address slow that address down, but the owner still signs in from another, and unknown names get the same answer")
    func throttleNotLockout() async throws {
        let app = try await TestApplication()
        let auth = app.services.auth
        for _ in 0..<5 {
            _ = try? await auth.signIn(username: "coach@example.org", password: "wrong password!", source: "192.0.2.66")
            _ = try? await auth.signIn(username: "ghost@example.org", password: "wrong password!", source: "192.0.2.66")
        }
        let stranger = await #expect(throws: ErkendError.self) {
            _ = try await auth.signIn(username: "coach@example.org", password: Self.password, source: "192.0.2.66")
        }
        #expect(stranger?.code == .limitExceeded)
        #expect((stranger?.retryAfter ?? 0) > 0)
        let ghost = await #expect(throws: ErkendError.self) {
            _ = try await auth.signIn(username: "ghost@example.org", password: Self.password, source: "192.0.2.66")
        }
        #expect(ghost?.message == stranger?.message, "an unknown name is throttled with the same words")
        // The owner, elsewhere, is not locked out.
        _ = try await auth.signIn(username: "coach@example.org", password: Self.password, source: "198.51.100.7")
    }

    @Test("Guessing from many addresses slows down new addresses only; where the owner signed in before still works")
    func distributedGuessing() async throws {
        let app = try await TestApplication()
        let auth = app.services.auth
        _ = try await auth.signIn(username: "coach@example.org", password: Self.password, source: "198.51.100.7")
        for index in 0..<SignInPolicy.namewideAttemptsBeforeDelay {
            _ = try? await auth.signIn(username: "coach@example.org", password: "wrong password!", source: "203.0.113.\(index)")
        }
        let fresh = await #expect(throws: ErkendError.self) {
            _ = try await auth.signIn(username: "coach@example.org", password: Self.password, source: "203.0.113.200")
        }
        #expect(fresh?.code == .limitExceeded)
        _ = try await auth.signIn(username: "coach@example.org", password: Self.password, source: "198.51.100.7")
    }

    @Test("A 429 answer carries Retry-After")
    func retryAfter() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            var last: (status: HTTPResponse.Status, body: Any?, headers: HTTPFields)?
            for _ in 0..<6 {
                last = try await client.json(.post, "/api/v1/session", body: #"{"username": "coach@example.org", "password": "wrong password!"}"#)
            }
            #expect(last?.status == .tooManyRequests)
            #expect(Int(last?.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    // MARK: - Findings 4 and 5, issue 14: tokens

    @Test("A token cannot mint a token with a scope it lacks")
    func tokenCannotEscalate() async throws {
        let app = try await TestApplication()
        let admin = try #require(try await app.store.accounts.account(Account.ID(trusted: "account-administrator")))
        let (_, adminOnly) = try await app.services.auth.createToken(for: admin, name: "admin only", scopes: [.admin], expiresInDays: nil)
        try await app.test { client in
            let escalate = try await client.json(.post, "/api/v1/tokens", body: #"{"name": "more", "scopes": ["learners:read", "learners:write"]}"#,
                                                 headers: [.authorization: "Bearer \(adminOnly)"])
            #expect(escalate.status == .forbidden)
            let same = try await client.json(.post, "/api/v1/tokens", body: #"{"name": "same", "scopes": ["admin"]}"#,
                                             headers: [.authorization: "Bearer \(adminOnly)"])
            #expect(same.status == .created)
        }
    }

    @Test("A learner cannot create an admin token, and her learners:read token exports her own data")
    func learnerScopes() async throws {
        let app = try await TestApplication(demo: true)
        try await AccountAdministration(accounts: app.store.accounts, passwordCost: 4).create(
            username: "sanne@example.org", displayName: "Sanne", roles: [.learner], learner: TestApplication.learnerID, password: Self.password)
        try await app.test { client in
            let (cookie, csrf, _) = try await SessionTests.signIn(client, "sanne@example.org")
            let admin = try await client.json(.post, "/api/v1/tokens", body: #"{"name": "x", "scopes": ["admin"]}"#, headers: [.cookie: cookie, Self.csrf: csrf])
            #expect(admin.status == .badRequest)
            let read = try await client.json(.post, "/api/v1/tokens", body: #"{"name": "export", "scopes": ["learners:read"]}"#,
                                             headers: [.cookie: cookie, Self.csrf: csrf])
            #expect(read.status == .created)
            let secret = try #require(read.body["secret"] as? String)
            let export = try await client.json(.get, "/api/v1/learners/\(TestApplication.learnerID)/export", headers: [.authorization: "Bearer \(secret)"])
            #expect(export.status == .ok)
            let other = try await client.json(.get, "/api/v1/learners/\(TestApplication.otherLearnerID)/export", headers: [.authorization: "Bearer \(secret)"])
            #expect(other.status == .forbidden)
        }
    }

    @Test("Tokens live 90 days unless asked otherwise, and at most 365")
    func tokenLifetime() async throws {
        let app = try await TestApplication()
        let coach = try #require(try await app.store.accounts.account(Account.ID(trusted: "account-coach")))
        let (token, _) = try await app.services.auth.createToken(for: coach, name: "default", scopes: [.learnersRead], expiresInDays: nil)
        #expect(token.expiresAt == TestApplication.instant.addingTimeInterval(90 * 86400))
        await #expect(throws: ErkendError.self) {
            _ = try await app.services.auth.createToken(for: coach, name: "forever", scopes: [.learnersRead], expiresInDays: 366)
        }
        #expect(try APITokenRules.lifetimeDays("30d") == 30)
        #expect(try APITokenRules.lifetimeDays("12w") == 84)
    }

    @Test("Changing or resetting a password and disabling an account revoke its API tokens")
    func passwordChangeRevokesTokens() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            #expect(try await client.json(.get, "/api/v1/learners", headers: app.headers(.coach)).status == .ok)
            let (cookie, csrf, _) = try await SessionTests.signIn(client, "coach@example.org")
            let change = try await client.json(.put, "/api/v1/account/password",
                                               body: #"{"currentPassword": "\#(Self.password)", "newPassword": "an entirely new pass phrase"}"#,
                                               headers: [.cookie: cookie, Self.csrf: csrf])
            #expect(change.status == .noContent)
            #expect(try await client.json(.get, "/api/v1/learners", headers: app.headers(.coach)).status == .unauthorized)

            // An administrator resets the assessor's password: the assessor's token stops working.
            #expect(try await client.json(.get, "/api/v1/learners", headers: app.headers(.assessor)).status == .ok)
            let reset = try await client.json(.put, "/api/v1/accounts/account-assessor",
                                              body: #"{"username": "assessor@example.org", "displayName": "A", "roles": ["assessor"], "password": "a reset pass phrase here"}"#,
                                              headers: app.headers(.administrator))
            #expect(reset.status == .ok)
            #expect(try await client.json(.get, "/api/v1/learners", headers: app.headers(.assessor)).status == .unauthorized)

            let disable = try await client.json(.put, "/api/v1/accounts/account-designer",
                                                body: #"{"username": "designer@example.org", "displayName": "D", "roles": ["designer"], "isDisabled": true}"#,
                                                headers: app.headers(.administrator))
            #expect(disable.status == .ok)
            let tokens = try await app.store.accounts.tokens(of: Account.ID(trusted: "account-designer"))
            #expect(!tokens.isEmpty && tokens.allSatisfy { $0.revokedAt != nil })
        }
    }

    // MARK: - Finding 11: account administration in the audit chain

    @Test("Creating accounts, changing roles, disabling, resets, tokens and failed sign-ins are in the audit chain, without secrets")
    func accountAudit() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let created = try await client.json(.post, "/api/v1/accounts", body: Self.newAccount("audit@example.org"), headers: app.headers(.administrator))
            let id = try #require(created.body["id"] as? String)
            _ = try await client.json(.put, "/api/v1/accounts/\(id)", body: #"{"username": "audit@example.org", "displayName": "N", "roles": ["assessor"]}"#,
                                      headers: app.headers(.administrator))
            _ = try await client.json(.put, "/api/v1/accounts/\(id)", body: #"{"username": "audit@example.org", "displayName": "N", "roles": ["assessor"], "password": "another long pass phrase"}"#,
                                      headers: app.headers(.administrator))
            _ = try await client.json(.put, "/api/v1/accounts/\(id)", body: #"{"username": "audit@example.org", "displayName": "N", "roles": ["assessor"], "isDisabled": true}"#,
                                      headers: app.headers(.administrator))
            let token = try await client.json(.post, "/api/v1/tokens", body: #"{"name": "t", "scopes": ["admin"]}"#, headers: app.headers(.administrator))
            let tokenID = try #require((token.body["token"] as? [String: Any])?["id"] as? String)
            _ = try await client.json(.delete, "/api/v1/tokens/\(tokenID)", headers: app.headers(.administrator))
            _ = try await client.json(.post, "/api/v1/session", body: #"{"username": "coach@example.org", "password": "wrong password!"}"#)

            let entries = try await app.store.audit.entries(after: 0, limit: 1000)
            let actions = entries.map(\.record.action)
            for action in [AuditAction.accountCreated, AuditAction.accountRolesChanged, AuditAction.passwordReset, AuditAction.accountDisabled,
                           AuditAction.tokenCreated, AuditAction.tokenRevoked, AuditAction.signInFailed] {
                #expect(actions.contains(action), "\(action) is audited")
            }
            let secret = try #require(token.body["secret"] as? String)
            #expect(!entries.contains { $0.record.mentions(secret) || $0.record.mentions("another long pass phrase") || $0.record.mentions("wrong password!") })
            #expect(try await app.store.audit.verify().isIntact)
        }
    }

    // MARK: - Findings 7 to 10, 13 and 16: the HTTP edge

    @Test("A body over the limit is 413 on sign-in and on signing, never 429")
    func bodyTooLarge() async throws {
        let app = try await TestApplication()
        let large = "{\"username\": \"" + String(repeating: "a", count: 1_100_000) + "\", \"password\": \"x\"}"
        try await app.test { client in
            let signIn = try await client.json(.post, "/api/v1/session", body: large)
            #expect(signIn.status == .contentTooLarge)
            let sign = try await client.json(.post, "/api/v1/signoff/\(String(repeating: "x", count: 43))/sign", body: large)
            #expect(sign.status == .contentTooLarge)
        }
    }

    @Test("A query parameter over 200 characters is a clear 400, also anonymously")
    func longQuery() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let long = String(repeating: "a", count: 50_001)
            let anonymous = try await client.json(.get, "/api/v1/skills?q=\(long)")
            #expect(anonymous.status == .badRequest)
            #expect((anonymous.body["detail"] as? String)?.contains("200 characters") == true)
            let learners = try await client.json(.get, "/api/v1/learners?q=\(String(repeating: "b", count: 201))", headers: app.headers(.coach))
            #expect(learners.status == .badRequest)
            let fine = try await client.json(.get, "/api/v1/learners?q=\(String(repeating: "b", count: 200))", headers: app.headers(.coach))
            #expect(fine.status == .ok)
        }
    }

    @Test("Every response says nosniff, and personal data and secrets say no-store")
    func responseHeaders() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            for (uri, headers) in [("/api/v1/skills", HTTPFields()), ("/no/such/route", [:]), ("/api/v1/learners", [:]),
                                   ("/api/v1/learners/\(TestApplication.learnerID)", app.headers(.coach))] {
                let response = try await client.json(.get, uri, headers: headers)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
            }
            let page = try await client.execute(uri: "/signoff/unknown-token", method: .get) { $0.headers }
            #expect(page[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            for uri in ["/api/v1/learners/\(TestApplication.learnerID)", "/api/v1/learners/\(TestApplication.learnerID)/export", "/api/v1/learners"] {
                let response = try await client.json(.get, uri, headers: app.headers(.administrator))
                #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
            }
            let (cookie, _, _) = try await SessionTests.signIn(client, "administrator@example.org")
            #expect(try await client.json(.get, "/api/v1/session", headers: [.cookie: cookie]).headers[.cacheControl] == "no-store")
            let token = try await client.json(.post, "/api/v1/tokens", body: #"{"name": "t", "scopes": ["admin"]}"#, headers: app.headers(.administrator))
            #expect(token.headers[.cacheControl] == "no-store")
            #expect(try await client.json(.get, "/api/v1/skills").headers[.cacheControl] != "no-store")
        }
    }

    @Test("A JSON route refuses a body sent as text/plain with 415, so another site cannot sign someone in")
    func contentType() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            func signIn(_ type: String) async throws -> (HTTPResponse.Status, String?) {
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: type],
                                         body: ByteBuffer(string: #"{"username": "coach@example.org", "password": "\#(Self.password)"}"#)) {
                    ($0.status, $0.headers[.setCookie])
                }
            }
            let plain = try await signIn("text/plain")
            #expect(plain.0 == .unsupportedMediaType)
            #expect(plain.1 == nil)
            let form = try await signIn("application/x-www-form-urlencoded")
            #expect(form.0 == .unsupportedMediaType)
            let charset = try await signIn("application/json; charset=utf-8")
            #expect(charset.0 == .created)
        }
    }

    @Test("Decoding errors say what is wrong in words, without Swift type names")
    func decodingInWords() async throws {
        let app = try await TestApplication()
        try await app.test { client in
            let role = try await client.json(.post, "/api/v1/accounts", body: #"{"username": "w@example.org", "displayName": "W", "roles": ["boss"]}"#,
                                             headers: app.headers(.administrator))
            let list = try await client.json(.post, "/api/v1/accounts", body: #"{"username": "w@example.org", "displayName": "W", "roles": "coach"}"#,
                                             headers: app.headers(.administrator))
            for answer in [role, list] {
                #expect(answer.status == .badRequest)
                let detail = try #require(answer.body["detail"] as? String)
                for word in ["Cannot initialize", "Role", "Array", "Swift", "<"] { #expect(!detail.contains(word), "\(detail)") }
            }
            #expect((role.body["detail"] as? String)?.contains("'boss' is not one of the allowed values") == true)
            #expect((list.body["detail"] as? String)?.contains("a list") == true)
        }
    }

    @Test("A mentor's learner list honours q, programme and cohort")
    func mentorListFilters() async throws {
        let app = try await TestApplication(demo: true)
        try await app.test { client in
            func count(_ query: String) async throws -> Int? {
                try await client.json(.get, "/api/v1/learners?\(query)", headers: app.headers(.mentor)).body["total"] as? Int
            }
            let expected: [(String, Int)] = [("", 1), ("q=Sanne", 1), ("q=zzz", 0), ("cohort=2025-2026", 1), ("cohort=1999", 0),
                                             ("programme=SD-25604", 1), ("programme=NOPE", 0)]
            for (query, total) in expected {
                let found = try await count(query)
                #expect(found == total, "\(query)")
            }
        }
    }

    // MARK: - Issue 11: sessions read once

    @Test("A session cookie is authenticated with one read of session and account, and a disabled account's session stops at once")
    func sessionReadOnce() async throws {
        let app = try await TestApplication()
        let signedIn = try await app.services.auth.signIn(username: "coach@example.org", password: Self.password)
        let pair = try #require(try await app.store.accounts.sessionWithAccount(secretHash: Secrets.hash(signedIn.secret)))
        #expect(pair.session.id == signedIn.session.id)
        #expect(pair.account.id == signedIn.account.id)
        var coach = signedIn.account
        coach.isDisabled = true
        try await app.store.accounts.update(coach)
        #expect(try await app.services.auth.principal(sessionSecret: signedIn.secret) == nil)
    }
}
