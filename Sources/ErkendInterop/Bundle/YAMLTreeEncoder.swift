import ErkendCore
import Foundation
import Yams

/// A value being encoded: containers are filled after they are handed out,
/// so the tree is built from reference-typed nodes and frozen at the end.
final class EncodedValue {
    enum Content {
        case empty
        /// Text the reader must get back as text (quoted when YAML would read it otherwise).
        case text(String)
        /// A number, truth value or date, written as it is.
        case literal(String)
        case mapping([(String, EncodedValue)])
        case sequence([EncodedValue])
    }

    var content: Content = .empty

    func append(_ key: String, _ value: EncodedValue) {
        if case .mapping(var pairs) = content { pairs.append((key, value)); content = .mapping(pairs) } else { content = .mapping([(key, value)]) }
    }

    func append(_ value: EncodedValue) {
        if case .sequence(var items) = content { items.append(value); content = .sequence(items) } else { content = .sequence([value]) }
    }

    /// The YAML node, with empty mappings, lists and absent values left out,
    /// so optional fields that say nothing take no lines. `nil` when empty.
    func node(leadingKeys: [String] = []) -> Node? {
        switch content {
        case .empty:
            return nil
        case .text(let text):
            var scalar = text.represented()
            if text.contains("\n") { scalar.style = .literal }
            return .scalar(scalar)
        case .literal(let text):
            return .scalar(Node.Scalar(text, .implicit, .plain))
        case .mapping(let pairs):
            let ordered = leadingKeys.compactMap { key in pairs.first { $0.0 == key } } + pairs.filter { !leadingKeys.contains($0.0) }
            let kept = ordered.compactMap { key, value in value.node().map { (Node(key), $0) } }
            return kept.isEmpty ? nil : .mapping(Node.Mapping(kept))
        case .sequence(let items):
            let kept = items.map { $0.node() ?? .mapping(Node.Mapping([], .implicit, .flow)) }
            return kept.isEmpty ? nil : .sequence(Node.Sequence(kept))
        }
    }
}

/// Encodes the model's `Encodable` types into an `EncodedValue` tree, writing
/// dates as ISO 8601 and localized texts with Dutch first, then English.
struct YAMLTreeEncoder: Encoder {
    let target: EncodedValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func encode(_ value: some Encodable) throws -> EncodedValue {
        let root = EncodedValue()
        try encode(value, into: root, at: [])
        return root
    }

    static func encode<T: Encodable>(_ value: T, into target: EncodedValue, at codingPath: [any CodingKey]) throws {
        switch value {
        case let text as String: target.content = .text(text)
        case let number as Int: target.content = .literal(String(number))
        case let number as Double: target.content = .literal(number.description)
        case let truth as Bool: target.content = .literal(truth ? "true" : "false")
        case let date as Date: target.content = .literal(BundleDate.format(date))
        case let text as LocalizedText:
            let order = text.languages.sorted { (rank($0), $0) < (rank($1), $1) }
            target.content = .mapping(order.map { language in
                let value = EncodedValue()
                value.content = .text(text[language]!)
                return (language, value)
            })
        default:
            try value.encode(to: YAMLTreeEncoder(target: target, codingPath: codingPath))
        }
    }

    /// Dutch, then English, then the rest alphabetically.
    private static func rank(_ language: String) -> Int {
        ["nl": 0, "en": 1][language] ?? 2
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .mapping = target.content {} else { target.content = .mapping([]) }
        return KeyedEncodingContainer(YAMLKeyedEncodingContainer<Key>(target: target, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .sequence = target.content {} else { target.content = .sequence([]) }
        return YAMLUnkeyedEncodingContainer(target: target, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        YAMLSingleValueEncodingContainer(target: target, codingPath: codingPath)
    }
}

struct YAMLKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let target: EncodedValue
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> EncodedValue {
        let value = EncodedValue()
        target.append(key.stringValue, value)
        return value
    }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try YAMLTreeEncoder.encode(value, into: child(key), at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        YAMLTreeEncoder(target: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        YAMLTreeEncoder(target: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { YAMLTreeEncoder(target: target, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { YAMLTreeEncoder(target: child(key), codingPath: codingPath + [key]) }
}

struct YAMLUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let target: EncodedValue
    let codingPath: [any CodingKey]
    private(set) var count = 0

    init(target: EncodedValue, codingPath: [any CodingKey]) {
        self.target = target
        self.codingPath = codingPath
    }

    private mutating func next() -> (EncodedValue, [any CodingKey]) {
        let value = EncodedValue()
        target.append(value)
        defer { count += 1 }
        return (value, codingPath + [YAMLKey(intValue: count)])
    }

    mutating func encodeNil() throws { _ = next() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (child, path) = next()
        try YAMLTreeEncoder.encode(value, into: child, at: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (child, path) = next()
        return YAMLTreeEncoder(target: child, codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (child, path) = next()
        return YAMLTreeEncoder(target: child, codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let (child, path) = next()
        return YAMLTreeEncoder(target: child, codingPath: path)
    }
}

struct YAMLSingleValueEncodingContainer: SingleValueEncodingContainer {
    let target: EncodedValue
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { target.content = .empty }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try YAMLTreeEncoder.encode(value, into: target, at: codingPath)
    }
}
