public import Foundation

/// Storage of sign-off requests, and the only way a mentor's link turns into a
/// stored record. The token itself is never stored, logged or returned: only
/// its SHA-256. Each consuming call (`sign`, `decline`) is one transaction
/// that checks the request, marks it used — so of two concurrent uses exactly
/// one wins — stores the result and appends the audit record.
public protocol SignoffRepository: Sendable {
    /// Stores a request with status `.open`, findable by `token` (at least
    /// `SignoffRequest.minimumTokenLength` characters). `.notFound` for an
    /// unknown learner or mentor, or a practice statement that is not the
    /// learner's; `.invalidInput` when the mentor is on none of the learner's
    /// placements, or the audit record contains the token; `.conflict` when the
    /// statement is no longer requested, or the id or token is taken.
    /// `mail`, when given, is put in the mail outbox in the same transaction:
    /// the mail that carries the link to the mentor.
    func create(_ request: SignoffRequest, token: String, mail: OutgoingMail?, audit: AuditRecord) async throws
    /// Replaces the token of an open request by a new one (the old link stops
    /// working) and queues `mail` with the new link, in one transaction with
    /// the audit record. `.notFound` for an unknown request; `.conflict` when
    /// the request was used or has expired at `date`.
    func reissue(_ id: SignoffRequest.ID, token: String, mail: OutgoingMail, at date: Date, audit: AuditRecord) async throws
    /// The request the token belongs to; `nil` for a token that is unknown or altered.
    func request(token: String) async throws -> SignoffRequest?
    func request(_ id: SignoffRequest.ID) async throws -> SignoffRequest?
    /// The mentor's requests still usable at `date`, oldest first.
    func openRequests(mentor: Mentor.ID, at date: Date) async throws -> [SignoffRequest]
    /// Every request about the learner, whatever its status, newest first: what the
    /// learner and staff see of them (never the link). Status as stored; `status(at:)` tells expiry.
    func requests(learner: Learner.ID) async throws -> [SignoffRequest]
    /// Records the observation the mentor signed through the link. `.notFound`
    /// for an unknown token; `.conflict` when the link was used or has expired
    /// at `date`; `.invalidInput` when the observation is not for the request's
    /// learner, EPA and mentor (`SignoffRequest.check`). Nothing is stored then,
    /// except that an expired request is marked `.expired`.
    /// Returns the request as stored now.
    @discardableResult
    func sign(token: String, observation: Observation, at date: Date, audit: AuditRecord) async throws -> SignoffRequest
    /// Stores the practice statement as signed through the link; the same
    /// refusals as signing an observation, `.invalidInput` when it names
    /// another placement than the requested statement, and `.conflict` when
    /// the statement is no longer requested.
    @discardableResult
    func sign(token: String, statement: PracticeStatement, at date: Date, audit: AuditRecord) async throws -> SignoffRequest
    /// Holds a signature made on the spot until the mentor confirms it: keeps
    /// the submission and the code's hash with its expiry, resets the count of
    /// wrong codes, cancels an earlier code's mail and queues `mail` (the new
    /// code), with the audit record, in one transaction. `.notFound` for an
    /// unknown token; `.conflict` when the link was used or has expired;
    /// `.invalidInput` when the request was not made for signing on the spot.
    @discardableResult
    func hold(token: String, submission: SignoffSubmission, code: String, codeExpiresAt: Date, mail: OutgoingMail,
              at date: Date, audit: AuditRecord) async throws -> SignoffRequest
    /// The held submission when `code` is the one mailed and still valid at
    /// `date`. A wrong code is counted (and the count committed) and refused
    /// with `.invalidInput`; after `maximumAttempts` wrong codes, or once the
    /// code expired, `.conflict` until the mentor signs again for a new code.
    func confirm(token: String, code: String, at date: Date, maximumAttempts: Int) async throws -> SignoffSubmission
    /// The mentor declines: the request is marked declined with the reason (and
    /// a requested practice statement too); the same refusals as signing.
    @discardableResult
    func decline(token: String, reason: String, at date: Date, audit: AuditRecord) async throws -> SignoffRequest
}

public extension SignoffRepository {
    /// A request without a mail, for stores filled by other means (tests, imports).
    func create(_ request: SignoffRequest, token: String, audit: AuditRecord) async throws {
        try await create(request, token: token, mail: nil, audit: audit)
    }
}
