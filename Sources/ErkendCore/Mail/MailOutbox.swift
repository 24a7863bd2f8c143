public import Foundation

/// The outbox the background sender works through. Mails are put in it by the
/// repositories whose changes they announce (`SignoffRepository.create`), in
/// the same transaction; this protocol is what the sender and the views need.
public protocol MailOutbox: Sendable {
    /// Mails with status `.queued` whose `nextAttemptAt` is at or before `date`, oldest first.
    func due(at date: Date, limit: Int) async throws -> [OutgoingMail]
    /// Marks a mail as delivered at `date`, counts the attempt and forgets its values
    /// (a sign-off link must not outlive its delivery in the database).
    func markSent(_ id: OutgoingMail.ID, at date: Date) async throws
    /// Records a failed attempt with its reason: queued again for `retryAt`, or
    /// `.failed` when `retryAt` is `nil`.
    func markFailed(_ id: OutgoingMail.ID, error: String, retryAt: Date?, at date: Date) async throws
    /// The mails about `about` (`OutgoingMail.about(signoff:)`), newest first.
    func mails(about: String) async throws -> [OutgoingMail]
}
