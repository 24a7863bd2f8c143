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
///
/// Keys come in generations. The current generation N signs: `ed25519-N.key`
/// and `p256-N.key`. Earlier generations keep only their public halves,
/// `ed25519-M.pub` and `p256-M.pub` (Multikey text), which are still published
/// so that everything signed with them keeps verifying. `rotate` starts
/// generation N+1; `withdraw` stops publishing an earlier key (a compromised one).
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

    /// What a rotation did: the ids (fragments) of the keys that sign from now on, and of those retired.
    public struct Rotation: Sendable {
        public var current: [String]
        public var retired: [String]
    }

    public func loadOrCreate() throws(CredentialError) -> IssuerKeys {
        try guarded {
            try ensureDirectory()
            let generation = try files().keyGenerations.max() ?? 1
            return try load(generation: generation)
        }
    }

    /// Starts a new generation of keys: new Ed25519 and P-256 private keys sign from now on; the
    /// public halves of the current ones stay published and their private halves are deleted.
    /// Running servers pick the new keys up when they start again.
    public func rotate() throws(CredentialError) -> Rotation {
        try guarded {
            try ensureDirectory()
            let current = try files().keyGenerations.max() ?? 1
            let old = try load(generation: current)
            let next = current + 1
            // New keys first, public halves next, old private halves last: a rotation cut short leaves
            // two private generations, and the lower one is then published as retired.
            _ = try readOrCreate("ed25519-\(next).key") { Curve25519.Signing.PrivateKey().rawRepresentation }
            _ = try readOrCreate("p256-\(next).key") { P256.Signing.PrivateKey().rawRepresentation }
            try writePublic("ed25519-\(current).pub", KeyEncoding.multikey(old.ed25519.publicKey))
            try writePublic("p256-\(current).pub", KeyEncoding.multikey(old.p256.publicKey))
            for name in ["ed25519-\(current).key", "p256-\(current).key"] {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
            let keys = try load(generation: next)
            return Rotation(current: [keys.ed25519ID, keys.p256ID], retired: [old.ed25519ID, old.p256ID])
        }
    }

    /// Stops publishing an earlier key (`ed25519-1`): credentials it signed stop verifying. The current
    /// keys cannot be withdrawn; rotate first.
    public func withdraw(_ id: String) throws(CredentialError) {
        try guarded {
            let keys = try loadOrCreate()
            guard ![keys.ed25519ID, keys.p256ID].contains(id) else {
                throw CredentialError(.issuance, "\(id) is the key that signs now; run erkend keys rotate first, then withdraw it")
            }
            let file = directory.appendingPathComponent(id + ".pub")
            guard keys.retired.contains(where: { $0.id == id }), FileManager.default.fileExists(atPath: file.path) else {
                throw CredentialError(.issuance, "no earlier key \(id) is published; published: \(keys.published.map(\.id).joined(separator: ", "))")
            }
            try FileManager.default.removeItem(at: file)
        }
    }

    private func guarded<T>(_ body: () throws -> T) throws(CredentialError) -> T {
        do {
            return try body()
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(.issuance, "cannot read or change the issuer keys in \(directory.path): \(error.localizedDescription)")
        }
    }

    private func ensureDirectory() throws {
        if !FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
    }

    /// The generations of private keys (`ed25519-N.key`) and of retired public keys (`*-M.pub`) in the folder.
    private func files() throws -> (keyGenerations: [Int], names: [String]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let generations = names.compactMap { name -> Int? in
            guard name.hasPrefix("ed25519-"), name.hasSuffix(".key") else { return nil }
            return Int(name.dropFirst("ed25519-".count).dropLast(".key".count))
        }
        return (generations, names)
    }

    /// The keys of generation `generation` (made when missing) and every earlier key still published.
    private func load(generation: Int) throws -> IssuerKeys {
        let ed = try readOrCreate("ed25519-\(generation).key") { Curve25519.Signing.PrivateKey().rawRepresentation }
        let p = try readOrCreate("p256-\(generation).key") { P256.Signing.PrivateKey().rawRepresentation }
        var retired: [(generation: Int, key: IssuerKeys.PublicKey)] = []
        for name in try files().names.sorted() {
            let parts = name.split(separator: ".")
            guard parts.count == 2, let dash = parts[0].lastIndex(of: "-"), let number = Int(parts[0][parts[0].index(after: dash)...]),
                  number < generation else { continue }
            let id = String(parts[0])
            let file = directory.appendingPathComponent(name)
            switch parts[1] {
            case "pub":
                let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard let key = KeyEncoding.publicKey(multikey: text, id: id) else {
                    throw CredentialError(.issuance, "\(file.path) does not hold a public key")
                }
                retired.append((number, key))
            case "key" where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(id + ".pub").path):
                // Left by a rotation that was cut short: publish its public half.
                let raw = try readOrCreate(name) { Data() }
                if id.hasPrefix("ed25519-") { retired.append((number, .ed25519(id: id, key: try Curve25519.Signing.PrivateKey(rawRepresentation: raw).publicKey))) }
                if id.hasPrefix("p256-") { retired.append((number, .p256(id: id, key: try P256.Signing.PrivateKey(rawRepresentation: raw).publicKey))) }
            default:
                continue
            }
        }
        return IssuerKeys(ed25519: try Curve25519.Signing.PrivateKey(rawRepresentation: ed), p256: try P256.Signing.PrivateKey(rawRepresentation: p),
                          ed25519ID: "ed25519-\(generation)", p256ID: "p256-\(generation)",
                          retired: retired.sorted { ($0.generation, $0.key.id) > ($1.generation, $1.key.id) }.map(\.key))
    }

    private func writePublic(_ name: String, _ text: String) throws {
        let file = directory.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: file.path) { return }
        guard FileManager.default.createFile(atPath: file.path, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CredentialError(.issuance, "cannot write \(file.path)")
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
