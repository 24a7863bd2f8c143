import Crypto
public import Foundation

/// Where the issuer's private keys are kept. Keys never go into the database,
/// the logs or API output.
public protocol KeyStore: Sendable {
    /// The keys, generated and stored on first use.
    func loadOrCreate() throws(CredentialError) -> IssuerKeys
}

/// Keys in a folder beside the database (`<database>.keys/`): the folder is
/// mode 0700, each key file 0600, holding the raw private key in base64url.
/// A backup of the database does not include them; back the folder up
/// separately, or credentials issued before a restore stop verifying once
/// new keys are generated.
public struct FileKeyStore: KeyStore {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The key folder for a database file: `erkend.sqlite` → `erkend.sqlite.keys`.
    public init(besideDatabase path: String) {
        self.init(directory: URL(fileURLWithPath: path + ".keys"))
    }

    static let ed25519File = "ed25519-1.key"
    static let p256File = "p256-1.key"

    public func loadOrCreate() throws(CredentialError) -> IssuerKeys {
        let manager = FileManager.default
        do {
            if !manager.fileExists(atPath: directory.path) {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let ed = try readOrCreate(Self.ed25519File) { Curve25519.Signing.PrivateKey().rawRepresentation }
            let p = try readOrCreate(Self.p256File) { P256.Signing.PrivateKey().rawRepresentation }
            return IssuerKeys(ed25519: try Curve25519.Signing.PrivateKey(rawRepresentation: ed),
                              p256: try P256.Signing.PrivateKey(rawRepresentation: p))
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(.issuance, "cannot read or create the issuer keys in \(directory.path): \(error.localizedDescription)")
        }
    }

    private func readOrCreate(_ name: String, generate: () -> Data) throws -> Data {
        let file = directory.appendingPathComponent(name)
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            if let mode = (attributes[.posixPermissions] as? Int) ?? (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
                throw CredentialError(.issuance, "\(file.path) can be read by others (mode \(String(mode, radix: 8))); make it 0600")
            }
            guard let raw = Base64URL.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CredentialError(.issuance, "\(file.path) does not hold a key")
            }
            return raw
        }
        let raw = generate()
        guard FileManager.default.createFile(atPath: file.path, contents: Data((Base64URL.encode(raw) + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CredentialError(.issuance, "cannot write \(file.path)")
        }
        return raw
    }
}
