public import Crypto
import Foundation
public import LinkedData

/// The signing keys of one issuer: Ed25519 for Data Integrity and EdDSA JWTs,
/// P-256 for ES256 (SD-JWT VC, the EU wallet). Each has an id that names it in
/// the DID document and the JWKS; rotation adds keys, it never removes the
/// public half of an old one.
public struct IssuerKeys: Sendable {
    public var ed25519: Curve25519.Signing.PrivateKey
    public var p256: P256.Signing.PrivateKey
    /// Fragment of the Ed25519 key's id (`ed25519-1`).
    public var ed25519ID: String
    /// Fragment of the P-256 key's id (`p256-1`).
    public var p256ID: String
    /// Public keys of earlier generations, still published so earlier credentials keep verifying.
    public var retired: [PublicKey]

    /// A published public key.
    public enum PublicKey: Sendable {
        case ed25519(id: String, key: Curve25519.Signing.PublicKey)
        case p256(id: String, key: P256.Signing.PublicKey)

        public var id: String {
            switch self {
            case .ed25519(let id, _), .p256(let id, _): id
            }
        }
    }

    public init(ed25519: Curve25519.Signing.PrivateKey, p256: P256.Signing.PrivateKey,
                ed25519ID: String = "ed25519-1", p256ID: String = "p256-1", retired: [PublicKey] = []) {
        self.ed25519 = ed25519
        self.p256 = p256
        self.ed25519ID = ed25519ID
        self.p256ID = p256ID
        self.retired = retired
    }

    /// Fresh random keys.
    public static func generate() -> IssuerKeys {
        IssuerKeys(ed25519: Curve25519.Signing.PrivateKey(), p256: P256.Signing.PrivateKey())
    }

    /// Every key the issuer publishes: the current ones first.
    public var published: [PublicKey] {
        [.ed25519(id: ed25519ID, key: ed25519.publicKey), .p256(id: p256ID, key: p256.publicKey)] + retired
    }
}

/// Public keys as Multikey (`z6Mk…`, `zDn…`) and JWK values.
public enum KeyEncoding {
    static let ed25519Prefix: [UInt8] = [0xED, 0x01]
    static let p256Prefix: [UInt8] = [0x80, 0x24]

    public static func multikey(_ key: Curve25519.Signing.PublicKey) -> String {
        Multibase.base58btc(ed25519Prefix + Array(key.rawRepresentation))
    }

    public static func multikey(_ key: P256.Signing.PublicKey) -> String {
        Multibase.base58btc(p256Prefix + Array(key.compressedRepresentation))
    }

    public static func multikey(_ key: IssuerKeys.PublicKey) -> String {
        switch key {
        case .ed25519(_, let key): multikey(key)
        case .p256(_, let key): multikey(key)
        }
    }

    /// Reads a Multikey back; `nil` for anything but an Ed25519 or P-256 public key.
    public static func publicKey(multikey: String, id: String = "") -> IssuerKeys.PublicKey? {
        guard let raw = Multibase.decode(multikey).map(Array.init) else { return nil }
        if raw.count == 34, Array(raw.prefix(2)) == ed25519Prefix, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw.dropFirst(2)) {
            return .ed25519(id: id, key: key)
        }
        if raw.count == 35, Array(raw.prefix(2)) == p256Prefix, let key = try? P256.Signing.PublicKey(compressedRepresentation: raw.dropFirst(2)) {
            return .p256(id: id, key: key)
        }
        return nil
    }

    public static func jwk(_ key: IssuerKeys.PublicKey, kid: String? = nil) -> JSONValue {
        var object = JSONObject()
        switch key {
        case .ed25519(_, let key):
            object["kty"] = "OKP"
            object["crv"] = "Ed25519"
            object["x"] = .string(Base64URL.encode(key.rawRepresentation))
            object["alg"] = "EdDSA"
        case .p256(_, let key):
            let raw = key.rawRepresentation  // x ‖ y
            object["kty"] = "EC"
            object["crv"] = "P-256"
            object["x"] = .string(Base64URL.encode(raw.prefix(32)))
            object["y"] = .string(Base64URL.encode(raw.suffix(32)))
            object["alg"] = "ES256"
        }
        if let kid { object["kid"] = .string(kid) }
        object["use"] = "sig"
        return .object(object)
    }

    /// Reads a public JWK; refuses private keys (`d`) and kinds other than Ed25519 and P-256.
    public static func publicKey(jwk: JSONValue) throws(CredentialError) -> IssuerKeys.PublicKey {
        guard case .object(let object) = jwk else { throw .malformed("a JWK must be a JSON object") }
        guard object["d"] == nil else { throw CredentialError(.unsupported, "the JWK holds a private key; only public keys are accepted") }
        let id = object["kid"]?.stringValue ?? ""
        switch (object["kty"]?.stringValue, object["crv"]?.stringValue) {
        case ("OKP", "Ed25519"):
            guard let x = object["x"]?.stringValue.flatMap(Base64URL.decode), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: x) else {
                throw .malformed("the Ed25519 JWK has no valid x")
            }
            return .ed25519(id: id, key: key)
        case ("EC", "P-256"):
            guard let x = object["x"]?.stringValue.flatMap(Base64URL.decode), let y = object["y"]?.stringValue.flatMap(Base64URL.decode),
                  x.count == 32, y.count == 32, let key = try? P256.Signing.PublicKey(rawRepresentation: x + y) else {
                throw .malformed("the P-256 JWK has no valid x and y")
            }
            return .p256(id: id, key: key)
        case (let kty, let crv):
            throw CredentialError(.unsupported, "JWK of type \(kty ?? "none") / \(crv ?? "none") is not accepted; use Ed25519 or P-256")
        }
    }
}
