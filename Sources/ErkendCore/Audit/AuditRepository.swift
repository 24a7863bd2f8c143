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
    /// The newest entry's sequence and hash, or `nil` for an empty log.
    func head() async throws -> AuditHead?
    /// The sequence of the entry with `hash`, or `nil` when no entry has it.
    func sequence(ofHash hash: String) async throws -> Int?
}


/// The newest entry of the audit log, by sequence and hash: what an operator writes
/// down (or a backup records) to notice later that entries were cut off the end.
public struct AuditHead: Hashable, Sendable, Codable, CustomStringConvertible {
    public var sequence: Int
    public var hash: String

    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// `SEQUENCE HASH`, the form `erkend audit head` prints and `--expect-head` reads.
    public var description: String { "\(sequence) \(hash)" }

    /// Reads `SEQUENCE HASH`, `SEQUENCE:HASH` or a bare 64-character hash (sequence then unknown, 0).
    public init(parsing text: String) throws {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "\t" || $0 == "\n" })
        let hash = parts.last.map(String.init)?.lowercased() ?? ""
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit }) else {
            throw ErkendError.invalid("head", "give the head as printed by erkend audit head: a sequence number and a 64-character hash")
        }
        var sequence = 0
        if parts.count >= 2 {
            guard let number = Int(parts[parts.count - 2]), number > 0 else {
                throw ErkendError.invalid("head", "the sequence number before the hash must be a whole number above 0")
            }
            sequence = number
        }
        self.init(sequence: sequence, hash: hash)
    }
}
