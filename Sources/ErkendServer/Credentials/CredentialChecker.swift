public import ErkendCore
public import ErkendCredentials
public import Foundation
import LinkedData

/// Checks a credential someone hands in, for `POST /api/v1/verify` and `erkend verify`: every format
/// Erkend issues (Open Badges 3.0 with a Data Integrity proof, VC-JWT, SD-JWT VC) against Erkend's own
/// keys and status lists, and Open Badges 3.0 credentials of other issuers whose key is a `did:key`.
///
/// Input that is not a credential at all is an error (`invalidInput`, saying what and where); a
/// credential that does not verify, is revoked or expired is an answer (`valid: false` with the reason).
public struct CredentialChecker: Sendable {
    let publisher: CredentialPublisher

    public init(setup: IssuerSetup, awards: any AwardRepository, publicURL: String, now: @escaping @Sendable () -> Date = { Date() }) {
        publisher = CredentialPublisher(setup: setup, awards: awards, publicAddress: PublicAddress(publicURL), now: now)
    }

    init(publisher: CredentialPublisher) {
        self.publisher = publisher
    }

    /// What the check found, in words.
    public struct Result: Sendable, Encodable {
        public var valid: Bool
        /// `ldp_vc`, `jwt_vc_json` or `dc+sd-jwt`.
        public var format: String
        public var issuer: String?
        public var signedBy: [String]
        /// `active`, `revoked`, or `not checked` (another issuer's list is not fetched).
        public var status: String
        /// Why the credential is not valid, when it is not.
        public var problem: String?
        /// What the credential certifies (the achievement's name), when it says.
        public var achievement: String?
        public var validFrom: String?
        public var validUntil: String?
    }

    public func check(_ text: String) async throws -> Result {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ErkendError.invalid("body", "send the credential: a JSON document, a VC-JWT or an SD-JWT VC") }
        let now = publisher.now()
        let identity = try publisher.identity()
        let format: CredentialVerifier.Format
        var credential: JSONValue
        if trimmed.hasPrefix("{") {
            format = .dataIntegrity
            do { credential = try JSONParser.parse(trimmed) } catch {
                throw ErkendError.invalid("body", "the document is not valid JSON: \(error)")
            }
            guard credential["@context"] != nil, credential["type"] != nil else {
                throw ErkendError.invalid("body/@context", "a Verifiable Credential needs @context and type")
            }
            guard credential["proof"] != nil else {
                throw ErkendError.invalid("body/proof", "the credential has no embedded proof; send a signed credential")
            }
        } else {
            let parts = trimmed.split(separator: "~", omittingEmptySubsequences: false)
            format = parts.count > 1 ? .sdJWTVC : .vcJWT
            do {
                let decoded = try JWS.decode(parts[0])
                // A VC-JWT carries the credential in its `vc` claim.
                credential = format == .vcJWT ? (decoded.payload["vc"] ?? decoded.payload) : decoded.payload
            } catch {
                throw ErkendError.invalid(format == .sdJWTVC ? "body (issuer JWT, before the first ~)" : "body", error.message)
            }
        }
        let issuer = Self.issuer(of: credential, format: format)
        var result = Result(valid: false, format: format.rawValue, issuer: issuer, signedBy: [], status: "not checked",
                            achievement: Self.achievement(of: credential), validFrom: credential["validFrom"]?.stringValue,
                            validUntil: credential["validUntil"]?.stringValue)

        let ours = issuer == identity.did || issuer == identity.publicURL
        if !ours {
            let methods: [String] = switch credential["proof"] {
            case .array(let proofs)?: proofs.compactMap { $0["verificationMethod"]?.stringValue }
            case let proof?: [proof["verificationMethod"]?.stringValue].compactMap { $0 }
            case nil: []
            }
            guard format == .dataIntegrity, !methods.isEmpty, methods.allSatisfy({ $0.hasPrefix("did:key:") }) else {
                result.problem = "the credential was issued by \(issuer ?? "an unnamed issuer"); Erkend checks its own credentials and Open Badges signed with a did:key"
                return result
            }
            return try external(credential, identity: identity, at: now, result: result)
        }

