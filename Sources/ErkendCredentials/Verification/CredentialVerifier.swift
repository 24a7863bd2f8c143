public import Foundation
public import LinkedData

/// Verifies what Erkend issues — signature, issuer key, validity window and
/// status — for each format. An HTTP or CLI layer only passes bytes in and
/// the `Report` out.
public struct CredentialVerifier: Sendable {
    public enum Format: String, Sendable {
        case dataIntegrity = "ldp_vc"
        case vcJWT = "jwt_vc_json"
        case sdJWTVC = "dc+sd-jwt"
    }

    public struct Report: Sendable {
        public var format: Format
        public var credential: JSONValue
        public var signedBy: [String]
    }

    public let identity: IssuerIdentity
    public let keys: IssuerKeys
    public let loader: any DocumentLoader
    /// Status list credentials (Bitstring) by URL, and Token Status List tokens by URI, already fetched.
    public var bitstringLists: [String: JSONValue]
    public var tokenLists: [String: String]

    public init(identity: IssuerIdentity, keys: IssuerKeys, loader: any DocumentLoader,
                bitstringLists: [String: JSONValue] = [:], tokenLists: [String: String] = [:]) {
        self.identity = identity
        self.keys = keys
        self.loader = loader
        self.bitstringLists = bitstringLists
        self.tokenLists = tokenLists
    }

    /// The published key a verification method or `kid` names, or `nil`.
    public func key(_ id: String) -> IssuerKeys.PublicKey? {
        keys.published.first { identity.verificationMethod($0.id) == id }
    }

    /// Works out the format from the text and verifies it.
    public func verify(_ text: String, at now: Date) throws(CredentialError) -> Report {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            guard let json = try? JSONParser.parse(trimmed) else { throw .malformed("the file is not valid JSON") }
            return try verifyDataIntegrity(json, at: now)
        }
        if trimmed.contains("~") {
            let verified = try LearningCredential.verify(trimmed, resolveKey: key, at: now)
            try checkTokenStatus(verified.claims)
            return Report(format: .sdJWTVC, credential: .object(verified.claims), signedBy: [identity.publicURL])
        }
        let credential = try VCJWT.verify(trimmed, resolveKey: key)
        try checkWindow(credential, at: now)
        try checkBitstringStatus(credential)
        return Report(format: .vcJWT, credential: credential, signedBy: [try JWS.decode(trimmed).keyID ?? ""])
    }

    public func verifyDataIntegrity(_ credential: JSONValue, at now: Date) throws(CredentialError) -> Report {
        guard credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue == identity.did else {
            throw CredentialError(.badSignature, "the credential was not issued by \(identity.did)")
        }
        let signers = try DataIntegrity.verify(credential, loader: loader, resolveKey: key)
        try checkWindow(credential, at: now)
        try checkBitstringStatus(credential)
        try verifyStacked(in: credential, at: now)
        return Report(format: .dataIntegrity, credential: credential, signedBy: signers)
    }

    /// A CLR 2.0 `ClrCredential` holds whole credentials, each with its own proof: every one of them must
    /// verify too (signature, window, status), so a revoked unit inside a valid CLR makes the CLR invalid.
    func verifyStacked(in credential: JSONValue, at now: Date) throws(CredentialError) {
        guard credential["type"]?.arrayValue?.contains(.string("ClrCredential")) == true || credential["type"]?.stringValue == "ClrCredential" else { return }
        guard let stacked = credential["credentialSubject"]?["verifiableCredential"]?.arrayValue, !stacked.isEmpty else {
            throw .malformed("a CLR holds its credentials in credentialSubject.verifiableCredential, and this one holds none")
        }
        for (index, part) in stacked.enumerated() {
            do {
                _ = try verifyDataIntegrity(part, at: now)
            } catch {
                throw CredentialError(error.kind, "credential \(index + 1) of the CLR (\(part["name"]?.stringValue ?? "unnamed")): \(error.message)")
            }
        }
    }

    func checkWindow(_ credential: JSONValue, at now: Date) throws(CredentialError) {
        if let from = credential["validFrom"]?.stringValue {
            guard let date = Timestamp.date(from) else { throw .malformed("validFrom is not a date-time") }
            if date > now { throw CredentialError(.outsideValidity, "the credential is valid from \(from), not yet") }
        }
        if let until = credential["validUntil"]?.stringValue {
            guard let date = Timestamp.date(until) else { throw .malformed("validUntil is not a date-time") }
            if date <= now { throw CredentialError(.outsideValidity, "the credential expired at \(until)") }
        }
    }

    func checkBitstringStatus(_ credential: JSONValue) throws(CredentialError) {
        guard let entry = credential["credentialStatus"] else { return }
        guard let url = entry["statusListCredential"]?.stringValue, let list = bitstringLists[url] else {
            throw CredentialError(.malformed, "the status list \(entry["statusListCredential"]?.stringValue ?? "(none)") was not available to check")
        }
        _ = try DataIntegrity.verify(list, loader: loader, resolveKey: key)
        if try BitstringStatusList.isSet(entry: entry, listCredential: list) {
            throw CredentialError(.revoked, "the issuer has revoked this credential")
        }
    }

    func checkTokenStatus(_ claims: JSONObject) throws(CredentialError) {
        guard let reference = claims["status"]?["status_list"] else { return }
        guard let uri = reference["uri"]?.stringValue, let index = reference["idx"]?.numberValue.map({ Int($0.value) }) else {
            throw .malformed("status.status_list needs idx and uri")
        }
        guard let token = tokenLists[uri] else { throw .malformed("the status list \(uri) was not available to check") }
        let decoded = try JWS.decode(token)
        guard let kid = decoded.keyID, let key = key(kid) else { throw CredentialError(.badSignature, "the status list token is not signed by the issuer") }
        if try TokenStatusList.isSet(index: index, uri: uri, token: token, key: key) {
            throw CredentialError(.revoked, "the issuer has revoked this credential")
        }
    }
}
