import Foundation

/// Where awards are kept. Every change is appended to the audit log in the same transaction.
public protocol AwardRepository: CredentialOfferRepository {
    /// Stores a new award; an award for the same source record and certified version is refused as a conflict.
    func create(_ award: Award, audit: AuditRecord) async throws
    func award(_ id: Award.ID) async throws -> Award?
    /// The learner's awards, oldest first.
    func awards(learner: Learner.ID) async throws -> [Award]
    /// Marks an offered award as collected by the learner's wallet.
    func markCollected(_ id: Award.ID, audit: AuditRecord) async throws -> Award
    /// Revokes an award; revoking is final. Revoking twice is refused.
    func revoke(_ id: Award.ID, _ revocation: Award.Revocation, audit: AuditRecord) async throws -> Award
    /// The numbers of the status lists in use, ascending (`[1]` when there is no award yet).
    func statusLists() async throws -> [Int]
    /// The indexes of revoked awards in status list `list`.
    func revokedIndexes(list: Int) async throws -> [Int]
}

extension AuditAction {
    public static let awardCreated = "award.created"
    public static let awardCollected = "award.collected"
    public static let awardRevoked = "award.revoked"
}
