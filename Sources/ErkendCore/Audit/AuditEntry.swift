/// An audit record as stored: its place in the log and the hashes that chain
/// it to the entry before it.
public struct AuditEntry: Hashable, Sendable, Codable {
    /// 1 for the first entry, one more for each entry after it.
    public var sequence: Int
    public var record: AuditRecord
    /// The `hash` of the entry before, or 64 zeros for the first entry.
    public var previousHash: String
    /// SHA-256, as lowercase hex, of `previousHash` (its 64 ASCII characters)
    /// followed by the UTF-8 bytes of the record's canonical JSON.
    public var hash: String

    public init(sequence: Int, record: AuditRecord, previousHash: String, hash: String) {
        self.sequence = sequence
        self.record = record
        self.previousHash = previousHash
        self.hash = hash
    }

    /// What the first entry chains from.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The most entries one read of the log returns.
    public static let maximumPerRead = 1000
}
