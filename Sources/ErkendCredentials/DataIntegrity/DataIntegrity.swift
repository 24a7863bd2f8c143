public import Crypto
public import Foundation
public import LinkedData

/// Data Integrity proofs (W3C VC Data Integrity 1.0, vc-di-eddsa):
/// `eddsa-rdfc-2022` (Ed25519 over RDFC-1.0 canonical N-Quads) and
/// `eddsa-jcs-2022` (Ed25519 over JCS).
///
/// hashData = SHA-256(canonical proof configuration) ‖ SHA-256(canonical document),
/// where the proof configuration is the proof without `proofValue`, with the
/// document's `@context`.
public enum DataIntegrity {
    public enum Cryptosuite: String, Sendable, CaseIterable {
        case eddsaRDFC2022 = "eddsa-rdfc-2022"
        case eddsaJCS2022 = "eddsa-jcs-2022"
    }

    /// Adds a proof to `document` (kept as a one-element `proof` array, as OB 3.0 asks).
    ///
    /// - Parameters:
    ///   - loader: where `@context` URLs come from (offline); JSON-LD safe mode is on, so a
    ///     property no context defines is refused instead of being left unsigned.
    public static func sign(_ document: JSONValue, suite: Cryptosuite, key: Curve25519.Signing.PrivateKey,
                            verificationMethod: String, created: Date, loader: any DocumentLoader) throws(CredentialError) -> JSONValue {
        guard case .object(var object) = document else { throw .malformed("a credential must be a JSON object") }
        object["proof"] = nil
        var proof = JSONObject()
        proof["type"] = "DataIntegrityProof"
        proof["cryptosuite"] = .string(suite.rawValue)
        proof["created"] = .string(Timestamp.string(created))
        proof["verificationMethod"] = .string(verificationMethod)
        proof["proofPurpose"] = "assertionMethod"
        let data = try hashData(document: object, proof: proof, suite: suite, loader: loader)
        let signature: Data
        do { signature = try key.signature(for: data) } catch { throw CredentialError(.issuance, "Ed25519 signing failed: \(error)") }
        proof["proofValue"] = .string(Multibase.base58btc(signature))
        object["proof"] = [.object(proof)]
        return .object(object)
    }

    /// Verifies every proof of `document`; the key of each comes from `resolveKey(verificationMethod)`.
    /// Returns the verification methods that signed.
    @discardableResult
    public static func verify(_ document: JSONValue, loader: any DocumentLoader,
                              resolveKey: (String) -> IssuerKeys.PublicKey?) throws(CredentialError) -> [String] {
        guard case .object(let object) = document else { throw .malformed("a credential must be a JSON object") }
        let proofs: [JSONValue]
        switch object["proof"] {
        case .array(let array)?: proofs = array
        case .object?: proofs = [object["proof"]!]
        default: throw CredentialError(.badSignature, "the credential has no embedded proof")
        }
        guard !proofs.isEmpty else { throw CredentialError(.badSignature, "the credential has no embedded proof") }
        var unsecured = object
        unsecured["proof"] = nil
        var signers: [String] = []
        for proofValue in proofs {
            guard case .object(var proof) = proofValue else { throw .malformed("a proof must be a JSON object") }
            guard proof["type"]?.stringValue == "DataIntegrityProof" else {
                throw CredentialError(.unsupported, "proof type \(proof["type"]?.stringValue ?? "none") is not DataIntegrityProof")
            }
            guard let suiteName = proof["cryptosuite"]?.stringValue, let suite = Cryptosuite(rawValue: suiteName) else {
                throw CredentialError(.unsupported, "cryptosuite \(proof["cryptosuite"]?.stringValue ?? "none") is not supported; Erkend verifies eddsa-rdfc-2022 and eddsa-jcs-2022")
            }
            guard proof["proofPurpose"]?.stringValue == "assertionMethod" else {
                throw CredentialError(.badSignature, "the proof purpose must be assertionMethod")
            }
            guard proof["previousProof"] == nil else { throw CredentialError(.unsupported, "proof chains (previousProof) are not supported") }
            guard let method = proof["verificationMethod"]?.stringValue else { throw .malformed("the proof names no verificationMethod") }
            guard let value = proof.removeValue(forKey: "proofValue")?.stringValue, value.hasPrefix("z"),
                  let signature = Multibase.decode(value), signature.count == 64 else {
                throw .malformed("proofValue must be a base58btc (z…) Ed25519 signature")
            }
            if let context = proof["@context"], context != unsecured["@context"] {
                throw CredentialError(.badSignature, "the proof's @context differs from the credential's")
            }
            proof["@context"] = nil
            guard let key = resolveKey(method) else {
                throw CredentialError(.badSignature, "the key \(method) is not one of the issuer's published keys")
            }
            guard case .ed25519 = key else { throw CredentialError(.badSignature, "\(suite.rawValue) needs an Ed25519 key, \(method) is not one") }
            let data = try hashData(document: unsecured, proof: proof, suite: suite, loader: loader)
            guard key.isValidSignature(signature, for: data) else {
                throw CredentialError(.badSignature, "the \(suite.rawValue) signature does not verify: the credential or its proof was changed, or the key is wrong")
            }
            signers.append(method)
        }
        return signers
    }

    /// The 64 bytes that are signed.
    public static func hashData(document: JSONObject, proof: JSONObject, suite: Cryptosuite,
                                loader: any DocumentLoader) throws(CredentialError) -> Data {
        var configuration = proof
        configuration["proofValue"] = nil
        if let context = document["@context"] { configuration["@context"] = context }
        let proofBytes = try canonical(.object(configuration), suite: suite, loader: loader)
        let documentBytes = try canonical(.object(document), suite: suite, loader: loader)
        return Data(SHA256.hash(data: proofBytes)) + Data(SHA256.hash(data: documentBytes))
    }

    static func canonical(_ value: JSONValue, suite: Cryptosuite, loader: any DocumentLoader) throws(CredentialError) -> Data {
        switch suite {
        case .eddsaJCS2022:
            do { return try JCS.canonicalize(value) } catch { throw CredentialError(.issuance, "JCS: \(error)") }
        case .eddsaRDFC2022:
            guard value["@context"] != nil else { throw .malformed("RDFC cryptosuites need JSON-LD with an @context") }
            do {
                let dataset = try JSONLD.toRDF(value, options: JSONLD.Options(documentLoader: loader, safeMode: true))
                return Data(try RDFC10.canonicalize(dataset).nquads.utf8)
            } catch {
                throw CredentialError(.malformed, "JSON-LD canonicalization failed: \(error)")
            }
        }
    }
}

/// XML Schema dateTimes in UTC with a `Z`, seconds precision, as credentials write them.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
