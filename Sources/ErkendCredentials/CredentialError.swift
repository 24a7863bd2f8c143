/// Why a credential could not be issued or did not verify, in words a person
/// can act on. The HTTP layer maps `kind` to a status; the CLI prints `message`.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The input is not a credential of the expected shape (not JSON, not a JWS, missing fields).
        case malformed
        /// The signature does not verify with the issuer's key, or the key is not the issuer's.
        case badSignature
        /// The algorithm or header is one Erkend does not accept (`alg`, `typ`, `crit`).
        case unsupported
        /// Not yet valid, or expired.
        case outsideValidity
        /// The status list says the credential is revoked or suspended.
        case revoked
        /// Issuing failed (canonicalization, a key that cannot sign).
        case issuance
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func malformed(_ message: String) -> CredentialError { CredentialError(.malformed, message) }
}
