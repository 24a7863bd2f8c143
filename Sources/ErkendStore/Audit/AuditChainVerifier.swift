import ErkendCore
import GRDB

/// Walks the rows of `auditEntry` in sequence order and stops at the first
/// that does not follow from the one before it.
struct AuditChainVerifier {
    private var checked = 0
    private var lastSequence: Int?
    private var lastHash: String?
    private var firstBreak: AuditVerification.Break?

    var result: AuditVerification {
        AuditVerification(checked: checked, lastSequence: lastSequence, lastHash: lastHash, firstBreak: firstBreak)
    }

    /// Checks the next row; `false` once the chain is broken.
    mutating func check(_ row: Row) -> Bool {
        let sequence: Int = row["sequence"]
        let previousHash: String = row["previousHash"]
        let hash: String = row["hash"]
        let body: String = row["body"]
        let expected = (lastSequence ?? 0) + 1
        checked += 1

        // The link is checked before the body: a body changed together with its
        // own hash shows as a broken link at the next entry, while a changed
        // previousHash alone shows here as the link it is.
        if sequence != expected {
            let what = expected == sequence - 1 ? "entry \(expected) is" : "entries \(expected)…\(sequence - 1) are"
            return broken(expected, .entryMissing, "\(what) missing: entry \(sequence) follows entry \(lastSequence.map(String.init) ?? "none")")
        }
        if previousHash != (lastHash ?? AuditEntry.genesisHash) {
            let before = lastSequence.map { "the hash of entry \($0)" } ?? "the 64 zeros a chain starts from"
            return broken(sequence, .linkBroken, "entry \(sequence) does not chain to \(before): that entry or this link was changed")
        }
        if AuditChain.hash(previousHash: previousHash, body: body) != hash {
            return broken(sequence, .bodyChanged, "entry \(sequence)'s body does not match its hash: it was changed after it was written")
        }
        if let problem = columnMismatch(row, body: body) {
            return broken(sequence, .bodyChanged, "entry \(sequence)'s \(problem) column does not match its body")
        }
        lastSequence = sequence
        lastHash = hash
        return true
    }

    private mutating func broken(_ sequence: Int, _ problem: AuditVerification.Problem, _ message: String) -> Bool {
        firstBreak = AuditVerification.Break(sequence: sequence, problem: problem, message: message)
        return false
    }

    /// The columns lists query on repeat the body; a change to them alone would
    /// leave the hash intact but put the entry in another learner's list.
    private func columnMismatch(_ row: Row, body: String) -> String? {
        guard let record = try? StoredText.decode(AuditRecord.self, body) else { return "body" }
        if row["subject"] as String? != record.subject?.rawValue { return "subject" }
        if row["action"] as String != record.action { return "action" }
        if row["at"] as String != StoredText.instant(record.at) { return "at" }
        return nil
    }
}
