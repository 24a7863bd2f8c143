/// How Erkend established that a signature is the mentor's. Shown wherever the
/// observation or practice statement counts as evidence, and in its audit entry.
public enum IdentityMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// Through the single-use link Erkend e-mailed to the mentor's registered address.
    case emailedLink
    /// On the spot (the learner's screen), confirmed with a one-time code e-mailed to the mentor.
    case onTheSpotCode
    /// Signed in with the mentor's own account.
    case mentorAccount
}

extension IdentityMethod {
    /// In words, for an audit reader or a CLI line.
    public var description: String {
        switch self {
        case .emailedLink: "signed through the link e-mailed to the mentor's registered address"
        case .onTheSpotCode: "signed on the spot, confirmed with a code e-mailed to the mentor"
        case .mentorAccount: "signed with the mentor's own account"
        }
    }
}
