/// The identity of a taxonomy concept: an absolute URI such as
/// `http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02`.
/// URIs are stable across framework versions, which is what makes re-imports
/// update in place.
public struct ConceptURI: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts an absolute `http`, `https` or `urn` URI without spaces or control characters.
    public init(_ rawValue: String) throws {
        guard ConceptURI.isValid(rawValue) else {
            throw ErkendError(.invalidInput, "'\(rawValue.prefix(120))' is not an absolute http(s) or urn URI")
        }
        self.rawValue = rawValue
    }

    /// Accepts what `init(_:)` accepts, checked on UTF-8 bytes before any
    /// `String` is made: for readers of large files, where the `String`-based
    /// check was an eighth of reading ESCO's skills file. ASCII (every ESCO URI)
    /// is checked byte by byte; anything else goes through `isValid(_:)`.
    /// `nil` when the value is invalid or the bytes are not UTF-8.
    public init?(validatingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        switch ConceptURI.asciiValidity(bytes) {
        case true?:
            self.rawValue = String(decoding: bytes, as: UTF8.self)
        case false?:
            return nil
        case nil:
            guard let value = String(validating: bytes, as: UTF8.self), ConceptURI.isValid(value) else { return nil }
            self.rawValue = value
        }
    }

    /// For values known to be valid (read back from storage).
    public init(trusted rawValue: String) {
        self.rawValue = rawValue
    }

    public static func isValid(_ value: String) -> Bool {
        guard value.utf8.count <= 2048, !value.isEmpty else { return false }
        for byte in value.utf8 where byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\\") {
            return false
        }
        if value.hasPrefix("urn:") { return value.utf8.count > 6 }
        for scheme in ["http://", "https://"] where value.hasPrefix(scheme) {
            let rest = value.dropFirst(scheme.count)
            guard let host = rest.split(separator: "/", maxSplits: 1).first, !host.isEmpty else { return false }
            return true
        }
        return false
    }

    /// `isValid(_:)` for ASCII bytes, where every `Character` is one byte (CR
    /// LF, the one two-byte cluster, is refused anyway); `nil` for other bytes.
    private static func asciiValidity(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count <= 2048, let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        // A refused byte makes any value invalid; only without one does a byte
        // beyond ASCII leave the answer to `isValid`. Eight bytes are looked at a
        // time, and only a word that may hold a refused byte byte by byte.
        var index = 0
        var seen: UInt64 = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            seen |= word
            if mayHoldRefusedByte(word) {
                for offset in index..<index + 8 where isRefused(bytes[offset]) { return false }
            }
            index += 8
        }
        while index < bytes.count {
            if isRefused(bytes[index]) { return false }
            seen |= UInt64(bytes[index])
            index += 1
        }
        guard seen & 0x8080_8080_8080_8080 == 0 else { return nil }
        if hasPrefix(bytes, "urn:") { return bytes.count > 6 }
        let schemeLength: Int
        if hasPrefix(bytes, "http://") {
            schemeLength = 7
        } else if hasPrefix(bytes, "https://") {
            schemeLength = 8
        } else {
            return false
        }
        // What makes `split(separator: "/").first` non-empty: a byte other than `/`.
        return bytes[schemeLength...].contains { $0 != UInt8(ascii: "/") }
    }

    /// The bytes `isValid` refuses: controls, space, DEL, `"`, `<`, `>`, `\\`.
    private static func isRefused(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\\")
    }

    /// `false` only when no byte of `word` is refused (a byte beyond ASCII may
    /// answer `true`; callers check such words byte by byte).
    private static func mayHoldRefusedByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func holds(_ byte: UInt8) -> UInt64 {
            let difference = word ^ (ones &* UInt64(byte))
            return (difference &- ones) & ~difference & high
        }
        let belowSpace = (word &- ones &* 0x21) & ~word & high
        return belowSpace | holds(0x7F) | holds(UInt8(ascii: "\"")) | holds(UInt8(ascii: "<"))
            | holds(UInt8(ascii: ">")) | holds(UInt8(ascii: "\\")) != 0
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where bytes[offset] != start[offset] { return false }
        return true
    }

    /// The last path segment: the UUID of an ESCO skill, or a code such as `S1.2.3`.
    public var key: String {
        guard let slash = rawValue.utf8.lastIndex(of: UInt8(ascii: "/")) else { return rawValue }
        return String(rawValue[rawValue.index(after: slash)...])
    }

    public var description: String { rawValue }

    public static func < (lhs: ConceptURI, rhs: ConceptURI) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(String.self)
        guard ConceptURI.isValid(value) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(value.prefix(120))' is not an absolute http(s) or urn URI")
        }
        self.rawValue = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
