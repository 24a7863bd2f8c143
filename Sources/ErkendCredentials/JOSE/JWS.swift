public import Crypto
public import Foundation
public import LinkedData

/// A private key that signs JWS and Data Integrity proofs.
public enum SigningKey: Sendable {
    case ed25519(Curve25519.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)

    public var algorithm: JWSAlgorithm {
        switch self {
        case .ed25519: .edDSA
        case .p256: .es256
        }
    }

    /// Ed25519 signature, or ES256 as the 64-byte r ‖ s JWS needs.
    public func sign(_ data: some DataProtocol) throws(CredentialError) -> Data {
        do {
            switch self {
            case .ed25519(let key): return try key.signature(for: Data(data))
            case .p256(let key): return try key.signature(for: Data(data)).rawRepresentation
            }
        } catch {
            throw CredentialError(.issuance, "signing failed: \(error)")
        }
    }
}

extension IssuerKeys.PublicKey {
    public var algorithm: JWSAlgorithm {
        switch self {
        case .ed25519: .edDSA
        case .p256: .es256
        }
    }

    /// Checks a raw signature (Ed25519, or r ‖ s for P-256 with SHA-256).
    public func isValidSignature(_ signature: Data, for data: some DataProtocol) -> Bool {
        switch self {
        case .ed25519(_, let key):
            return key.isValidSignature(signature, for: Data(data))
        case .p256(_, let key):
            guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(signature, for: Data(data))
        }
    }
}

public enum JWSAlgorithm: String, Sendable, CaseIterable {
    case edDSA = "EdDSA"
    case es256 = "ES256"
}

/// Compact JWS (RFC 7515) with EdDSA and ES256.
///
/// Written on swift-crypto instead of taking jwt-kit: Erkend needs only two
/// algorithms, must check `typ` on verify (jwt-kit does not), must keep the
/// exact payload bytes for SD-JWT's `sd_hash`, and must refuse `crit`; a
/// hundred lines here are easier to audit than an adapter around a library.
public enum JWS {
    /// A compact JWS taken apart. `payload` is the decoded JSON.
    public struct Decoded: Sendable {
        public var header: JSONObject
        public var payload: JSONValue
        public var payloadBytes: Data
        public var signingInput: String
        public var signature: Data

        public var algorithm: String? { header["alg"]?.stringValue }
        public var type: String? { header["typ"]?.stringValue }
        public var keyID: String? { header["kid"]?.stringValue }
    }

    /// Signs `payload` with `header` (its `alg` is set from the key).
    public static func sign(payload: JSONValue, header: JSONObject, key: SigningKey) throws(CredentialError) -> String {
        try sign(payloadBytes: Data(JSONWriter.string(payload).utf8), header: header, key: key)
    }

    public static func sign(payloadBytes: Data, header: JSONObject, key: SigningKey) throws(CredentialError) -> String {
        var header = header
        header["alg"] = .string(key.algorithm.rawValue)
        // `alg` first reads better; member order does not matter to verifiers.
        var ordered = JSONObject()
        ordered["alg"] = header["alg"]
        for (name, value) in header where name != "alg" { ordered[name] = value }
        let input = Base64URL.encode(JSONWriter.string(.object(ordered))) + "." + Base64URL.encode(payloadBytes)
        let signature = try key.sign(Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    /// Takes a compact JWS apart without checking the signature.
    public static func decode(_ compact: some StringProtocol) throws(CredentialError) -> Decoded {
        let parts = compact.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("a compact JWS has three parts separated by dots, found \(parts.count)") }
        guard let headerBytes = Base64URL.decode(parts[0]), let payloadBytes = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]) else {
            throw .malformed("a part of the JWS is not base64url")
        }
        guard case .object(let header)? = try? JSONParser.parse(headerBytes) else { throw .malformed("the JWS header is not a JSON object") }
        guard let payload = try? JSONParser.parse(payloadBytes) else { throw .malformed("the JWS payload is not JSON") }
        return Decoded(header: header, payload: payload, payloadBytes: payloadBytes,
                       signingInput: "\(parts[0]).\(parts[1])", signature: signature)
    }

    /// Verifies a compact JWS: the `typ` must be `expectedType` (compared
    /// without regard to case, with an optional `application/` prefix), the
    /// `alg` must be the key's, and no `crit` header may be present.
    public static func verify(_ compact: some StringProtocol, key: IssuerKeys.PublicKey, expectedType: String?) throws(CredentialError) -> Decoded {
        let decoded = try decode(compact)
        try checkHeader(decoded, expectedType: expectedType)
        guard decoded.algorithm == key.algorithm.rawValue else {
            throw CredentialError(.unsupported, "the JWS says alg \(decoded.algorithm ?? "none") but the key is for \(key.algorithm.rawValue)")
        }
        guard key.isValidSignature(decoded.signature, for: Data(decoded.signingInput.utf8)) else {
            throw CredentialError(.badSignature, "the JWS signature does not verify with key \(key.id)")
        }
        return decoded
    }

    public static func checkHeader(_ decoded: Decoded, expectedType: String?) throws(CredentialError) {
        guard let alg = decoded.algorithm, JWSAlgorithm(rawValue: alg) != nil else {
            throw CredentialError(.unsupported, "alg \(decoded.algorithm ?? "none") is not accepted; use EdDSA or ES256")
        }
        guard decoded.header["crit"] == nil else { throw CredentialError(.unsupported, "the JWS has critical header parameters (crit), which Erkend does not understand") }
        if let expectedType {
            guard let type = decoded.type, normalizedType(type) == normalizedType(expectedType) else {
                throw CredentialError(.unsupported, "the JWS typ is \(decoded.type ?? "missing"), expected \(expectedType)")
            }
        }
    }

    static func normalizedType(_ type: String) -> String {
        let lower = type.lowercased()
        return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
    }
}
