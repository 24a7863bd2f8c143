import Crypto
import ErkendCore
import Foundation
import HummingbirdBcrypt
import Synchronization

/// How passwords are stored: bcrypt over a keyed pre-hash, so that every byte of
/// a long password counts (bcrypt alone reads only the first 72 bytes and stops at NUL).
///
/// A stored hash says which construction made it:
/// - `$erkend-hmac-bcrypt$TAG$<bcrypt>`: bcrypt of base64(HMAC-SHA-256(pepper, NFKC(password))).
///   The base64 text is 44 characters, with no NUL, well inside bcrypt's 72 bytes.
///   `TAG` names the pepper (`0` for the built-in one, else 8 hex characters derived from it).
/// - `$2a$…`/`$2b$…`/`$2y$…`: plain bcrypt of the password, as Erkend stored it before;
///   such a hash is replaced by the current construction on the next successful sign-in.
struct PasswordHasher: Sendable {
    /// bcrypt's work factor: 12 in production (about a quarter second), lower in tests.
    let cost: UInt8
    let pepper: Pepper

    static let prefix = "$erkend-hmac-bcrypt$"

    /// The secret key of the pre-hash. Set `ERKEND_PASSWORD_PEPPER` (at least 32 characters,
    /// kept outside the database and its backups) so that a copied database alone cannot be
    /// guessed against; without it a built-in key is used, which still lifts the 72-byte limit.
    struct Pepper: Sendable {
        let key: SymmetricKey
        let tag: String

        static let builtIn = Pepper(key: SymmetricKey(data: SHA256.hash(data: Data("erkend password pre-hash, built-in key".utf8))), tag: "0")

        init(key: SymmetricKey, tag: String) {
            self.key = key
            self.tag = tag
        }

        /// A pepper from a secret text; `nil` or empty means the built-in key.
        static func from(_ secret: String?) throws -> Pepper {
            guard let secret, !secret.isEmpty else { return .builtIn }
            guard secret.utf8.count >= 32 else {
                throw ErkendError.invalid("ERKEND_PASSWORD_PEPPER", "must be at least 32 characters of random text")
            }
            let key = SymmetricKey(data: SHA256.hash(data: Data(secret.utf8)))
            let tag = Secrets.hex(HMAC<SHA256>.authenticationCode(for: Data("erkend pepper tag".utf8), using: key).prefix(4))
            return Pepper(key: key, tag: tag)
        }

        /// The pepper of the process environment.
        static func fromEnvironment() -> Pepper {
            (try? from(ProcessInfo.processInfo.environment["ERKEND_PASSWORD_PEPPER"])) ?? .builtIn
        }
    }

    enum Verification: Equatable {
        case mismatch
        /// The password is right; `rehash` when the stored hash should be replaced by `hash(password)`.
        case match(rehash: Bool)
    }

    init(cost: UInt8, pepper: Pepper = .fromEnvironment()) {
        self.cost = cost
        self.pepper = pepper
    }

    func hash(_ password: String) -> String {
        Self.prefix + pepper.tag + "$" + Bcrypt.hash(Self.preHash(password, pepper), cost: cost)
    }

    func verify(_ password: String, against stored: String) -> Verification {
        if stored.hasPrefix(Self.prefix) {
            let rest = stored.dropFirst(Self.prefix.count)
            guard let dollar = rest.firstIndex(of: "$") else { return burn(password) }
            let tag = String(rest[..<dollar]), inner = String(rest[rest.index(after: dollar)...])
            let used: Pepper
            switch tag {
            case pepper.tag: used = pepper
            case Pepper.builtIn.tag: used = .builtIn
            default: return burn(password)  // made with a pepper this server does not have
            }
            guard Bcrypt.verify(Self.preHash(password, used), hash: inner) else { return .mismatch }
            return .match(rehash: used.tag != pepper.tag)
        }
        guard stored.hasPrefix("$2") else { return burn(password) }
        // The old construction: plain bcrypt. Passwords it could not tell apart (over 72 bytes) are replaced on success.
        return Bcrypt.verify(password, hash: stored) ? .match(rehash: true) : .mismatch
    }

    /// Spends the time of a real check, for unknown user names, accounts without a password
    /// and disabled accounts, so that timing does not tell them apart. Always `.mismatch`.
    @discardableResult
    func burn(_ password: String) -> Verification {
        _ = Bcrypt.verify(Self.preHash(password, pepper), hash: Self.decoy(cost: cost))
        return .mismatch
    }

    static func preHash(_ password: String, _ pepper: Pepper) -> String {
        let normal = password.precomposedStringWithCompatibilityMapping
        return Data(HMAC<SHA256>.authenticationCode(for: Data(normal.utf8), using: pepper.key)).base64EncodedString()
    }

    /// The construction Erkend used before: plain bcrypt. Only tests make such hashes now, to check they migrate.
    static func plainBcrypt(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// One decoy hash per work factor, made once.
    private static let decoys = DecoyCache()

    static func decoy(cost: UInt8) -> String { decoys.hash(cost: cost) }
}

private final class DecoyCache: Sendable {
    private let hashes = Mutex<[UInt8: String]>([:])

    func hash(cost: UInt8) -> String {
        if let hash = hashes.withLock({ $0[cost] }) { return hash }
        let made = Bcrypt.hash("decoy password for names without an account", cost: cost)
        return hashes.withLock { hashes in
            if let existing = hashes[cost] { return existing }
            hashes[cost] = made
            return made
        }
    }
}
