import Crypto
public import ErkendCore
public import Foundation
public import LinkedData

/// OpenID for Verifiable Credential Issuance 1.0, the parts that are pure: the
/// issuer and authorization server metadata, the credential offer, the checks on a
/// wallet's `openid4vci-proof+jwt`, and the error codes the specification names.
/// State (pre-authorized codes, access tokens, nonces, what was issued) lives in
/// the store; HTTP in ErkendServer.
public enum OpenID4VCI {
    public static let preAuthorizedGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
    public static let proofType = "openid4vci-proof+jwt"
    /// How long an offer's pre-authorized code can be redeemed.
    public static let codeLifetime: TimeInterval = 10 * 60
    /// How long an access token from the token endpoint is good for.
    public static let accessTokenLifetime: TimeInterval = 10 * 60
    /// How long a `c_nonce` may be used in a proof.
    public static let nonceLifetime: TimeInterval = 5 * 60
    /// How far a proof's `iat` may lie in the past, and (clock skew) in the future.
    public static let proofMaximumAge: TimeInterval = 5 * 60
    public static let proofMaximumSkew: TimeInterval = 60
    /// Wrong transaction codes an offer tolerates before it is dead.
    public static let transactionCodeAttempts = 5

    /// The endpoints, below the public URL. The credential issuer is its own authorization
    /// server; the authorization-code flow (PKCE, PAR, DPoP) would add endpoints beside these.
    public static func tokenEndpoint(_ identity: IssuerIdentity) -> String { identity.publicURL + "/oid4vci/token" }
    public static func credentialEndpoint(_ identity: IssuerIdentity) -> String { identity.publicURL + "/oid4vci/credential" }
    public static func nonceEndpoint(_ identity: IssuerIdentity) -> String { identity.publicURL + "/oid4vci/nonce" }
    public static func offerURL(_ identity: IssuerIdentity, offer: String) -> String { identity.publicURL + "/oid4vci/offers/" + offer }

    /// The wallet link of an offer by reference.
    public static func offerLink(_ identity: IssuerIdentity, offer: String) -> String {
        "openid-credential-offer://?credential_offer_uri=" + percentEncoded(offerURL(identity, offer: offer))
    }

    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    // MARK: Credential configurations

    /// What Erkend issues through OpenID4VCI.
    public enum Configuration: String, Sendable, CaseIterable, Codable {
        /// A unit or recognition as Open Badges 3.0, Data Integrity (`eddsa-rdfc-2022`).
        case openBadgeLDP = "OpenBadgeCredential_ldp_vc"
        /// The same Open Badges credential as a VC-JWT.
        case openBadgeJWT = "OpenBadgeCredential_jwt_vc_json"
        /// An entrustment decision as Open Badges 3.0, Data Integrity.
        case entrustmentLDP = "EntrustmentCredential_ldp_vc"
        /// The EU wallet's learning credential, SD-JWT VC bound to the holder key.
        case learningSDJWT = "LearningCredential_dc+sd-jwt"

        public var format: String {
            switch self {
            case .openBadgeLDP, .entrustmentLDP: "ldp_vc"
            case .openBadgeJWT: "jwt_vc_json"
            case .learningSDJWT: "dc+sd-jwt"
            }
        }

        /// The configurations an award of `kind` can be issued in.
        public static func offered(for kind: Award.Kind) -> [Configuration] {
            switch kind {
            case .unitPassed, .recognitionGranted: [.openBadgeLDP, .openBadgeJWT, .learningSDJWT]
            case .entrustmentDecision: [.entrustmentLDP]
            case .phaseCompleted, .programmeCompleted: [.openBadgeLDP, .openBadgeJWT]
            }
        }
    }

    static let proofTypes: JSONValue = ["jwt": ["proof_signing_alg_values_supported": ["ES256", "EdDSA"]]]

    static func display(_ nl: String, _ en: String) -> JSONValue {
        ["display": [["name": .string(nl), "locale": "nl"], ["name": .string(en), "locale": "en"]]]
    }

