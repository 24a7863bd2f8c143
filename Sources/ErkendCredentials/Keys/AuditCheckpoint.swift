public import Foundation
public import LinkedData

/// A signed statement "on this date the audit chain's newest entry was SEQUENCE with hash HASH".
///
/// The chain shows any entry changed or removed in the middle, but entries cut off its end leave a
/// shorter chain that still verifies. A checkpoint kept outside the server (a file on another machine,
/// a mail to the examination board) fixes a point the chain must still reach; signed with the
/// institution's credential key it cannot be made up afterwards by whoever holds the database.
public struct AuditCheckpoint: Sendable, Equatable {
    public static let type = "erkend-audit-checkpoint+jwt"

    public var sequence: Int
    public var hash: String
    public var madeAt: Date
    /// The key that signed it (its id among the published keys).
    public var keyID: String

    public init(sequence: Int, hash: String, madeAt: Date, keyID: String) {
        self.sequence = sequence
        self.hash = hash
        self.madeAt = madeAt
        self.keyID = keyID
    }

    /// A compact JWS signed with the current Ed25519 key.
    public static func sign(sequence: Int, hash: String, at instant: Date, keys: IssuerKeys) throws(CredentialError) -> String {
        var payload = JSONObject()
        payload["seq"] = .number(JSONNumber(sequence))
        payload["head"] = .string(hash)
        payload["iat"] = .number(JSONNumber(Int(instant.timeIntervalSince1970)))
        var header = JSONObject()
        header["typ"] = .string(type)
        header["kid"] = .string(keys.ed25519ID)
        return try JWS.sign(payload: .object(payload), header: header, key: .ed25519(keys.ed25519))
    }

    /// Checks the signature against the published keys (current and earlier generations) and reads it.
    public static func verify(_ compact: String, published: [IssuerKeys.PublicKey]) throws(CredentialError) -> AuditCheckpoint {
        let decoded = try JWS.decode(compact)
        guard let keyID = decoded.keyID else { throw .malformed("the checkpoint names no key (kid)") }
        guard let key = published.first(where: { $0.id == keyID }) else {
            throw CredentialError(.badSignature, "the checkpoint was signed with key \(keyID), which this installation does not publish (withdrawn, or another installation's)")
        }
        _ = try JWS.verify(compact, key: key, expectedType: type)
        guard case .object(let payload) = decoded.payload, let sequence = payload["seq"]?.numberValue?.value, sequence >= 1,
              sequence == sequence.rounded(), sequence < 1e15, let hash = payload["head"]?.stringValue, hash.count == 64,
              let issued = payload["iat"]?.numberValue?.value, issued.isFinite else {
            throw .malformed("the checkpoint's payload needs seq (a whole number from 1), head (a 64-character hash) and iat")
        }
        return AuditCheckpoint(sequence: Int(sequence), hash: hash, madeAt: Date(timeIntervalSince1970: issued), keyID: keyID)
    }
}