        var verifier = CredentialVerifier(identity: identity, keys: publisher.setup.keys, loader: try publisher.loader(identity))
        try await loadStatusLists(&verifier, identity: identity, text: trimmed, credential: credential, format: format)
        do {
            let report = try verifier.verify(trimmed, at: now)
            result.valid = true
            result.signedBy = report.signedBy
            result.status = (report.credential["credentialStatus"] != nil || report.credential["status"] != nil) ? "active" : "not checked"
        } catch {
            result.problem = error.message
            if error.kind == .revoked { result.status = "revoked" }
            if error.kind == .malformed, error.message.contains("status list") == false {
                throw ErkendError.invalid("body", error.message)
            }
        }
        return result
    }

    /// An Open Badges credential of another issuer, signed with a `did:key`: the proof and the validity window.
    /// The key is the did:key itself, so this proves who signed, not that the signer is the issuer it names.
    func external(_ credential: JSONValue, identity: IssuerIdentity, at now: Date, result: Result) throws -> Result {
        var result = result
        let loader = try publisher.loader(identity)
        do {
            result.signedBy = try DataIntegrity.verify(credential, loader: loader) { method in
                guard method.hasPrefix("did:key:") else { return nil }
                let did = method.split(separator: "#").first.map(String.init) ?? method
                return KeyEncoding.publicKey(multikey: String(did.dropFirst("did:key:".count)), id: method)
            }
            if let from = credential["validFrom"]?.stringValue, let date = Timestamp.date(from), date > now {
                result.problem = "the credential is valid from \(from), not yet"
            } else if let until = credential["validUntil"]?.stringValue, let date = Timestamp.date(until), date <= now {
                result.problem = "the credential expired at \(until)"
            } else {
                result.valid = true
            }
        } catch {
            result.problem = error.message
            if error.kind == .malformed { throw ErkendError.invalid("body", error.message) }
        }
        return result
    }

    /// Erkend's own status lists the credential points at, signed as they are served.
    func loadStatusLists(_ verifier: inout CredentialVerifier, identity: IssuerIdentity, text: String, credential: JSONValue,
                         format: CredentialVerifier.Format) async throws {
        let prefix = identity.statusListURL("")
        func number(_ url: String, suffix: String = "") -> Int? {
            guard url.hasPrefix(prefix), url.hasSuffix(suffix) else { return nil }
            return Int(url.dropFirst(prefix.count).dropLast(suffix.count))
        }
        // A CLR's stacked credentials each have their own status entry.
        let stacked = credential["credentialSubject"]?["verifiableCredential"]?.arrayValue ?? []
        for part in [credential] + stacked {
            guard let url = part["credentialStatus"]?["statusListCredential"]?.stringValue, verifier.bitstringLists[url] == nil,
                  let list = number(url), let served = try? await publisher.bitstringList(list) else { continue }
            verifier.bitstringLists[url] = try? JSONParser.parse(served.body)
        }
        if let url = credential["status"]?["status_list"]?["uri"]?.stringValue, let list = number(url, suffix: "/token"),
           let served = try? await publisher.tokenList(list) {
            verifier.tokenLists[url] = served.body
        }
    }

    static func issuer(of credential: JSONValue, format: CredentialVerifier.Format) -> String? {
        switch format {
        case .sdJWTVC: credential["iss"]?.stringValue
        case .vcJWT: credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue ?? credential["iss"]?.stringValue
        case .dataIntegrity: credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        }
    }

    static func achievement(of credential: JSONValue) -> String? {
        credential["credentialSubject"]?["achievement"]?["name"]?.stringValue
            ?? credential["achievement"]?["name"]?.stringValue ?? credential["name"]?.stringValue
    }
}
