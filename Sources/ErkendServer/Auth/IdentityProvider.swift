import ErkendCore
import Foundation
import Logging

/// A way of proving who you are. Local passwords are the first; an OpenID
/// Connect provider (SURFconext, eduID) is another implementation of this
/// protocol plus a callback route — sessions, tokens and the policy stay as they are.
protocol IdentityProvider: Sendable {
    /// The account the credentials prove, or an error saying why not. `source` is
    /// where the attempt comes from (the client address), for throttling guesses.
    func authenticate(username: String, password: String, source: String, at instant: Date) async throws -> Account
}

/// Passwords hashed by `PasswordHasher`, with guesses slowed down by `SignInThrottle`.
///
/// Whatever the user name — unknown, disabled, without a password, or right with a
/// wrong password — the answer is the same and takes the same time: one bcrypt check.
struct LocalPasswordProvider: IdentityProvider {
    let accounts: any AccountRepository
    let hasher: PasswordHasher
    let throttle: SignInThrottle
    var logger = Logger(label: "erkend.accounts")

    init(accounts: any AccountRepository, cost: UInt8, pepper: PasswordHasher.Pepper = .fromEnvironment(), throttle: SignInThrottle = SignInThrottle()) {
        self.accounts = accounts
        self.hasher = PasswordHasher(cost: cost, pepper: pepper)
        self.throttle = throttle
    }

    /// bcrypt's work factor for new hashes.
    var cost: UInt8 { hasher.cost }

    func authenticate(username: String, password: String, source: String, at instant: Date) async throws -> Account {
        let refusal = ErkendError(.unauthenticated, "the user name or password is wrong")
        // A name that cannot be normal is throttled and checked like any other, under its raw text.
        let name = (try? UserName.normalize(username)) ?? username
        try await throttle.check(username: name, source: source, at: instant)
        let found = try await lookUp(name, raw: username)
        guard SignInPolicy.isAcceptable(password: password), let (account, state) = found, !account.isDisabled, let stored = state.hash else {
            hasher.burn(password)
            try await failed(name, found?.account, source: source, at: instant)
            throw refusal
        }
        switch hasher.verify(password, against: stored) {
        case .mismatch:
            try await failed(name, account, source: source, at: instant)
            throw refusal
        case .match(let rehash):
            try await throttle.recordSuccess(username: name, source: source)
            if state.failedAttempts > 0 { try await accounts.recordSuccessfulSignIn(account.id) }
            if rehash {
                // The old construction (or another pepper or work factor): store the current one now that the password is known.
                try await accounts.setPassword(account.id, hash: hasher.hash(password), endAccess: false, at: instant,
                                               audit: AuditRecord(at: instant, actor: .system, channel: .system, action: AuditAction.passwordRehashed,
                                                                  target: account.id.rawValue, details: ["scheme": "hmac-sha256-bcrypt"]))
            }
            return account
        }
    }

    /// The account of a user name: its normal form, or for accounts made before names were
    /// normalised, the lowercased form they were stored in.
    private func lookUp(_ name: String, raw: String) async throws -> (account: Account, password: PasswordState)? {
        if let found = try await accounts.account(username: name) { return found }
        let legacy = raw.lowercased()
        guard legacy != name, !legacy.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return try await accounts.account(username: legacy)
    }

    private func failed(_ name: String, _ account: Account?, source: String, at instant: Date) async throws {
        let inARow = try await throttle.recordFailure(username: name, source: source, at: instant)
        guard let account else {
            logger.info("sign-in failed", metadata: ["account": "none"])
            return
        }
        logger.info("sign-in failed", metadata: ["account": "\(account.id)", "inARow": "\(inARow)"])
        var details = ["inARowFromSource": String(inARow)]
        if account.isDisabled { details["disabled"] = "true" }
        _ = try await accounts.recordFailedSignIn(account.id, audit: AuditRecord(
            at: instant, actor: .anonymous, channel: .system, action: inARow == SignInPolicy.attemptsBeforeDelay ? AuditAction.signInThrottled : AuditAction.signInFailed,
            target: account.id.rawValue, details: details))
    }

    func hash(_ password: String) -> String {
        hasher.hash(password)
    }
}