    /// `/.well-known/openid-credential-issuer`.
    public static func issuerMetadata(identity: IssuerIdentity) -> JSONValue {
        let contexts: JSONValue = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                                   .string(identity.publicURL + "/contexts/erkend/v1")]
        let badgeType: JSONValue = ["VerifiableCredential", "OpenBadgeCredential"]
        var configurations = JSONObject()
        for configuration in Configuration.allCases {
            var entry: JSONObject = ["format": .string(configuration.format), "scope": .string(configuration.rawValue),
                                     "cryptographic_binding_methods_supported": configuration == .learningSDJWT ? ["jwk"] : ["did:jwk"],
                                     "proof_types_supported": proofTypes]
            switch configuration {
            case .openBadgeLDP:
                entry["credential_definition"] = ["@context": contexts, "type": badgeType]
                entry["credential_signing_alg_values_supported"] = ["eddsa-rdfc-2022"]
                entry["credential_metadata"] = display("Erkende eenheid (Open Badge)", "Recognised unit (Open Badge)")
            case .openBadgeJWT:
                entry["credential_definition"] = ["type": badgeType]
                entry["credential_signing_alg_values_supported"] = ["EdDSA"]
                entry["credential_metadata"] = display("Erkende eenheid (Open Badge, JWT)", "Recognised unit (Open Badge, JWT)")
            case .entrustmentLDP:
                entry["credential_definition"] = ["@context": contexts, "type": badgeType]
                entry["credential_signing_alg_values_supported"] = ["eddsa-rdfc-2022"]
                entry["credential_metadata"] = display("Bekwaamverklaring (EPA)", "Entrustment decision (EPA)")
            case .learningSDJWT:
                entry["vct"] = .string(LearningCredential.vct(identity: identity))
                entry["credential_signing_alg_values_supported"] = ["ES256"]
                entry["credential_metadata"] = display("Leercredential (EU-wallet)", "Learning credential (EU wallet)")
            }
            configurations[configuration.rawValue] = .object(entry)
        }
        return ["credential_issuer": .string(identity.publicURL),
                "credential_endpoint": .string(credentialEndpoint(identity)),
                "nonce_endpoint": .string(nonceEndpoint(identity)),
                "display": [["name": .string(identity.name), "locale": "nl"], ["name": .string(identity.name), "locale": "en"]],
                "credential_configurations_supported": .object(configurations)]
    }

    /// `/.well-known/oauth-authorization-server` (RFC 8414): the issuer is its own authorization server.
    public static func authorizationServerMetadata(identity: IssuerIdentity) -> JSONValue {
        ["issuer": .string(identity.publicURL),
         "token_endpoint": .string(tokenEndpoint(identity)),
         "grant_types_supported": [.string(preAuthorizedGrant)],
         "pre-authorized_grant_anonymous_access_supported": true,
         "token_endpoint_auth_methods_supported": ["none"],
         "response_types_supported": []]
    }

    /// The credential offer object served at the offer's URL.
    public static func offer(identity: IssuerIdentity, configurations: [String], preAuthorizedCode: String, transactionCodeLength: Int?) -> JSONValue {
        var grant: JSONObject = ["pre-authorized_code": .string(preAuthorizedCode)]
        if let length = transactionCodeLength {
            grant["tx_code"] = ["input_mode": "numeric", "length": .number(JSONNumber(length)),
                                "description": "De code die Erkend je liet zien bij het aanbod / the code Erkend showed with the offer"]
        }
        return ["credential_issuer": .string(identity.publicURL),
                "credential_configuration_ids": .array(configurations.map { .string($0) }),
                "grants": .object([preAuthorizedGrant: .object(grant)])]
    }

    // MARK: Errors

    /// An error answer the specification defines (`{"error": …, "error_description": …}`).
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Code: String, Sendable {
            // Token endpoint (RFC 6749 §5.2)
            case invalidRequest = "invalid_request"
            case invalidGrant = "invalid_grant"
            case unsupportedGrantType = "unsupported_grant_type"
            // Credential endpoint (OpenID4VCI §8.3.1.2), and RFC 6750 for the bearer token
            case invalidToken = "invalid_token"
            case invalidCredentialRequest = "invalid_credential_request"
            case unknownCredentialConfiguration = "unknown_credential_configuration"
            case invalidProof = "invalid_proof"
            case invalidNonce = "invalid_nonce"
            case credentialRequestDenied = "credential_request_denied"
        }
        public var code: Code
        public var message: String

        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }

        public var description: String { "\(code.rawValue): \(message)" }

        /// 401 for a bad access token, 400 otherwise.
        public var status: Int { code == .invalidToken ? 401 : 400 }

        public var body: JSONValue { ["error": .string(code.rawValue), "error_description": .string(message)] }
    }

    // MARK: Proof of possession

    /// What a valid proof says: the holder's public key and the nonce it carries.
    public struct Proof: Sendable {
        public var holderKey: JSONValue
        public var thumbprint: String
        public var nonce: String
    }

    /// Checks an `openid4vci-proof+jwt`: its `typ`, an asymmetric `alg` Erkend accepts, the holder's
    /// public key in `jwk` (a `kid` or `x5c` is refused: Erkend resolves no DIDs of wallets), the
    /// signature with that key, `aud` = the credential issuer, `iat` within the window, and a `nonce`
    /// (whether the nonce is one Erkend gave and is still fresh, the caller asks the store).
    public static func checkProof(_ jwt: String, issuer: String, at now: Date) throws(Failure) -> Proof {
        let decoded: JWS.Decoded
        do { decoded = try JWS.decode(jwt) } catch { throw Failure(.invalidProof, "the proof is not a compact JWS: \(error.message)") }
        guard let type = decoded.type, JWS.normalizedType(type) == proofType else {
            throw Failure(.invalidProof, "the proof's typ is \(decoded.type ?? "missing"), expected \(proofType)")
        }
        guard let alg = decoded.algorithm, let algorithm = JWSAlgorithm(rawValue: alg) else {
            throw Failure(.invalidProof, "the proof's alg \(decoded.algorithm ?? "none") is not accepted; use ES256 or EdDSA")
        }
        guard decoded.header["crit"] == nil else { throw Failure(.invalidProof, "the proof has critical header parameters (crit)") }
        guard decoded.header["kid"] == nil, decoded.header["x5c"] == nil else {
            throw Failure(.invalidProof, "send the holder key as jwk in the proof header; kid and x5c are not accepted")
        }
        guard let jwk = decoded.header["jwk"] else { throw Failure(.invalidProof, "the proof header has no jwk") }
        let key: IssuerKeys.PublicKey
        do { key = try KeyEncoding.publicKey(jwk: jwk) } catch { throw Failure(.invalidProof, "the proof's jwk: \(error.message)") }
        guard key.algorithm == algorithm else {
            throw Failure(.invalidProof, "the proof says alg \(alg) but its jwk is a key for \(key.algorithm.rawValue)")
        }
        guard key.isValidSignature(decoded.signature, for: Data(decoded.signingInput.utf8)) else {
            throw Failure(.invalidProof, "the proof's signature does not verify with its jwk")
        }
        guard case .object(let claims) = decoded.payload else { throw Failure(.invalidProof, "the proof's payload is not a JSON object") }
        let audiences: [String] = switch claims["aud"] {
        case .string(let one)?: [one]
        case .array(let many)?: many.compactMap(\.stringValue)
        default: []
        }
        guard audiences.contains(issuer) else {
            throw Failure(.invalidProof, "the proof's aud must be the credential issuer \(issuer)")
        }
        guard case .number(let number)? = claims["iat"], number.value.isFinite else {
            throw Failure(.invalidProof, "the proof has no iat")
        }
        let age = now.timeIntervalSince1970 - number.value
        guard age <= proofMaximumAge, age >= -proofMaximumSkew else {
            throw Failure(.invalidProof, "the proof's iat is \(Int(age)) seconds off; it must be at most \(Int(proofMaximumAge)) seconds old")
        }
        guard let nonce = claims["nonce"]?.stringValue, !nonce.isEmpty else {
            throw Failure(.invalidNonce, "the proof has no nonce; get one from the nonce endpoint")
        }
        return Proof(holderKey: publicMembers(jwk), thumbprint: thumbprint(key), nonce: nonce)
    }

    /// The JWK with only its public members (what goes into `cnf.jwk`).
    static func publicMembers(_ jwk: JSONValue) -> JSONValue {
        guard case .object(let object) = jwk else { return jwk }
        var kept = JSONObject()
        for name in ["kty", "crv", "x", "y"] { if let value = object[name] { kept[name] = value } }
        return .object(kept)
    }

    /// RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key.
    public static func thumbprint(_ key: IssuerKeys.PublicKey) -> String {
        guard case .object(let jwk) = KeyEncoding.jwk(key) else { return "" }
        let members = key.algorithm == .es256 ? ["crv", "kty", "x", "y"] : ["crv", "kty", "x"]
        let canonical = "{" + members.map { "\"\($0)\":\"\(jwk[$0]?.stringValue ?? "")\"" }.joined(separator: ",") + "}"
        return Base64URL.encode(Data(SHA256.hash(data: Data(canonical.utf8))))
    }

    /// The holder as `did:jwk` (for `credentialSubject.id` in the W3C formats).
    public static func didJWK(_ holderKey: JSONValue) -> String {
        "did:jwk:" + Base64URL.encode(JSONWriter.string(publicMembers(holderKey)))
    }
}
