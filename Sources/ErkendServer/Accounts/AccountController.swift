import ErkendCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Signing in and out, one's own account and API tokens, and (for
/// administrators) everyone's accounts.
struct AccountController: Sendable {
    typealias Context = ErkendRequestContext
    let auth: AuthService
    let signInLimiter: GuessLimiter
    /// Per account: a stolen session should not mint tokens by the thousand.
    let tokenLimiter: RateLimiter
    let now: @Sendable () -> Date

    func addRoutes(to router: GuardedRouter) {
        router.post("api/v1/session", .action(.readPublished), use: signIn)
        router.get("api/v1/session", .action(.manageOwnAccount), use: whoAmI)
        router.delete("api/v1/session", .action(.manageOwnAccount), use: signOut)
        router.put("api/v1/account/password", .action(.manageOwnAccount), use: changePassword)
        router.get("api/v1/tokens", .action(.manageOwnAccount), use: tokens)
        router.post("api/v1/tokens", .action(.manageOwnAccount), use: createToken)
        router.delete("api/v1/tokens/:id", .action(.manageOwnAccount), use: revokeToken)
        router.get("api/v1/accounts", .action(.manageAccounts), use: accounts)
        router.post("api/v1/accounts", .action(.manageAccounts), use: createAccount)
        router.get("api/v1/accounts/:id", .action(.manageAccounts), use: account)
        router.put("api/v1/accounts/:id", .action(.manageAccounts), use: updateAccount)
    }

    struct SignInRequest: Decodable {
        var username: String
        var password: String
    }

    struct SessionDocument: Encodable {
        var account: Account
        /// Send it back as the X-CSRF-Token header with every unsafe request of this session.
        var csrfToken: String?
        var expiresAt: Date?
        /// The scopes this account's API tokens can have (POST /api/v1/tokens refuses others).
        var tokenScopes: [TokenScope]

        init(account: Account, csrfToken: String?, expiresAt: Date?) {
            self.account = account
            self.csrfToken = csrfToken
            self.expiresAt = expiresAt
            self.tokenScopes = AccessPolicy.usableScopes(account.roles).sorted()
        }
    }

    struct PasswordChange: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    struct TokenRequest: Decodable {
        var name: String
        var scopes: [TokenScope]
        var expiresInDays: Int?
    }

    struct CreatedToken: Encodable {
        var token: APIToken
        /// Shown once; store it now. Send it as `Authorization: Bearer …`.
        var secret: String
    }

