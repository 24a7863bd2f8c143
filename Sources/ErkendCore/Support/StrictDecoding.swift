/// A coding key for any string, to see every key a container holds.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Refuses keys a type does not know, so that a typo in a field name is an
/// error instead of a silently dropped value.
public enum StrictDecoding {
    /// A decoder that reports unknown keys itself (with lines and suggestions, as
    /// the catalogue bundle reader does) sets this to `true` in its `userInfo`.
    public static let decoderReportsUnknownKeys = CodingUserInfoKey(rawValue: "erkend.decoderReportsUnknownKeys")!

    static func rejectUnknownKeys<Keys: CodingKey>(_ decoder: any Decoder, _ keys: Keys.Type) throws {
        if decoder.userInfo[decoderReportsUnknownKeys] as? Bool == true { return }
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let unknown = container.allKeys.filter { Keys(stringValue: $0.stringValue) == nil }
        guard let first = unknown.first else { return }
        throw DecodingError.dataCorrupted(.init(
            codingPath: decoder.codingPath + [first],
            debugDescription: "unknown field '\(first.stringValue)'"))
    }
}
