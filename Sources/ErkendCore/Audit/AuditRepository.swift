/// The audit log: an append-only, hash-chained list of `AuditRecord`s.
///
/// Repositories that change something that matters append their record in the
/// same transaction as the change, so this protocol's `append` is only for
/// actions that change nothing else (a personal-data export, a credential
/// shown). Entries are never changed or removed; a store refuses it, and
/// `verify` finds it when someone does it behind the store's back.
/// Implementations serialize appends, so the chain never forks: SQLite has
/// one writer; a server database needs a lock on the log's head.
public protocol AuditRepository: Sendable {
    /// Appends one record on its own. Throws `.invalidInput` when the record is
    /// incomplete (`AuditRecord.validate`).
    @discardableResult
    func append(_ record: AuditRecord) async throws -> AuditEntry
    /// The entries about one learner, oldest first.
    func entries(subject: Learner.ID, page: PageRequest) async throws -> Page<AuditEntry>
    /// Up to `limit` (1…`AuditEntry.maximumPerRead`) entries with a sequence above `sequence`, oldest
    /// first: pass 0 to start, then the last sequence seen to follow the log.
    func entries(after sequence: Int, limit: Int) async throws -> [AuditEntry]
    /// Walks the whole chain, recomputing every hash.
    func verify() async throws -> AuditVerification
}

