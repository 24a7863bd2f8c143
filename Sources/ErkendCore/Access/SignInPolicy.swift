public import Foundation

/// The rules for signing in and staying signed in.
public enum SignInPolicy {
    /// Failed attempts before an account is locked.
    public static let attemptsBeforeLock = 5
    /// How long a lock lasts at first; it doubles with each further lock, up to a day.
    public static let firstLock: TimeInterval = 15 * 60
    public static let longestLock: TimeInterval = 24 * 3600
    /// A session ends after this long without use…
    public static let idleTimeout: TimeInterval = 2 * 3600
    /// …and at the latest this long after signing in.
    public static let absoluteTimeout: TimeInterval = 12 * 3600
    public static let minimumPasswordLength = 12

    /// After the `attempts`-th failure in a row: until when the account is locked, if at all.
    public static func lock(afterFailures attempts: Int, at instant: Date) -> Date? {
        guard attempts >= attemptsBeforeLock else { return nil }
        let locks = attempts - attemptsBeforeLock
        let seconds = min(firstLock * pow(2, Double(min(locks, 16))), longestLock)
        return instant.addingTimeInterval(seconds)
    }

    /// Whether a session may still be used at `instant`.
    public static func isLive(_ session: Session, at instant: Date) -> Bool {
        instant < session.expiresAt && instant.timeIntervalSince(session.lastSeenAt) < idleTimeout
    }

    /// A password a person chooses must be long; length beats composition rules.
    public static func validateNewPassword(_ password: String, username: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw ErkendError.invalid("password", "must be at least \(minimumPasswordLength) characters; a sentence of a few words is easy to remember")
        }
        guard password.count <= 128 else { throw ErkendError.invalid("password", "must be at most 128 characters") }
        guard password.lowercased() != username.lowercased() else { throw ErkendError.invalid("password", "must differ from the user name") }
    }
}
