import Foundation

/// Base58 (Bitcoin alphabet) decoding, for multibase `z…` values in the test vectors.
enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    static func decode(_ text: String) -> Data? {
        var lookup = [UInt8: Int]()
        for (i, c) in alphabet.enumerated() { lookup[c] = i }
        var bytes: [UInt8] = []  // little-endian big number
        for c in text.utf8 {
            guard var carry = lookup[c] else { return nil }
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        let leadingZeros = text.utf8.prefix { $0 == alphabet[0] }.count
        return Data(repeating: 0, count: leadingZeros) + Data(bytes.reversed())
    }

    /// Multibase base58btc (`z…`).
    static func decodeMultibase(_ text: String) -> Data? {
        guard text.hasPrefix("z") else { return nil }
        return decode(String(text.dropFirst()))
    }
}