    struct AccountRequest: Decodable {
        var username: String
        var displayName: String
        var roles: [Role]
        var learner: Learner.ID?
        var mentor: Mentor.ID?
        var password: String?
        var isDisabled: Bool?
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        try await signInLimiter.take("sign-in \(context.clientAddress)", at: now())
        let input = try await JSONIO.decode(SignInRequest.self, from: request, context: context)
        let signedIn = try await auth.signIn(username: input.username, password: input.password, source: context.clientAddress)
        context.logger.info("signed in", metadata: ["account": "\(signedIn.account.id)", "session": "\(signedIn.session.id)"])
        var response = try JSONIO.response(SessionDocument(account: signedIn.account, csrfToken: signedIn.session.csrfToken, expiresAt: signedIn.session.expiresAt),
                                           status: .created, headers: Self.noStore)
        response.setCookie(Cookie(name: AuthService.sessionCookie, value: signedIn.secret, maxAge: Int(SignInPolicy.absoluteTimeout),
                                  path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Secrets and personal data are never kept by browsers or proxies.
    static let noStore: HTTPFields = [.cacheControl: "no-store"]

    @Sendable func whoAmI(_ request: Request, context: Context) async throws -> Response {
        let account = try requireAccount(context)
        return try JSONIO.response(SessionDocument(account: account, csrfToken: context.session?.csrfToken, expiresAt: context.session?.expiresAt),
                                   headers: Self.noStore)
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        if let secret = request.cookies[AuthService.sessionCookie]?.value { try await auth.signOut(secret: secret) }
        var response = Response(status: .noContent)
        response.setCookie(Cookie(name: AuthService.sessionCookie, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        try await signInLimiter.take("password \(context.clientAddress)", at: now())
        let account = try requireAccount(context)
        let input = try await JSONIO.decode(PasswordChange.self, from: request, context: context)
        _ = try await auth.passwords.authenticate(username: account.username, password: input.currentPassword, source: context.clientAddress, at: now())
        try SignInPolicy.validateNewPassword(input.newPassword, username: account.username)
        // Sessions and API tokens may have been made with the old password; they end here, this session included.
        try await auth.accounts.setPassword(account.id, hash: auth.passwords.hash(input.newPassword), endAccess: true, at: now(),
                                            audit: audit(context, AuditAction.passwordChanged, account.id))
        context.logger.info("password changed", metadata: ["account": "\(account.id)"])
        return Response(status: .noContent)
    }

    @Sendable func tokens(_ request: Request, context: Context) async throws -> Response {
        let account = try requireAccount(context)
        return try JSONIO.response(try await auth.accounts.tokens(of: account.id))
    }

    @Sendable func createToken(_ request: Request, context: Context) async throws -> Response {
        let account = try requireAccount(context)
        try tokenLimiter.take("token \(account.id)", at: now())
        let input = try await JSONIO.decode(TokenRequest.self, from: request, context: context)
        let (token, secret) = try await auth.createToken(for: account, by: context.principal, name: input.name, scopes: Set(input.scopes),
                                                         expiresInDays: input.expiresInDays)
        context.logger.info("API token created", metadata: ["account": "\(account.id)", "token": "\(token.id)"])
        return try JSONIO.response(CreatedToken(token: token, secret: secret), status: .created, headers: Self.noStore)
    }

    @Sendable func revokeToken(_ request: Request, context: Context) async throws -> Response {
        let account = try requireAccount(context)
        let id = try context.parameters.require("id")
        try await auth.accounts.revokeToken(id, of: account.id, at: now(), audit: audit(context, AuditAction.tokenRevoked, account.id, target: id))
        context.logger.info("API token revoked", metadata: ["account": "\(account.id)", "token": "\(id)"])
        return Response(status: .noContent)
    }

    @Sendable func accounts(_ request: Request, context: Context) async throws -> Response {
        try JSONIO.response(try await auth.accounts.accounts(page: try QueryParameters(request: request).page()))
    }

    @Sendable func account(_ request: Request, context: Context) async throws -> Response {
        let id = try Account.ID(validating: try context.parameters.require("id"))
        guard let account = try await auth.accounts.account(id) else { throw ErkendError.notFound("account \(id)") }
        return try JSONIO.response(account)
    }

    @Sendable func createAccount(_ request: Request, context: Context) async throws -> Response {
        let input = try await JSONIO.decode(AccountRequest.self, from: request, context: context)
        let account = Account(id: Account.ID(trusted: UUID().uuidString.lowercased()), username: try UserName.normalize(input.username),
                              displayName: input.displayName, roles: Set(input.roles), learner: input.learner, mentor: input.mentor,
                              isDisabled: input.isDisabled ?? false, createdAt: now())
        try account.validate()
        var hash: String?
        if let password = input.password {
            try SignInPolicy.validateNewPassword(password, username: account.username)
            hash = auth.passwords.hash(password)
        }
        try await auth.accounts.create(account, passwordHash: hash, audit: audit(context, AuditAction.accountCreated, account.id, details: [
            "roles": account.roles.sorted().map(\.rawValue).joined(separator: " "), "disabled": String(account.isDisabled)]))
        context.logger.info("account created", metadata: ["account": "\(account.id)", "by": "\(context.principal.auditIdentifier)"])
        return try JSONIO.response(account, status: .created, headers: [.location: "/api/v1/accounts/\(account.id)"])
    }

    @Sendable func updateAccount(_ request: Request, context: Context) async throws -> Response {
        let id = try Account.ID(validating: try context.parameters.require("id"))
        guard var account = try await auth.accounts.account(id) else { throw ErkendError.notFound("account \(id)") }
        let before = account
        let input = try await JSONIO.decode(AccountRequest.self, from: request, context: context)
        account.username = try UserName.normalize(input.username)
        account.displayName = input.displayName
        account.roles = Set(input.roles)
        account.learner = input.learner
        account.mentor = input.mentor
        account.isDisabled = input.isDisabled ?? account.isDisabled
        if let password = input.password { try SignInPolicy.validateNewPassword(password, username: account.username) }
        let action = account.isDisabled != before.isDisabled ? (account.isDisabled ? AuditAction.accountDisabled : AuditAction.accountEnabled)
            : account.roles != before.roles ? AuditAction.accountRolesChanged : AuditAction.accountUpdated
        try await auth.accounts.update(account, audit: audit(context, action, id, details: [
            "roles": account.roles.sorted().map(\.rawValue).joined(separator: " "),
            "previousRoles": before.roles.sorted().map(\.rawValue).joined(separator: " "), "disabled": String(account.isDisabled)]))
        if let password = input.password {
            try await auth.accounts.setPassword(account.id, hash: auth.passwords.hash(password), endAccess: true, at: now(),
                                                audit: audit(context, AuditAction.passwordReset, id))
        }
        context.logger.info("account changed", metadata: ["account": "\(id)", "action": "\(action)", "by": "\(context.principal.auditIdentifier)",
                                                           "passwordReset": "\(input.password != nil)"])
        return try JSONIO.response(account)
    }

    /// The audit record of an account change by whoever is asking.
    private func audit(_ context: Context, _ action: String, _ account: Account.ID, target: String? = nil, details: [String: String] = [:]) -> AuditRecord {
        var details = details
        if target != nil { details["account"] = account.rawValue }
        return AuditRecord(at: now(), actor: context.principal.auditActor, channel: context.principal.auditChannel, action: action,
                           target: target ?? account.rawValue, details: details)
    }

    /// The account of the request, read once by the authentication middleware.
    private func requireAccount(_ context: Context) throws -> Account {
        guard let account = context.account, context.principal.account == account.id else {
            throw ErkendError(.unauthenticated, "sign in first")
        }
        return account
    }
}
