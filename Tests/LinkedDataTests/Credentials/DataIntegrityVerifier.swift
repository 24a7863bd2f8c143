import Crypto
import Foundation
import LinkedData

/// Just enough of vc-di-eddsa to check the signed examples: builds the
/// proof configuration and unsecured document, canonicalizes both, and
/// verifies the Ed25519 signature over SHA-256(proof) ‖ SHA-256(document).
enum DataIntegrityVerifier {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Prepared {
        let proofConfiguration: JSONValue
        let unsecuredDocument: JSONValue
        let cryptosuite: String
        let proofValue: String
        let verificationMethod: String
    }

    /// The first (in the examples: only) proof of a credential, with the
    /// document it signs.
    static func prepare(_ signed: JSONValue) throws -> Prepared {
        guard case .object(var document) = signed, let proofs = document.removeValue(forKey: "proof") else {
            throw Failure(description: "no embedded proof")
        }
        let first = proofs.arrayValue?.first ?? proofs
        guard case .object(var proof) = first else { throw Failure(description: "the proof is not an object") }
        guard case .string(let proofValue)? = proof.removeValue(forKey: "proofValue") else { throw Failure(description: "no proofValue") }
        if let context = document["@context"] { proof["@context"] = context }
        return Prepared(
            proofConfiguration: .object(proof), unsecuredDocument: .object(document),
            cryptosuite: proof["cryptosuite"]?.stringValue ?? "", proofValue: proofValue,
            verificationMethod: proof["verificationMethod"]?.stringValue ?? "")
    }

    /// The Ed25519 key from a `did:key:z6Mk…` or a URL whose fragment is the Multikey
    /// (the 1EdTech test vectors' convention).
    static func publicKey(for verificationMethod: String) throws -> Curve25519.Signing.PublicKey {
        var multikey = verificationMethod
        if let hash = multikey.firstIndex(of: "#") { multikey = String(multikey[multikey.index(after: hash)...]) }
        if multikey.hasPrefix("did:key:") { multikey = String(multikey.dropFirst("did:key:".count)) }
        guard let raw = Base58.decodeMultibase(multikey), raw.count == 34, raw.prefix(2) == Data([0xED, 0x01]) else {
            throw Failure(description: "not an Ed25519 Multikey: \(multikey)")
        }
        return try Curve25519.Signing.PublicKey(rawRepresentation: raw.dropFirst(2))
    }

    static func canonicalBytes(_ document: JSONValue, cryptosuite: String) throws -> Data {
        switch cryptosuite {
        case "eddsa-rdfc-2022": return Data(try JSONLD.canonicalize(document).nquads.utf8)
        case "eddsa-jcs-2022": return try JCS.canonicalize(document)
        default: throw Failure(description: "unsupported cryptosuite \(cryptosuite)")
        }
    }

    static func hashData(_ prepared: Prepared) throws -> Data {
        let proof = try canonicalBytes(prepared.proofConfiguration, cryptosuite: prepared.cryptosuite)
        let document = try canonicalBytes(prepared.unsecuredDocument, cryptosuite: prepared.cryptosuite)
        return Data(SHA256.hash(data: proof)) + Data(SHA256.hash(data: document))
    }

    /// Whether the embedded proof verifies.
    static func verify(_ signed: JSONValue) throws -> Bool {
        let prepared = try prepare(signed)
        guard let signature = Base58.decodeMultibase(prepared.proofValue), signature.count == 64 else {
            throw Failure(description: "proofValue is not a multibase Ed25519 signature")
        }
        let key = try publicKey(for: prepared.verificationMethod)
        return key.isValidSignature(signature, for: try hashData(prepared))
    }
}
