import Yams

/// Fields of a mapping. Every key the type asks for is noted, so the keys it
/// never asks for can be reported as unknown.
struct YAMLKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tree: YAMLTreeDecoder
    /// `nil` when the mapping is absent (or was not a mapping).
    let mapping: Node.Mapping?
    /// Missing fields go unreported below a value already reported.
    let quiet: Bool
    let line: Int?
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        guard let mapping else { return [] }
        return mapping.keys.compactMap { node in
            guard let name = node.string else { return nil }
            tree.asked(name, at: codingPath)
            return Key(stringValue: name)
        }
    }

    private func value(_ key: Key) -> Node? {
        tree.asked(key.stringValue, at: codingPath)
        return mapping?[key.stringValue]
    }

    private func slot(_ key: Key) -> YAMLSlot {
        value(key).map { .node($0) } ?? .absent(reported: quiet, line: line)
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { value(key)?.isNull ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try tree.decode(type, from: slot(key), at: codingPath + [key])
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try tree.decode(type, from: slot(key), at: codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try tree.decode(type, from: slot(key), at: codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try tree.decode(type, from: slot(key), at: codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try tree.decode(type, from: slot(key), at: codingPath + [key]) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try YAMLNodeDecoder(tree: tree, slot: slot(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try YAMLNodeDecoder(tree: tree, slot: slot(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        YAMLNodeDecoder(tree: tree, slot: mapping.map { .node(.mapping($0)) } ?? .absent(reported: quiet, line: line), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        YAMLNodeDecoder(tree: tree, slot: slot(key), codingPath: codingPath + [key])
    }
}

/// Items of a list, in order.
struct YAMLUnkeyedContainer: UnkeyedDecodingContainer {
    let tree: YAMLTreeDecoder
    let items: [Node]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(tree: YAMLTreeDecoder, items: [Node], codingPath: [any CodingKey]) {
        self.tree = tree
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() -> (YAMLSlot, [any CodingKey]) {
        let path = codingPath + [YAMLKey(intValue: currentIndex)]
        let slot: YAMLSlot = isAtEnd ? .absent(reported: false, line: items.last?.mark?.line) : .node(items[currentIndex])
        currentIndex += 1
        return (slot, path)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (slot, path) = next()
        return try tree.decode(type, from: slot, at: path)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let (slot, path) = next(); return try tree.decode(type, from: slot, at: path) }
    mutating func decode(_ type: String.Type) throws -> String { let (slot, path) = next(); return try tree.decode(type, from: slot, at: path) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (slot, path) = next(); return try tree.decode(type, from: slot, at: path) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (slot, path) = next(); return try tree.decode(type, from: slot, at: path) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (slot, path) = next()
        return try YAMLNodeDecoder(tree: tree, slot: slot, codingPath: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (slot, path) = next()
        return try YAMLNodeDecoder(tree: tree, slot: slot, codingPath: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (slot, path) = next()
        return YAMLNodeDecoder(tree: tree, slot: slot, codingPath: path)
    }
}

/// One value: text, a number, or a type that reads itself from one (references, enumerations).
struct YAMLSingleValueContainer: SingleValueDecodingContainer {
    let tree: YAMLTreeDecoder
    let slot: YAMLSlot
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .node(let node) = slot { return node.isNull }
        return true
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try tree.decode(type, from: slot, at: codingPath) }
    func decode(_ type: Bool.Type) throws -> Bool { try tree.decode(type, from: slot, at: codingPath) }
    func decode(_ type: String.Type) throws -> String { try tree.decode(type, from: slot, at: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try tree.decode(type, from: slot, at: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try tree.decode(type, from: slot, at: codingPath) }
}
