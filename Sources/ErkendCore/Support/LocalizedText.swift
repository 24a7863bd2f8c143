/// Text in one or more languages, keyed by a BCP 47 language code (`nl`, `en`).
/// Erkend's own texts are written in Dutch and English; ESCO brings more.
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public init(nl: String? = nil, en: String? = nil) {
        var values: [String: String] = [:]
        values["nl"] = nl
        values["en"] = en
        self.init(values)
    }

    public subscript(language: String) -> String? {
        get { values[language] }
        set {
            if let newValue, !newValue.isEmpty { values[language] = newValue } else { values[language] = nil }
        }
    }

    public var isEmpty: Bool { values.isEmpty }
    public var languages: [String] { values.keys.sorted() }

    /// The text in the first of the preferred languages that has one, else any.
    public func best(_ preferred: [String] = ["nl", "en"]) -> String? {
        for language in preferred { if let text = values[language] { return text } }
        return values.keys.sorted().first.flatMap { values[$0] }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode([String: String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
