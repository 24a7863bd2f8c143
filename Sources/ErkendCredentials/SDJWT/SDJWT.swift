import Crypto
public import Foundation
public import LinkedData

/// Selective Disclosure JWT (RFC 9901) as SD-JWT VC uses it: the issuer JWT,
/// one Disclosure per selectively disclosable claim, and on presentation a
/// Key Binding JWT signed with the holder's key (`cnf.jwk`).
///
/// Written here because no Swift library exists (DESIGN.md lists it among the
/// hand-written parts); tested with the verifier of the OWF reference implementation.
public enum SDJWT {
    /// One Disclosure: `[salt, name, value]`, base64url-encoded.
    public struct Disclosure: Sendable, Hashable {
        public var encoded: String
        public var salt: String
        public var name: String?
        public var value: JSONValue

        public init(salt: String, name: String?, value: JSONValue) {
            self.salt = salt
            self.name = name
            self.value = value
            let array: JSONValue = name.map { [.string(salt), .string($0), value] } ?? [.string(salt), value]
            encoded = Base64URL.encode(JSONWriter.string(array))
        }

        init(encoded: String) throws(CredentialError) {
            guard let bytes = Base64URL.decode(encoded), case .array(let array)? = try? JSONParser.parse(bytes) else {
                throw .malformed("a disclosure is not base64url JSON")
            }
            self.encoded = encoded
            switch array.count {
            case 3:
                guard let salt = array[0].stringValue, let name = array[1].stringValue else { throw .malformed("a disclosure's salt and name must be strings") }
                guard !["_sd", "...", "_sd_alg"].contains(name) else { throw .malformed("a disclosure may not name \(name)") }
                self.salt = salt
                self.name = name
                value = array[2]
            case 2:
                guard let salt = array[0].stringValue else { throw .malformed("a disclosure's salt must be a string") }
                self.salt = salt
                name = nil
                value = array[1]
            default:
                throw .malformed("a disclosure has 2 or 3 elements, this one has \(array.count)")
            }
        }

        /// base64url(SHA-256(ASCII(disclosure))).
        public var digest: String { Base64URL.encode(Data(SHA256.hash(data: Data(encoded.utf8)))) }
    }

    /// Makes `disclosable` members of `claims` selectively disclosable: each
    /// is replaced by its digest in `_sd` (digests sorted, so their order says
    /// nothing about the claim names). `salt` gives a fresh ≥128-bit salt per claim.
    public static func conceal(_ claims: JSONObject, disclosable: Set<String>, salt: () -> String) -> (JSONObject, [Disclosure]) {
        var payload = JSONObject()
        var disclosures: [Disclosure] = []
        for (name, value) in claims {
            if disclosable.contains(name) {
                disclosures.append(Disclosure(salt: salt(), name: name, value: value))
            } else {
                payload[name] = value
            }
        }
        if !disclosures.isEmpty {
            payload["_sd"] = .array(disclosures.map(\.digest).sorted().map { .string($0) })
            payload["_sd_alg"] = "sha-256"
        }
        return (payload, disclosures)
    }

