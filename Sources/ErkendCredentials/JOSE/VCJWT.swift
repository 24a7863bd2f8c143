import Foundation
public import LinkedData

/// Open Badges 3.0 VC-JWT (OB 3.0 §8.2, OID4VCI `jwt_vc_json`): the
/// credential in the `vc` claim, with `iss`, `jti`, `sub`, `nbf`, `exp`
/// mirroring it, header `typ: JWT` and `kid` naming the issuer's key.
public enum VCJWT {
    public static let type = "JWT"

    /// Signs a credential (with or without an embedded proof) as a VC-JWT.
    public static func sign(_ credential: JSONValue, key: SigningKey, keyID: String) throws(CredentialError) -> String {
        guard case .object(let object) = credential else { throw .malformed("a credential must be a JSON object") }
        var payload = JSONObject()
        guard let issuer = issuerID(object) else { throw .malformed("the credential has no issuer id") }
        payload["iss"] = .string(issuer)
        if let id = object["id"]?.stringValue { payload["jti"] = .string(id) }
        if let subject = object["credentialSubject"]?["id"]?.stringValue { payload["sub"] = .string(subject) }
        guard let validFrom = object["validFrom"]?.stringValue.flatMap(Timestamp.date) else { throw .malformed("the credential has no validFrom") }
        payload["nbf"] = .number(JSONNumber(Int(validFrom.timeIntervalSince1970)))
        if let validUntil = object["validUntil"]?.stringValue.flatMap(Timestamp.date) {
            payload["exp"] = .number(JSONNumber(Int(validUntil.timeIntervalSince1970)))
        }
        payload["vc"] = credential
        return try JWS.sign(payload: .object(payload), header: ["typ": .string(type), "kid": .string(keyID)], key: key)
    }

    /// Verifies a VC-JWT: `typ` (JWT, or absent), signature with the key
    /// `resolveKey(kid)` gives, and the claims that must mirror the credential.
    /// Returns the credential in `vc`.
    public static func verify(_ token: String, resolveKey: (String) -> IssuerKeys.PublicKey?) throws(CredentialError) -> JSONValue {
        let decoded = try JWS.decode(token)
        if decoded.type != nil { try JWS.checkHeader(decoded, expectedType: type) } else { try JWS.checkHeader(decoded, expectedType: nil) }
        guard let kid = decoded.keyID, let key = resolveKey(kid) else {
            throw CredentialError(.badSignature, "the VC-JWT's key \(decoded.keyID ?? "(no kid)") is not one of the issuer's published keys")
        }
        _ = try JWS.verify(token, key: key, expectedType: decoded.type == nil ? nil : type)
        guard case .object(let payload) = decoded.payload, case .object(let credential)? = payload["vc"] else {
            throw .malformed("the VC-JWT has no vc claim holding a credential")
        }
        guard payload["iss"]?.stringValue == issuerID(credential) else { throw CredentialError(.badSignature, "iss differs from the credential's issuer") }
        if let jti = payload["jti"] { guard jti.stringValue == credential["id"]?.stringValue else { throw CredentialError(.badSignature, "jti differs from the credential's id") } }
        if let sub = payload["sub"] { guard sub.stringValue == credential["credentialSubject"]?["id"]?.stringValue else { throw CredentialError(.badSignature, "sub differs from the subject's id") } }
        if let nbf = payload["nbf"]?.numberValue, let validFrom = credential["validFrom"]?.stringValue.flatMap(Timestamp.date),
           Int(nbf.value) != Int(validFrom.timeIntervalSince1970) {
            throw CredentialError(.badSignature, "nbf differs from validFrom")
        }
        if let validUntil = credential["validUntil"]?.stringValue.flatMap(Timestamp.date) {
            guard let exp = payload["exp"]?.numberValue, Int(exp.value) == Int(validUntil.timeIntervalSince1970) else {
                throw CredentialError(.badSignature, "exp differs from validUntil")
            }
        }
        return .object(credential)
    }

    static func issuerID(_ credential: JSONObject) -> String? {
        credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
    }
}
