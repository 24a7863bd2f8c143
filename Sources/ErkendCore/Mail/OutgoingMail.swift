public import Foundation

/// An e-mail Erkend has to send, as it waits in the outbox: who gets it, which
/// template (in `Templates/Mail`) renders it and with what values. The outbox
/// row is written in the same transaction as the change it tells about (a
/// sign-off request), so a request never exists without its mail, nor a mail
/// without its request. A background sender delivers it later, with retries.
///
/// A sign-off link is a secret: its mail holds the link only until it is
/// delivered; then the outbox forgets the values (`forgetsValuesOnceSent`).
public struct OutgoingMail: Identifiable, Hashable, Sendable, Codable {
    public typealias ID = Identifier<OutgoingMail>

    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Waiting for (another) attempt at `nextAttemptAt`.
        case queued
        /// Accepted by the mail server (or written to the outbox folder) at `sentAt`.
        case sent
        /// Given up after `MailRetryPolicy.maximumAttempts`; `lastError` says why.
        case failed
        /// Not sent because it was of no use any more: its request was used, or a newer link was sent.
        case cancelled
    }

    public var id: ID
    /// The recipient's address, as registered (`fatima@codefabriek.example.nl`).
    public var recipient: String
    /// The recipient's name, for the To header and the greeting.
    public var recipientName: String
    /// The template, without language and extension: `signoff-request`.
    public var template: String
    /// What the template shows. Never logged; cleared once the mail is sent.
    public var values: [String: String]
    /// What the mail is about: `signoffRequest:ID`.
    public var about: String
    public var createdAt: Date
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var sentAt: Date?
    /// The last refusal or failure, in words (an SMTP reply, a connection error).
    public var lastError: String?

    public init(id: ID, recipient: String, recipientName: String, template: String, values: [String: String], about: String,
                createdAt: Date, status: Status = .queued, attempts: Int = 0, nextAttemptAt: Date? = nil, sentAt: Date? = nil, lastError: String? = nil) {
        self.id = id
        self.recipient = recipient
        self.recipientName = recipientName
        self.template = template
        self.values = values
        self.about = about
        self.createdAt = createdAt
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.sentAt = sentAt
        self.lastError = lastError
    }

    /// What the outbox of a sign-off request is about.
    public static func about(signoff id: SignoffRequest.ID) -> String { "signoffRequest:\(id.rawValue)" }
}

/// When a failed delivery is tried again: after 30 s, 1, 2, 4 … minutes, at most
/// an hour apart, and given up after `maximumAttempts`. Pure: time is passed in.
public struct MailRetryPolicy: Hashable, Sendable {
    public var firstDelay: TimeInterval
    public var longestDelay: TimeInterval
    public var maximumAttempts: Int

    public init(firstDelay: TimeInterval = 30, longestDelay: TimeInterval = 3600, maximumAttempts: Int = 10) {
        self.firstDelay = firstDelay
        self.longestDelay = longestDelay
        self.maximumAttempts = maximumAttempts
    }

    /// After attempt number `attempts` (1 for the first) failed at `date`: when
    /// to try again, or `nil` to give up.
    public func nextAttempt(after attempts: Int, failedAt date: Date) -> Date? {
        guard attempts < maximumAttempts else { return nil }
        let delay = min(longestDelay, firstDelay * pow(2, Double(max(0, attempts - 1))))
        return date.addingTimeInterval(delay)
    }
}

/// An e-mail address shown to someone other than its owner: the first letter of
/// the local part and the whole domain, `f…@codefabriek.example.nl`. Enough for
/// a learner to see that the request went to the right mentor, not enough to
/// harvest addresses.
public enum MaskedAddress {
    public static func of(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@"), at > address.startIndex else { return "…" }
        return "\(address[address.startIndex])…\(address[at...])"
    }
}
