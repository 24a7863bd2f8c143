public import Foundation
public import LinkedData

/// A list of one-bit statuses (0 = valid, 1 = revoked), as both status list formats carry it.
public struct StatusBits: Sendable, Hashable {
    /// W3C Bitstring Status List's minimum: 16 KB, so one credential hides among 131,072.
    public static let minimumEntries = 131_072

    public private(set) var bytes: [UInt8]

    public init(entries: Int = StatusBits.minimumEntries) {
        bytes = [UInt8](repeating: 0, count: (max(entries, 8) + 7) / 8)
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var count: Int { bytes.count * 8 }

    /// Bitstring Status List order: index 0 is the left-most (most significant) bit of byte 0.
    public subscript(bitstring index: Int) -> Bool {
        get { bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0 }
        set { if newValue { bytes[index / 8] |= 0x80 >> UInt8(index % 8) } else { bytes[index / 8] &= ~(0x80 >> UInt8(index % 8)) } }
    }

    /// Token Status List order: index 0 is the least significant bit of byte 0.
    public subscript(token index: Int) -> Bool {
        get { bytes[index / 8] & (1 << UInt8(index % 8)) != 0 }
        set { if newValue { bytes[index / 8] |= 1 << UInt8(index % 8) } else { bytes[index / 8] &= ~(1 << UInt8(index % 8)) } }
    }
}

/// Picks status list indexes at random, so that neighbouring indexes say
/// nothing about who got their credentials together. Pure: the caller passes
/// the indexes already taken and the random source.
public enum StatusIndexAllocator {
    public static func allocate(size: Int, taken: Set<Int>, using generator: inout some RandomNumberGenerator) throws(CredentialError) -> Int {
        guard taken.count < size else { throw CredentialError(.issuance, "the status list is full (\(size) entries); start a new list") }
        // Random probing finds a free index quickly while the list is less than half full;
        // beyond that, pick uniformly among the free ones.
        if taken.count < size / 2 {
            while true {
                let index = Int.random(in: 0..<size, using: &generator)
                if !taken.contains(index) { return index }
            }
        }
        let free = (0..<size).filter { !taken.contains($0) }
        return free[Int.random(in: 0..<free.count, using: &generator)]
    }
}

/// W3C Bitstring Status List v1.0: the list credential, and reading an entry's status from it.
public enum BitstringStatusList {
    /// `u` + base64url(GZIP(bits)).
    public static func encode(_ bits: StatusBits) -> String { Multibase.base64url(Deflate.gzip(bits.bytes)) }

    public static func decode(_ encodedList: String) throws(CredentialError) -> StatusBits {
        guard encodedList.hasPrefix("u"), let compressed = Multibase.decode(encodedList) else {
            throw .malformed("encodedList must be multibase base64url (u…)")
        }
        return StatusBits(bytes: try Deflate.gunzip(Array(compressed)))
    }

    /// The unsigned status list credential; sign it with `DataIntegrity.sign` like the badges.
    public static func credential(listURL: String, bits: StatusBits, purpose: String = "revocation", identity: IssuerIdentity,
                                  validFrom: Date, validUntil: Date? = nil, ttlMilliseconds: Int = 300_000) -> JSONValue {
        var credential = JSONObject()
        credential["@context"] = ["https://www.w3.org/ns/credentials/v2"]
        credential["id"] = .string(listURL)
        credential["type"] = ["VerifiableCredential", "BitstringStatusListCredential"]
        credential["issuer"] = .string(identity.did)
        credential["validFrom"] = .string(Timestamp.string(validFrom))
        if let validUntil { credential["validUntil"] = .string(Timestamp.string(validUntil)) }
        credential["credentialSubject"] = [
            "id": .string(listURL + "#list"), "type": "BitstringStatusList", "statusPurpose": .string(purpose),
            "encodedList": .string(encode(bits)), "ttl": .number(JSONNumber(ttlMilliseconds)),
        ]
        return .object(credential)
    }

    /// Whether the entry's bit is set in `listCredential` (already verified by the caller).
    public static func isSet(entry: JSONValue, listCredential: JSONValue) throws(CredentialError) -> Bool {
        guard let indexText = entry["statusListIndex"]?.stringValue, let index = Int(indexText), index >= 0 else {
            throw .malformed("statusListIndex must be a base-10 integer string")
        }
        guard entry["statusListCredential"]?.stringValue == listCredential["id"]?.stringValue else {
            throw .malformed("the status list given is not the one the credential names")
        }
        let purpose = entry["statusPurpose"]?.stringValue
        guard let subject = listCredential["credentialSubject"], subject["statusPurpose"]?.stringValue == purpose,
              let encoded = subject["encodedList"]?.stringValue else {
            throw .malformed("the status list has no list for purpose \(purpose ?? "none")")
        }
        let bits = try decode(encoded)
        guard bits.count >= StatusBits.minimumEntries else { throw .malformed("the status list is shorter than 131,072 entries") }
        guard index < bits.count else { throw .malformed("statusListIndex \(index) is beyond the list") }
        return bits[bitstring: index]
    }
}

/// IETF Token Status List: a JWT (`typ: statuslist+jwt`) holding ZLIB-compressed bits, for SD-JWT VC.
public enum TokenStatusList {
    public static let type = "statuslist+jwt"

    public static func token(uri: String, bits: StatusBits, issuedAt: Date, ttlSeconds: Int = 300, key: SigningKey, keyID: String) throws(CredentialError) -> String {
        let payload: JSONValue = [
            "sub": .string(uri), "iat": .number(JSONNumber(Int(issuedAt.timeIntervalSince1970))),
            "ttl": .number(JSONNumber(ttlSeconds)),
            "status_list": ["bits": 1, "lst": .string(Base64URL.encode(Deflate.zlib(bits.bytes)))],
        ]
        return try JWS.sign(payload: payload, header: ["typ": .string(type), "kid": .string(keyID)], key: key)
    }

    /// Verifies the status list token and reads the status at `index`.
    public static func isSet(index: Int, uri: String, token: String, key: IssuerKeys.PublicKey) throws(CredentialError) -> Bool {
        let decoded = try JWS.verify(token, key: key, expectedType: type)
        guard decoded.payload["sub"]?.stringValue == uri else { throw .malformed("the status list token is for \(decoded.payload["sub"]?.stringValue ?? "nothing"), not \(uri)") }
        guard decoded.payload["status_list"]?["bits"]?.numberValue?.value == 1,
              let lst = decoded.payload["status_list"]?["lst"]?.stringValue, let compressed = Base64URL.decode(lst) else {
            throw .malformed("the status list token has no one-bit list")
        }
        let bits = StatusBits(bytes: try Deflate.unzlib(Array(compressed)))
        guard index >= 0, index < bits.count else { throw .malformed("status index \(index) is beyond the list") }
        return bits[token: index]
    }
}
