import ErkendCore
import ErkendCredentials
import Foundation
import HTTPTypes
import Hummingbird
import LinkedData
import NIOCore
import QRCode

/// OpenID4VCI 1.0, pre-authorized code flow: the issuer and authorization server metadata, offers by
/// reference, the token, nonce and credential endpoints, and the learner's route that makes an offer.
///
/// The wallet's access token is not an Erkend API token (no `erk_` prefix), so the authentication
/// middleware leaves the credential request unauthenticated and this controller judges the token.
/// Errors follow the specifications (`{"error": …, "error_description": …}`), not RFC 9457.
///
/// Adding the authorization-code flow later: an `/oid4vci/authorize` (with PKCE S256) and a PAR endpoint
/// that store a pending authorization in the same `credentialOffer` shape (the code's hash, the award,
/// an expiry), so the token endpoint redeems either grant the same way; DPoP binds the access token to a
/// key by storing the key's thumbprint beside the token hash.
struct OpenID4VCIController: Sendable {
    let publisher: CredentialPublisher
    let storage: ErkendStorage
    /// Public endpoints: per client address, like the other public routes that take secrets.
    let limiter: GuessLimiter
    /// Counts verifications per day for the credential-use metric (never who).
    var credentialUse: CredentialUseRecorder?

    struct OfferRequest: Decodable { var transactionCode: Bool? }

