import ErkendCore
import Foundation

/// How entries of the audit log are linked: each entry's hash covers the hash
/// of the entry before it and its own canonical JSON, so changing, removing
/// or reordering any entry changes every hash after it.
enum AuditChain {
    /// The canonical JSON of a record: `ErkendJSON`'s encoder, keys sorted.
    static func body(of record: AuditRecord) throws -> String {
        String(decoding: try StoreJSON.encoder.encode(record), as: UTF8.self)
    }

    /// SHA-256 of the 64 ASCII hex characters of `previousHash` followed by the UTF-8 bytes of `body`, as lowercase hex.
    static func hash(previousHash: String, body: String) -> String {
        SHA256Hex.of([Data(previousHash.utf8), Data(body.utf8)])
    }
}
