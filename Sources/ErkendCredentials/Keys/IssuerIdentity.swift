import Foundation
public import LinkedData

/// Who issues: the public URL Erkend is reached at (behind the TLS proxy), the
/// institution's name and country, and every identifier and URL derived from
/// them. `did:web` is derived from the public URL, so the DID document is
/// served at `<public URL>/.well-known/did.json` (no path) or `<public URL>/did.json`.
public struct IssuerIdentity: Sendable, Hashable {
    /// `https://erkend.roc-voorbeeld.nl` (no trailing slash, no query or fragment).
    public let publicURL: String
    public var name: String
    /// ISO 3166-1 alpha-2.
    public var country: String
    /// The institution's home page, if not the public URL.
    public var homepage: String?

    public init(publicURL: String, name: String, country: String = "NL", homepage: String? = nil) throws(CredentialError) {
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        guard let parsed = URLComponents(string: url), let host = parsed.host, !host.isEmpty,
              parsed.scheme == "https" || (parsed.scheme == "http" && Self.loopbackHosts.contains(host)),
              parsed.query == nil, parsed.fragment == nil, parsed.user == nil else {
            throw .malformed("the public URL must be https://host[:port][/path] without query or fragment (http only on this machine: 127.0.0.1, localhost), got '\(publicURL.prefix(80))'")
        }
        self.publicURL = url
        self.did = Self.did(of: url)
        self.name = name
        self.country = country
        self.homepage = homepage
    }

    /// Hosts where plain http is accepted, for trying Erkend out on one machine; a
    /// wallet or verifier elsewhere resolves `did:web` over https only.
    static let loopbackHosts: Set<String> = ["127.0.0.1", "localhost", "[::1]", "::1"]

    /// `did:web:host[%3Aport][:path:segments]`, worked out once (every signature names it).
    public let did: String

    private static func did(of publicURL: String) -> String {
        let components = URLComponents(string: publicURL)!
        var did = "did:web:" + (components.host ?? "")
        if let port = components.port { did += "%3A\(port)" }
        for segment in components.path.split(separator: "/") { did += ":" + segment }
        return did
    }

    /// Where the DID document must be served for `did` to resolve.
    public var didDocumentURL: String {
        let path = URLComponents(string: publicURL)!.path
        return path.isEmpty || path == "/" ? publicURL + "/.well-known/did.json" : publicURL + "/did.json"
    }

    public func verificationMethod(_ fragment: String) -> String { did + "#" + fragment }

    /// The stable URL of a catalogue version, which dereferences to the published entity.
    public func achievementURL(kind: String, code: String, version: Int) -> String {
        // Catalogue codes are nearly always plain (`SD-B1-K1-W1`): skip Foundation's percent-encoding for them,
        // which costs more per credential than the SD-JWT VC's signature.
        let plain = code.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F
        }
        let escaped = plain ? code : code.addingPercentEncoding(withAllowedCharacters: Self.segmentAllowed) ?? code
        return "\(publicURL)/api/v1/\(kind)/\(escaped)/versions/\(version)"
    }

    /// What a path segment may hold unescaped: a path's characters without `/`.
    private static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))

    public func credentialURL(_ id: String) -> String { "\(publicURL)/credentials/\(id)" }

    public func statusListURL(_ list: String) -> String { "\(publicURL)/status/\(list)" }

    /// The DID document: every published key as a Multikey under `assertionMethod`.
    public func didDocument(keys: IssuerKeys) -> JSONValue {
        let methods: [JSONValue] = keys.published.map { key in
            [
                "id": .string(verificationMethod(key.id)),
                "type": "Multikey",
                "controller": .string(did),
                "publicKeyMultibase": .string(KeyEncoding.multikey(key)),
            ]
        }
        let ids: [JSONValue] = keys.published.map { .string(verificationMethod($0.id)) }
        return [
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": .array(methods),
            "assertionMethod": .array(ids),
        ]
    }

    /// The JWKS of every published key, with `kid` the full verification-method id.
    public func jwks(keys: IssuerKeys) -> JSONValue {
        ["keys": .array(keys.published.map { KeyEncoding.jwk($0, kid: verificationMethod($0.id)) })]
    }

    /// `/.well-known/jwt-vc-issuer`: the SD-JWT VC issuer metadata with the JWKS inline.
    public func jwtVCIssuerMetadata(keys: IssuerKeys) -> JSONValue {
        ["issuer": .string(publicURL), "jwks": jwks(keys: keys)]
    }
}