    func addRoutes(to router: GuardedRouter) {
        let publisher = publisher
        router.get(".well-known/openid-credential-issuer", .action(.readPublished)) { request, _ in
            CredentialsController.document(OpenID4VCI.issuerMetadata(identity: try publisher.identity()), type: "application/json", request: request)
        }
        router.get(".well-known/oauth-authorization-server", .action(.readPublished)) { request, _ in
            CredentialsController.document(OpenID4VCI.authorizationServerMetadata(identity: try publisher.identity()), type: "application/json",
                                           request: request)
        }
        router.get("oid4vci/offers/:offer", .action(.readPublished)) { _, context in
            try await limiter.take("oid4vci \(context.clientAddress)", at: publisher.now())
            return try await offer(context)
        }
        router.post("oid4vci/token", .action(.readPublished)) { request, context in
            try await answer { try await token(request, context) }
        }
        router.post("oid4vci/nonce", .action(.readPublished)) { _, context in
            try await limiter.take("oid4vci \(context.clientAddress)", at: publisher.now())
            let nonce = Secrets.make()
            try await storage.awards.createNonce(hash: Secrets.hash(nonce), expiresAt: publisher.now().addingTimeInterval(OpenID4VCI.nonceLifetime))
            return Self.json(["c_nonce": .string(nonce)])
        }
        router.post("oid4vci/credential", .action(.readPublished)) { request, context in
            try await answer { try await credential(request, context) }
        }
        router.post("api/v1/verify", .action(.readPublished)) { request, context in
            try await limiter.take("verify \(context.clientAddress)", at: publisher.now())
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: context.maxUploadSize) } catch is NIOTooManyBytesError {
                throw ErkendError(.tooLarge, "the credential is larger than \(context.maxUploadSize / 1024) KiB")
            }
            // The API reads JSON: an Open Badges document as it is, or a JWT / SD-JWT as {"credential": "…"} or a JSON string.
            let text = String(buffer: body)
            let credential: String = switch try? JSONParser.parse(text) {
            case .string(let compact)?: compact
            case .object(let object)? where object.count == 1 && object["credential"]?.stringValue != nil: object["credential"]!.stringValue!
            default: text
            }
            let result = try await CredentialChecker(publisher: publisher).check(credential)
            credentialUse?.record(.verification)
            return try JSONIO.response(result)
        }
        router.post("api/v1/learners/:learner/awards/:award/offer", .learner(Action.collectAward)) { request, context in
            let input: OfferRequest = if request.headers[.contentType] == nil { OfferRequest() }
                else { try await JSONIO.decode(OfferRequest.self, from: request, context: context) }
            let learner = try learnerID(context)
            let id = try Award.ID(validating: try context.parameters.require("award"))
            guard let award = try await storage.awards.award(id), award.learner == learner else {
                throw ErkendError.notFound("award \(id) of learner \(learner)")
            }
            var made = try await CredentialOffers(awards: storage.awards, now: publisher.now)
                .make(award, identity: try publisher.identity(), transactionCode: input.transactionCode ?? false,
                      actor: context.principal.auditActor, channel: context.principal.auditChannel)
            made.qrSVG = try? QRCode(encoding: made.link, correction: .low).svg(moduleSize: 4)
            return try JSONIO.response(made, status: .created, headers: [.cacheControl: "no-store"])
        }
    }

    // MARK: Endpoints

    func offer(_ context: ErkendRequestContext) async throws -> Response {
        let secret = try context.parameters.require("offer")
        guard secret.count <= 100, let offer = try await storage.awards.offer(id: Secrets.hash(secret)) else {
            throw ErkendError.notFound("credential offer")
        }
        let body = OpenID4VCI.offer(identity: try publisher.identity(), configurations: offer.configurations,
                                    preAuthorizedCode: CredentialOffers.preAuthorizedCode(secret), transactionCodeLength: offer.transactionCodeLength)
        return Self.json(body)
    }

    func token(_ request: Request, _ context: ErkendRequestContext) async throws -> Response {
        try await limiter.take("oid4vci \(context.clientAddress)", at: publisher.now())
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw OpenID4VCI.Failure(.invalidRequest, "send the token request as application/x-www-form-urlencoded")
        }
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = Self.form(String(buffer: body))
        guard let grant = form["grant_type"] else { throw OpenID4VCI.Failure(.invalidRequest, "grant_type is missing") }
        guard grant == OpenID4VCI.preAuthorizedGrant else {
            throw OpenID4VCI.Failure(.unsupportedGrantType, "only the pre-authorized code grant is supported")
        }
        guard let code = form["pre-authorized_code"], !code.isEmpty else { throw OpenID4VCI.Failure(.invalidRequest, "pre-authorized_code is missing") }
        let accessToken = "oat_" + Secrets.make()
        let instant = publisher.now()
        let offer: CredentialOffer
        do {
            offer = try await storage.awards.redeemOffer(codeHash: Secrets.hash(code), transactionCodeHash: form["tx_code"].map(Secrets.hash),
                                                         accessTokenHash: Secrets.hash(accessToken),
                                                         tokenExpiresAt: instant.addingTimeInterval(OpenID4VCI.accessTokenLifetime), at: instant)
        } catch let refusal as OfferRedemptionError {
            switch refusal {
            case .unknownOrUsed: throw OpenID4VCI.Failure(.invalidGrant, "the pre-authorized code is unknown or was used already")
            case .expired: throw OpenID4VCI.Failure(.invalidGrant, "the pre-authorized code has expired; ask for a new offer")
            case .transactionCodeMissing: throw OpenID4VCI.Failure(.invalidRequest, "this offer needs the transaction code (tx_code)")
            case .transactionCodeWrong: throw OpenID4VCI.Failure(.invalidGrant, "the transaction code is wrong")
            case .tooManyAttempts: throw OpenID4VCI.Failure(.invalidGrant, "too many wrong transaction codes; ask for a new offer")
            case .awardRevoked: throw OpenID4VCI.Failure(.invalidGrant, "the award was revoked")
            }
        }
        _ = offer
        return Self.json(["access_token": .string(accessToken), "token_type": "Bearer",
                          "expires_in": .number(JSONNumber(Int(OpenID4VCI.accessTokenLifetime)))])
    }

    func credential(_ request: Request, _ context: ErkendRequestContext) async throws -> Response {
        let instant = publisher.now()
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer "),
              case let token = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces),
              let offer = try await storage.awards.offer(accessTokenHash: Secrets.hash(token), at: instant) else {
            throw OpenID4VCI.Failure(.invalidToken, "send the access token from the token endpoint as Authorization: Bearer; it may have expired")
        }
        guard JSONIO.isJSON(request.headers[.contentType] ?? "") else {
            throw OpenID4VCI.Failure(.invalidCredentialRequest, "send the credential request as application/json")
        }
        let bytes = try await request.body.collect(upTo: 64 * 1024)
        guard case .object(let body)? = try? JSONParser.parse(Data(bytes.readableBytesView)) else {
            throw OpenID4VCI.Failure(.invalidCredentialRequest, "the credential request is not a JSON object")
        }
        if body["proof"] != nil || body["format"] != nil {
            throw OpenID4VCI.Failure(.invalidCredentialRequest, "proof and format are pre-1.0 parameters; send credential_configuration_id and proofs")
        }
        guard let requested = body["credential_configuration_id"]?.stringValue else {
            throw OpenID4VCI.Failure(.invalidCredentialRequest, "credential_configuration_id is missing")
        }
        guard let configuration = OpenID4VCI.Configuration(rawValue: requested) else {
            throw OpenID4VCI.Failure(.unknownCredentialConfiguration, "\(requested) is not in the issuer's metadata")
        }
        guard offer.configurations.contains(requested) else {
            throw OpenID4VCI.Failure(.invalidCredentialRequest, "the access token was not issued for \(requested)")
        }
        guard case .array(let proofs)? = body["proofs"]?["jwt"], !proofs.isEmpty else {
            throw OpenID4VCI.Failure(.invalidProof, "proofs.jwt must hold one openid4vci-proof+jwt")
        }
        guard proofs.count == 1, let jwt = proofs[0].stringValue else {
            throw OpenID4VCI.Failure(.invalidProof, "send exactly one proof JWT (batch issuance is not offered)")
        }
        let identity = try publisher.identity()
        let proof = try OpenID4VCI.checkProof(jwt, issuer: identity.publicURL, at: instant)
        guard try await storage.awards.consumeNonce(hash: Secrets.hash(proof.nonce), at: instant) else {
            throw OpenID4VCI.Failure(.invalidNonce, "the proof's nonce is unknown, used or expired; get a fresh one from the nonce endpoint")
        }
        guard let award = try await storage.awards.award(offer.award) else { throw ErkendError.notFound("award \(offer.award)") }
        guard award.status != .revoked else { throw OpenID4VCI.Failure(.credentialRequestDenied, "the award was revoked") }
        guard let learner = try await storage.progression.learners.learner(award.learner) else { throw ErkendError.notFound("learner \(award.learner)") }
        let key = VersionKey(award.kind.certifiedKind, award.certifies.code, award.certifies.version)
        guard let certified = try await storage.catalogue.entity(key) else { throw ErkendError.notFound("\(key), which award \(award.id) certifies") }
        let renderer = AwardCredentials(identity: identity, keys: publisher.setup.keys, loader: try publisher.loader(identity))
        let credential = try renderer.issued(award, configuration: configuration, certified: certified, learner: learner,
                                             holderKey: proof.holderKey, at: instant)
        let audit = AuditRecord(at: instant, actor: .learner(award.learner), channel: AuditChannel(kind: .token, id: "oid4vci-\(offer.id.prefix(16))"),
                                action: AuditAction.credentialIssued, subject: award.learner, target: award.id.rawValue,
                                details: ["configuration": configuration.rawValue, "credential": renderer.credentialID(award),
                                          "holderKey": proof.thumbprint])
        do {
            try await storage.awards.recordIssuance(award: award.id, holderThumbprint: proof.thumbprint, configuration: configuration.rawValue,
                                                    credentialID: renderer.credentialID(award), at: instant, audit: audit)
        } catch let refusal as IssuanceRefusal {
            switch refusal {
            case .alreadyIssued: throw OpenID4VCI.Failure(.credentialRequestDenied, "this award was already issued to this holder key")
            case .awardRevoked: throw OpenID4VCI.Failure(.credentialRequestDenied, "the award was revoked")
            }
        }
        return Self.json(["credentials": [["credential": credential]]])
    }

    // MARK: Helpers

    /// Runs an endpoint that answers with OAuth / OpenID4VCI errors; anything else (a rate limit,
    /// an unavailable database) becomes a problem document as on every other route.
    func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let failure as OpenID4VCI.Failure {
            var headers: HTTPFields = [.cacheControl: "no-store"]
            if failure.code == .invalidToken { headers[.wwwAuthenticate] = "Bearer error=\"invalid_token\"" }
            return Self.json(failure.body, status: HTTPResponse.Status(code: failure.status), headers: headers)
        }
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [.cacheControl: "no-store"]) -> Response {
        var fields: HTTPFields = [.contentType: "application/json"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(value))))
    }

    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part) }
            guard let name = parts.first else { continue }
            fields[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
