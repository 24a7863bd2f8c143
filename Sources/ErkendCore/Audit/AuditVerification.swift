/// What walking the audit chain found: how far it is intact, and where and
/// why it first breaks.
public struct AuditVerification: Hashable, Sendable, Codable {
    public enum Problem: String, Hashable, Sendable, Codable, CaseIterable {
        /// The entry's hash is not the hash of its stored body: the body (or the hash) was changed.
        case bodyChanged
        /// The entry's `previousHash` is not the hash of the entry before it.
        case linkBroken
        /// A sequence number is missing: an entry was deleted.
        case entryMissing
    }

    /// The first place the chain breaks.
    public struct Break: Hashable, Sendable, Codable {
        /// The sequence of the changed entry, or of the entry that is missing.
        public var sequence: Int
        public var problem: Problem
        public var message: String

        public init(sequence: Int, problem: Problem, message: String) {
            self.sequence = sequence
            self.problem = problem
            self.message = message
        }
    }

    /// How many entries were read.
    public var checked: Int
    /// The last entry's sequence and hash: record them elsewhere (a ticket, a
    /// signed note) to detect later that entries were cut off the end, which
    /// the chain alone cannot show.
    public var lastSequence: Int?
    public var lastHash: String?
    /// `nil` when the whole chain is intact.
    public var firstBreak: Break?

    public init(checked: Int, lastSequence: Int?, lastHash: String?, firstBreak: Break?) {
        self.checked = checked
        self.lastSequence = lastSequence
        self.lastHash = lastHash
        self.firstBreak = firstBreak
    }

    public var isIntact: Bool { firstBreak == nil }
}
