import Crypto
public import ErkendCore
public import ErkendCredentials
import Foundation
import LinkedData
import Synchronization

/// Who issues Erkend's credentials: the institution's name and the signing keys.
/// `erkend serve` loads the keys from the key folder beside the database
/// (`FileKeyStore`); services made without it (tests) get fresh keys in memory.
public struct IssuerSetup: Sendable {
    public var keys: IssuerKeys
    /// The institution as credentials name it (`ROC Voorbeeld`).
    public var name: String

    /// Fresh keys in memory, for tests and tries; credentials signed with them stop verifying once the process ends.
    public init() {
        self.init(keys: .generate())
    }

    public init(keys: IssuerKeys, name: String = "Erkend") {
        self.keys = keys
        self.name = name
    }
}

/// Everything the public credential routes serve, derived from the public URL
/// (known only once the server listens), the keys and the awards: the DID
/// document, the JWKS, Erkend's context, the signed status lists. Signed status
/// lists are kept per state (public URL, key, revoked indexes), so a list is
/// signed again only when a revocation changes it, and its ETag names that state.
final class CredentialPublisher: Sendable {
    let setup: IssuerSetup
    let awards: any AwardRepository
    let publicAddress: PublicAddress
    let now: @Sendable () -> Date
    private let loaders = Mutex<[String: any DocumentLoader]>([:])
    private let signedLists = Mutex<[String: String]>([:])

    init(setup: IssuerSetup, awards: any AwardRepository, publicAddress: PublicAddress, now: @escaping @Sendable () -> Date) {
        self.setup = setup
        self.awards = awards
        self.publicAddress = publicAddress
        self.now = now
    }

    func identity() throws -> IssuerIdentity {
        do {
            return try IssuerIdentity(publicURL: publicAddress.url, name: setup.name)
        } catch {
            throw ErkendError(.unavailable, "credentials need an https public URL (erkend serve --public-url https://…): \(error.message)")
        }
    }

    /// The offline document loader for this public URL (the bundled contexts plus Erkend's own).
    func loader(_ identity: IssuerIdentity) throws -> any DocumentLoader {
        if let loader = loaders.withLock({ $0[identity.publicURL] }) { return loader }
        let loader = try ErkendContext.loader(publicURL: identity.publicURL)
        loaders.withLock { $0[identity.publicURL] = loader }
        return loader
    }

    /// A status list as served: the body, its media type and an ETag naming its state.
    struct Served: Sendable {
        var body: String
        var contentType: String
        var eTag: String
    }

    /// The URL of the Token Status List with number `list` (for SD-JWT VC).
    static func tokenListURL(_ identity: IssuerIdentity, list: Int) -> String { identity.statusListURL("\(list)") + "/token" }

    /// The W3C Bitstring Status List credential `list`, signed with `eddsa-rdfc-2022`.
    func bitstringList(_ list: Int) async throws -> Served {
        let identity = try identity()
        let revoked = try await revokedIndexes(list)
        let state = "bitstring|\(identity.publicURL)|\(setup.name)|\(setup.keys.ed25519ID)|\(list)|\(revoked.map(String.init).joined(separator: ","))"
        let eTag = Self.eTag(state)
        if let body = signedLists.withLock({ $0[state] }) {
            return Served(body: body, contentType: "application/vc+ld+json", eTag: eTag)
        }
        var bits = StatusBits(entries: StatusAllocation.entriesPerList)
        for index in revoked { bits[bitstring: index] = true }
        let unsigned = BitstringStatusList.credential(listURL: identity.statusListURL("\(list)"), bits: bits, identity: identity, validFrom: now())
        let signed = try DataIntegrity.sign(unsigned, suite: .eddsaRDFC2022, key: setup.keys.ed25519,
                                            verificationMethod: identity.verificationMethod(setup.keys.ed25519ID), created: now(),
                                            loader: try loader(identity))
        let body = JSONWriter.string(signed)
        remember(state, body)
        return Served(body: body, contentType: "application/vc+ld+json", eTag: eTag)
    }

    /// The IETF Token Status List `list` as a JWT (`statuslist+jwt`), ES256.
    func tokenList(_ list: Int) async throws -> Served {
        let identity = try identity()
        let revoked = try await revokedIndexes(list)
        let state = "token|\(identity.publicURL)|\(setup.keys.p256ID)|\(list)|\(revoked.map(String.init).joined(separator: ","))"
        let eTag = Self.eTag(state)
        if let body = signedLists.withLock({ $0[state] }) {
            return Served(body: body, contentType: "application/statuslist+jwt", eTag: eTag)
        }
        var bits = StatusBits(entries: StatusAllocation.entriesPerList)
        for index in revoked { bits[token: index] = true }
        let token = try TokenStatusList.token(uri: Self.tokenListURL(identity, list: list), bits: bits, issuedAt: now(),
                                              key: .p256(setup.keys.p256), keyID: identity.verificationMethod(setup.keys.p256ID))
        remember(state, token)
        return Served(body: token, contentType: "application/statuslist+jwt", eTag: eTag)
    }

    private func revokedIndexes(_ list: Int) async throws -> [Int] {
        guard list >= 1, try await awards.statusLists().contains(list) else {
            throw ErkendError.notFound("status list \(list)")
        }
        return try await awards.revokedIndexes(list: list)
    }

    private func remember(_ state: String, _ body: String) {
        signedLists.withLock { lists in
            // Only the newest states matter; an old one is asked for only by a cache that is about to revalidate.
            if lists.count > 64 { lists.removeAll() }
            lists[state] = body
        }
    }

    static func eTag(_ state: String) -> String {
        "\"" + SHA256.hash(data: Data(state.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
