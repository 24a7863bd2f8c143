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
    func create(_ request: SignoffRequest, token: String, audit: AuditRecord) async throws
    /// The request the token belongs to; `nil` for a token that is unknown or altered.
    func request(token: String) async throws -> SignoffRequest?
    func request(_ id: SignoffRequest.ID) async throws -> SignoffRequest?
    /// The mentor's requests still usable at `date`, oldest first.
    func openRequests(mentor: Mentor.ID, at date: Date) async throws -> [SignoffRequest]
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
    /// The mentor declines: the request is marked declined with the reason (and
    /// a requested practice statement too); the same refusals as signing.
    @discardableResult
    func decline(token: String, reason: String, at date: Date, audit: AuditRecord) async throws -> SignoffRequest
}

