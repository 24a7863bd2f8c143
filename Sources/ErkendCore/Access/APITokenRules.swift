public import Foundation

/// The rules for making an API token: which scopes, for how long.
public enum APITokenRules {
    /// A token lives this long unless its maker asks otherwise…
    public static let defaultLifetimeDays = 90
    /// …and never longer than this; an integration that runs for years gets a new token each year.
    public static let maximumLifetimeDays = 365

    /// The token `account` may get, or an error saying why not.
    /// - Parameter channel: how the request for the token came in; a token asking for a
    ///   token cannot give it a scope it lacks itself.
    public static func token(id: String, account: Account, requestedBy channel: Principal.Channel?, name: String,
                             scopes: Set<TokenScope>, lifetimeDays: Int?, at instant: Date) throws -> APIToken {
        guard !scopes.isEmpty else {
            throw ErkendError.invalid("scopes", "a token needs at least one scope: \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if case .token(_, let own)? = channel, !scopes.isSubset(of: own) {
            let missing = scopes.subtracting(own).sorted().map(\.rawValue).joined(separator: ", ")
            throw ErkendError(.forbidden, "a token cannot create a token with scopes it does not have itself (\(missing))")
        }
        let usable = AccessPolicy.usableScopes(account.roles)
        if !scopes.isSubset(of: usable) {
            let refused = scopes.subtracting(usable).sorted().map(\.rawValue).joined(separator: ", ")
            let roles = account.roles.sorted().map(\.rawValue).joined(separator: ", ")
            throw ErkendError.invalid("scopes", "the roles \(roles) cannot use \(refused); they can use \(usable.sorted().map(\.rawValue).joined(separator: ", "))")
        }
        let days = lifetimeDays ?? defaultLifetimeDays
        guard (1...maximumLifetimeDays).contains(days) else {
            throw ErkendError.invalid("expiresInDays", "a token lives 1 to \(maximumLifetimeDays) days (\(defaultLifetimeDays) when not given)")
        }
        return APIToken(id: id, account: account.id, name: name, scopes: scopes, createdAt: instant,
                        expiresAt: instant.addingTimeInterval(Double(days) * 86400))
    }

    /// Reads a lifetime such as `30d`, `12w` or `90` (days).
    public static func lifetimeDays(_ text: String) throws -> Int {
        var digits = Substring(text.lowercased())
        var factor = 1
        if digits.hasSuffix("d") { digits = digits.dropLast() } else if digits.hasSuffix("w") { digits = digits.dropLast(); factor = 7 }
        guard let value = Int(digits), value > 0, value <= maximumLifetimeDays else {
            throw ErkendError.invalid("lifetime", "give days (30d), weeks (12w) or a number of days, at most \(maximumLifetimeDays) days")
        }
        return value * factor
    }
}
