import ErkendCore
import ErkendCredentials
import Foundation
import HTTPTypes
import Hummingbird
import LinkedData
import NIOCore

/// The public face of Erkend as an issuer, for wallets and verifiers without an
/// account: the `did:web` document, the SD-JWT VC issuer metadata with its JWKS,
/// Erkend's JSON-LD context, the learning credential's type metadata, and the
/// status lists (W3C Bitstring as a signed credential, IETF Token Status List as
/// a JWT) with cache headers and ETags, so a verifier revalidates cheaply.
struct CredentialsController: Sendable {
    let publisher: CredentialPublisher

    /// How long a verifier may cache a status list: the Bitstring list's `ttl` (5 minutes).
    static let statusCacheControl = "public, max-age=300"
    static let metadataCacheControl = "public, max-age=3600"

    func addRoutes(to router: GuardedRouter) {
        let publisher = publisher
        router.get(".well-known/did.json", .action(.readPublished)) { request, _ in
            let identity = try publisher.identity()
            return Self.document(identity.didDocument(keys: publisher.setup.keys), type: "application/did+json", request: request)
        }
        router.get(".well-known/jwt-vc-issuer", .action(.readPublished)) { request, _ in
            let identity = try publisher.identity()
            return Self.document(identity.jwtVCIssuerMetadata(keys: publisher.setup.keys), type: "application/json", request: request)
        }
        router.get("contexts/erkend/v1", .action(.readPublished)) { request, _ in
            let identity = try publisher.identity()
            return Self.text(ErkendContext.text(publicURL: identity.publicURL), type: "application/ld+json",
                             cacheControl: Self.metadataCacheControl, request: request)
        }
        router.get("vct/learning-credential/v1", .action(.readPublished)) { request, _ in
            let identity = try publisher.identity()
            return Self.document(LearningCredential.typeMetadata(identity: identity), type: "application/json", request: request)
        }
        router.get("status/:list", .action(.readPublished)) { request, context in
            let served = try await publisher.bitstringList(try Self.listNumber(context))
            return Self.served(served, request: request)
        }
        router.get("status/:list/token", .action(.readPublished)) { request, context in
            let served = try await publisher.tokenList(try Self.listNumber(context))
            return Self.served(served, request: request)
        }
    }

    static func listNumber(_ context: ErkendRequestContext) throws -> Int {
        let text = try context.parameters.require("list")
        guard let list = Int(text), list >= 1, String(list) == text else { throw ErkendError.notFound("status list \(text.prefix(20))") }
        return list
    }

    static func document(_ value: JSONValue, type: String, request: Request) -> Response {
        text(JSONWriter.string(value), type: type, cacheControl: metadataCacheControl, request: request)
    }

    static func text(_ body: String, type: String, cacheControl: String, request: Request) -> Response {
        served(CredentialPublisher.Served(body: body, contentType: type, eTag: CredentialPublisher.eTag(body)), request: request,
               cacheControl: cacheControl)
    }

    /// The body with its ETag, or 304 Not Modified when the client's copy is current.
    static func served(_ served: CredentialPublisher.Served, request: Request, cacheControl: String = statusCacheControl) -> Response {
        var headers: HTTPFields = [.eTag: served.eTag, .cacheControl: cacheControl]
        if let match = request.headers[.ifNoneMatch], matches(match, served.eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = served.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: served.body)))
    }

    /// `If-None-Match`: `*` or a list of entity tags (weak comparison).
    static func matches(_ header: String, _ eTag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == eTag || tag == "W/" + eTag
        }
    }
}
