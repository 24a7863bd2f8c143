public import Foundation

/// Base58 with the Bitcoin alphabet (`base58btc`), multibase prefix `z`.
/// Written here because no package in the mirror provides it; it is a few
/// lines of big-number division and is tested against the W3C vectors.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let indexes: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    public static func encode(_ data: some DataProtocol) -> String {
        let bytes = Array(data)
        let zeros = bytes.prefix { $0 == 0 }.count
        var digits: [UInt8] = []  // base-58 digits, least significant first
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for index in digits.indices {
                carry += Int(digits[index]) << 8
                digits[index] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    public static func decode(_ text: some StringProtocol) -> Data? {
        let characters = Array(text.utf8)
        let zeros = characters.prefix { $0 == alphabet[0] }.count
        var bytes: [UInt8] = []  // least significant first
        for character in characters[zeros...] {
            guard character < 128, indexes[Int(character)] >= 0 else { return nil }
            var carry = Int(indexes[Int(character)])
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return Data([UInt8](repeating: 0, count: zeros) + bytes.reversed())
    }
}

/// Multibase strings as Data Integrity uses them: `z` + base58btc, `u` + base64url.
public enum Multibase {
    public static func base58btc(_ data: some DataProtocol) -> String { "z" + Base58.encode(data) }

    public static func base64url(_ data: some DataProtocol) -> String { "u" + Base64URL.encode(data) }

    public static func decode(_ text: String) -> Data? {
        guard let first = text.first else { return nil }
        let rest = text.dropFirst()
        switch first {
        case "z": return Base58.decode(rest)
        case "u": return Base64URL.decode(rest)
        default: return nil
        }
    }
}