    /// A random 128-bit salt, base64url, from swift-crypto's generator (BoringSSL's `RAND_bytes`).
    ///
    /// Not sixteen `UInt8.random` draws from `SystemRandomNumberGenerator`: each of those is a
    /// `getrandom` system call, and the four salts of one SD-JWT VC cost more than its ES256 signature.
    public static func randomSalt() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { Base64URL.encode($0) }
    }

    /// `issuerJWT~d1~…~dn~` (issuance form).
    public static func serialize(issuerJWT: String, disclosures: [Disclosure]) -> String {
        ([issuerJWT] + disclosures.map(\.encoded)).joined(separator: "~") + "~"
    }

    /// A presentation: the chosen disclosures, and a Key Binding JWT over them.
    public static func present(_ issued: String, disclose: (Disclosure) -> Bool, holderKey: SigningKey, audience: String,
                               nonce: String, issuedAt: Date) throws(CredentialError) -> String {
        let parsed = try parse(issued)
        let kept = parsed.disclosures.filter(disclose)
        let presented = serialize(issuerJWT: parsed.issuerJWT, disclosures: kept)
        let sdHash = Base64URL.encode(Data(SHA256.hash(data: Data(presented.utf8))))
        let kb = try JWS.sign(
            payload: ["iat": .number(JSONNumber(Int(issuedAt.timeIntervalSince1970))), "aud": .string(audience),
                      "nonce": .string(nonce), "sd_hash": .string(sdHash)],
            header: ["typ": "kb+jwt"], key: holderKey)
        return presented + kb
    }

    public struct Parsed: Sendable {
        public var issuerJWT: String
        public var disclosures: [Disclosure]
        public var keyBindingJWT: String?
        /// Everything before the KB-JWT, as `sd_hash` covers it.
        public var presentedPart: String
    }

    public static func parse(_ text: String) throws(CredentialError) -> Parsed {
        let compact = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = compact.split(separator: "~", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts[0].isEmpty else { throw .malformed("an SD-JWT is issuer-JWT~disclosures~[KB-JWT]") }
        var disclosures: [Disclosure] = []
        for part in parts[1..<(parts.count - 1)] {
            guard !part.isEmpty else { throw .malformed("an SD-JWT has an empty disclosure") }
            disclosures.append(try Disclosure(encoded: part))
        }
        let last = parts[parts.count - 1]
        let presented = parts.dropLast().joined(separator: "~") + "~"
        return Parsed(issuerJWT: parts[0], disclosures: disclosures, keyBindingJWT: last.isEmpty ? nil : last, presentedPart: presented)
    }

    /// Puts the disclosed claims back into `payload`; every disclosure must be referenced exactly once.
    public static func reveal(_ payload: JSONObject, disclosures: [Disclosure]) throws(CredentialError) -> JSONObject {
        var byDigest: [String: Disclosure] = [:]
        for disclosure in disclosures {
            guard byDigest.updateValue(disclosure, forKey: disclosure.digest) == nil else { throw .malformed("a disclosure is given twice") }
        }
        var used = Set<String>()
        let revealed = try reveal(.object(payload), byDigest: byDigest, used: &used)
        guard used.count == byDigest.count else { throw CredentialError(.badSignature, "a disclosure is not referenced by the signed payload") }
        guard case .object(let object) = revealed else { throw .malformed("the SD-JWT payload is not an object") }
        return object
    }

    private static func reveal(_ value: JSONValue, byDigest: [String: Disclosure], used: inout Set<String>) throws(CredentialError) -> JSONValue {
        switch value {
        case .object(let object):
            var out = JSONObject()
            for (name, member) in object where name != "_sd" && name != "_sd_alg" {
                out[name] = try reveal(member, byDigest: byDigest, used: &used)
            }
            for digest in object["_sd"]?.arrayValue ?? [] {
                guard let digest = digest.stringValue else { throw .malformed("_sd holds a non-string") }
                guard let disclosure = byDigest[digest] else { continue }  // undisclosed or decoy
                guard used.insert(digest).inserted else { throw .malformed("a digest appears twice") }
                guard let name = disclosure.name else { throw .malformed("an array-element disclosure is referenced from _sd") }
                guard out[name] == nil else { throw .malformed("claim \(name) is both plain and disclosed") }
                out[name] = try reveal(disclosure.value, byDigest: byDigest, used: &used)
            }
            return .object(out)
        case .array(let array):
            var out: [JSONValue] = []
            for element in array {
                if case .object(let object) = element, object.count == 1, let digest = object["..."]?.stringValue {
                    guard let disclosure = byDigest[digest] else { continue }
                    guard used.insert(digest).inserted else { throw .malformed("a digest appears twice") }
                    out.append(try reveal(disclosure.value, byDigest: byDigest, used: &used))
                } else {
                    out.append(try reveal(element, byDigest: byDigest, used: &used))
                }
            }
            return .array(out)
        default:
            return value
        }
    }
}
