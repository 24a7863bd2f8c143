import Crypto
import Foundation

/// SHA-256 as lowercase hex: the form the audit chain, sign-off token hashes
/// and evidence checksums are stored in.
enum SHA256Hex {
    static func of(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func of(_ text: String) -> String {
        of(Data(text.utf8))
    }

    /// SHA-256 of several byte runs as if they were one, without joining them first.
    static func of(_ parts: [Data]) -> String {
        var hasher = SHA256()
        for part in parts { hasher.update(data: part) }
        return hex(hasher.finalize())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var characters = [UInt8]()
        characters.reserveCapacity(64)
        for byte in digest {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
