public import Foundation

/// The rules for signing in and staying signed in.
public enum SignInPolicy {
    /// Failed attempts for one user name from one address before that address has to wait.
    public static let attemptsBeforeDelay = 5
    /// The first wait; it doubles with each further failure, up to `longestDelay`.
    public static let firstDelay: TimeInterval = 30
    public static let longestDelay: TimeInterval = 15 * 60
    /// Failed attempts for one user name from all addresses together (within `failureMemory`)
    /// after which addresses the account has never signed in from wait as well.
    public static let namewideAttemptsBeforeDelay = 20
    /// Failures older than this are forgotten.
    public static let failureMemory: TimeInterval = 3600
    /// A session ends after this long without use…
    public static let idleTimeout: TimeInterval = 2 * 3600
    /// …and at the latest this long after signing in.
    public static let absoluteTimeout: TimeInterval = 12 * 3600
    public static let minimumPasswordLength = 12
    public static let maximumPasswordLength = 1024

    /// How long to wait after `failures` failures in a row, the last at `last`: `nil` when no wait is due.
    /// A delay rather than a lock, so that a stranger who guesses wrong slows down only
    /// themselves (per address) and never locks the owner out.
    public static func wait(afterFailures failures: Int, last: Date, threshold: Int = attemptsBeforeDelay, at instant: Date) -> TimeInterval? {
        guard failures >= threshold else { return nil }
        let doublings = Double(min(failures - threshold, 16))
        let until = last.addingTimeInterval(min(firstDelay * pow(2, doublings), longestDelay))
        return until > instant ? until.timeIntervalSince(instant) : nil
    }

    /// Whether a session may still be used at `instant`.
    public static func isLive(_ session: Session, at instant: Date) -> Bool {
        instant < session.expiresAt && instant.timeIntervalSince(session.lastSeenAt) < idleTimeout
    }

    /// Whether a password can be checked at all: control characters (a NUL cut
    /// passwords short in bcrypt) never belong in a password one can type.
    public static func isAcceptable(password: String) -> Bool {
        !password.isEmpty && password.utf8.count <= maximumPasswordLength * 4
            && !password.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// A password a person chooses must be long; length beats composition rules.
    public static func validateNewPassword(_ password: String, username: String) throws {
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ErkendError.invalid("password", "must not contain control characters (such as NUL, tab or line breaks)")
        }
        guard password.count >= minimumPasswordLength else {
            throw ErkendError.invalid("password", "must be at least \(minimumPasswordLength) characters; a sentence of a few words is easy to remember")
        }
        guard password.count <= maximumPasswordLength else { throw ErkendError.invalid("password", "must be at most \(maximumPasswordLength) characters") }
        guard password.lowercased() != username.lowercased() else { throw ErkendError.invalid("password", "must differ from the user name") }
    }
}
