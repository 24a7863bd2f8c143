import Crypto
import Foundation

/// Random secrets for sessions, tokens and links, and the hashes under which they are stored.
enum Secrets {
    /// 32 random bytes, base64url without padding: unguessable and safe in URLs and cookies.
    static func make(prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A short public identifier (for logs and the audit log), 12 random hex characters.
    static func publicID() -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// SHA-256 of a secret, hex. Secrets are long and random, so a fast hash is enough.
    static func hash(_ secret: String) -> String {
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Lower-case hex of bytes; `String(format:)` per byte cost more than the hash.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Compares two strings in time that does not depend on where they differ.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
